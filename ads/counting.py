"""Banner impressions and clicks, counted per day (Asia/Seoul) with one statement each (newsroom.counters), the
page loads whose impressions are counted already, and the clicks each address has had counted lately."""

import logging
import random
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from newsroom.counters import SHARDS, increment

from .models import BannerStat

logger = logging.getLogger(__name__)

# How long a page load's token is remembered: a beacon comes again within moments when it does (a retry, a replay).
SEEN_SECONDS = 6 * 3600


def count_impressions(banner_ids: Iterable[int], day: date | None = None) -> None:
    day = day or timezone.localdate()
    shard = random.randrange(SHARDS)
    increment(BannerStat, "impressions", [{"banner": pk, "day": day, "shard": shard} for pk in set(banner_ids)])


def count_click(banner_id: int, day: date | None = None) -> None:
    day = day or timezone.localdate()
    increment(BannerStat, "clicks", [{"banner": banner_id, "day": day, "shard": random.randrange(SHARDS)}])


def first_sighting(token: str) -> bool:
    """Whether the page load named by `token` sends its banners for the first time (and is remembered from now on).

    As with article views (audience.counting): `cache.add` is atomic, so of two beacons with one token only one
    counts, and should the cache be down the impressions count rather than being lost.
    """
    try:
        return cache.add(f"banners-seen:{token}", 1, timeout=SEEN_SECONDS)
    except Exception:
        logger.warning("cache unavailable: a repeated banner beacon would count again", exc_info=True)
        return True


def first_click(banner_id: int, address: str) -> bool:
    """Whether a click on the banner from `address` (newsroom.ceilings.address_key) is its first in
    BANNER_CLICK_WINDOW_SECONDS, and is remembered from now on: a reader who clicks again on coming back, or a
    script that clicks a hundred times, is one click in the advertiser's figures.

    `cache.add` is atomic, so of clicks at once only one counts. Unlike an impression or a view, a click is not
    counted while the cache is down: clicks are the figure advertisers pay by and the one a script most wants to run
    up, and a count a little short for the minutes of an outage is honest where one anybody could have inflated is
    not. A request with no address (a unix socket's peer) is counted: all of them would share one window.
    """
    seconds = settings.BANNER_CLICK_WINDOW_SECONDS
    if seconds <= 0 or not address:
        return True
    try:
        return cache.add(f"banner-click:{banner_id}:{address}", 1, timeout=seconds)
    except Exception:
        logger.warning("cache unavailable: banner clicks are not counted until it is back", exc_info=True)
        return False

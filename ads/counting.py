"""Banner impressions and clicks, counted per day (Asia/Seoul) with one statement each (newsroom.counters), and the
page loads whose impressions are counted already."""

import logging
import random
from collections.abc import Iterable
from datetime import date

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

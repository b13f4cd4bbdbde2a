"""Article views for 많이 본 뉴스: one statement per view on an hourly bucket (newsroom.counters), and the page loads
already counted, so that a beacon sent again for one load adds nothing."""

import logging
import random
from datetime import UTC, datetime

from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from newsroom.counters import SHARDS, increment

from .models import ArticleViewCount

logger = logging.getLogger(__name__)

# How long a page load's token is remembered. A beacon comes again within moments when it does (a browser's retry,
# a replayed request); a script that wants to add views can make new tokens anyway, so a longer memory would only
# cost cache space, one small key per view.
SEEN_SECONDS = 6 * 3600


def hour_of(moment: datetime) -> datetime:
    """The hour (UTC) a view at `moment` is counted in."""
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def count_view(article: Article, now: datetime | None = None) -> None:
    key = {"hour": hour_of(now or timezone.now()), "article": article.pk, "shard": random.randrange(SHARDS)}
    increment(ArticleViewCount, "views", [key])


def first_sighting(token: str) -> bool:
    """Whether the page load named by `token` is seen here for the first time (and is remembered from now on).

    `cache.add` is atomic on every backend, so of two beacons with one token at once only one counts. The cache is
    shared by all app servers only when it is (Redis, CACHE_URL); with locmem each process remembers its own
    loads. Should the cache be down, the view counts: a view lost would be worse than a rare repeat counted.
    """
    try:
        return cache.add(f"viewed:{token}", 1, timeout=SEEN_SECONDS)
    except Exception:
        logger.warning("cache unavailable: a repeated view beacon would count again", exc_info=True)
        return True

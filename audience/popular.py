"""많이 본 뉴스: the articles most viewed in the last hours, ranked from the hourly counts and kept in the cache."""

import logging
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import models
from django.utils import timezone

from articles.models import Article

from .counting import hour_of
from .models import ArticleViewCount

logger = logging.getLogger(__name__)

RANKING_CACHE_SECONDS = 300
# Ranked and cached per window; more than any page shows, as some may be withdrawn before the next ranking.
RANKED = 50
DAY, WEEK = 24, 7 * 24


def _rank(hours: int, now: datetime) -> list[int]:
    since = hour_of(now) - timedelta(hours=hours)
    ranking = (
        ArticleViewCount.objects.filter(hour__gte=since)
        .values("article_id")
        .annotate(total=models.Sum("views"))
        .order_by("-total", "-article_id")
    )
    return [row["article_id"] for row in ranking[:RANKED]]


def ranked_ids(hours: int, now: datetime | None = None) -> list[int]:
    """The ids of the `RANKED` most viewed articles of the last `hours` hours, most viewed first.

    The hour now running counts in full, so the window is `hours` whole hours plus the current one. Ranking a busy
    week takes a moment (docs/performance.md), so a ranking is kept in the cache and served for a day: after
    RANKING_CACHE_SECONDS the first request to see it stale re-ranks while the others go on serving the old one.
    Which of the ids readers may still see is decided by the caller at the time of reading.
    """
    now = now or timezone.now()
    key = f"popular:{hours}"
    try:
        cached = cache.get(key)
        if cached is not None and now.timestamp() - cached["at"] < RANKING_CACHE_SECONDS:
            return cached["ids"]
        if not _lock(key):  # another request is ranking: the old ranking, or none yet ("집계 중입니다")
            return cached["ids"] if cached is not None else []
    except Exception:  # a cache outage must not take the pages down; 많이 본 뉴스 waits for the cache
        logger.warning("cache unavailable: 많이 본 뉴스 not shown", exc_info=True)
        return []
    ids = _rank(hours, now)
    try:
        cache.set(key, {"ids": ids, "at": now.timestamp()}, timeout=24 * 3600)
        cache.delete(f"{key}:lock")
    except Exception:
        logger.warning("cache unavailable: ranking not kept", exc_info=True)
    return ids


def _lock(key: str) -> bool:
    """Whether this request is the one to re-rank (for a minute at most, should it fail half-way)."""
    return cache.add(f"{key}:lock", 1, timeout=60)


def most_viewed(hours: int, limit: int, now: datetime | None = None) -> list[Article]:
    """많이 본 뉴스 of the last `hours` hours: the ranking from the cache, then one query for those readers may see."""
    now = now or timezone.now()
    ids = ranked_ids(hours, now)
    if not ids:
        return []
    visible = Article.objects.published(now).filter(pk__in=ids).select_related("section", "series").in_bulk()
    return [visible[pk] for pk in ids if pk in visible][:limit]

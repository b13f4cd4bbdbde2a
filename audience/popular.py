"""많이 본 뉴스: the articles most viewed in the last hours, ranked from the hourly counts and kept in the cache.

The ranking is made by a job (audience.tasks.rank_most_viewed) that beat sends every RANKING_CACHE_SECONDS, so that
readers' requests only read it. A reader's request ranks only when the job has not: before its first run, or when it
has missed two runs in a row (no beat, as in the demo, or no worker), one request at a time.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.reads import ranked_headlines, visible_headlines

from .counting import hour_of
from .models import ArticleViewCount

logger = logging.getLogger(__name__)

# Ranked and cached per window; more than any page shows, as some may be withdrawn before the next ranking.
RANKED = 50
DAY, WEEK = 24, 7 * 24
WINDOWS = (DAY, WEEK)


def _ranking_sql(hours: int, now: datetime) -> tuple[str, list]:
    """The `RANKED` most viewed articles since `hours` hours before the current hour began, as SQL giving each
    `article_id` and its `position` (1 the most viewed): one aggregate over the hours' range of the (hour, article,
    shard) index, written out (as a queryset it cost four times its running where no cache keeps the ranking)."""
    since = connection.ops.adapt_datetimefield_value(hour_of(now) - timedelta(hours=hours))
    order = 'SUM("views") DESC, "article_id" DESC'
    sql = (
        f'SELECT "article_id", ROW_NUMBER() OVER (ORDER BY {order}) AS position '
        f'FROM "{ArticleViewCount._meta.db_table}" WHERE "hour" >= %s GROUP BY "article_id" ORDER BY {order} '
        f"LIMIT {RANKED}"
    )
    return sql, [since]


def _rank(hours: int, now: datetime) -> list[int]:
    """The ids of the `RANKED` most viewed articles of the window, most viewed first."""
    sql, params = _ranking_sql(hours, now)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def rank(hours: int, now: datetime | None = None) -> list[int]:
    """Rank the window again now and keep it in the cache for readers (what the job does); the ids."""
    now = now or timezone.now()
    ids = _rank(hours, now)
    _keep(hours, ids, now, by_job=True)
    return ids


def ranked_ids(hours: int, now: datetime | None = None) -> list[int]:
    """The ids of the `RANKED` most viewed articles of the last `hours` hours, most viewed first.

    The hour now running counts in full, so the window is `hours` whole hours plus the current one. Ranking a busy
    week takes a moment (docs/performance.md), so a ranking is kept in the cache and served for a day. The job
    ranks again every RANKING_CACHE_SECONDS; a ranking the job made is trusted for two of its runs, one made here
    for one. Past that, the first request to see it stale re-ranks while the others go on serving the old one.
    Which of the ids readers may still see is decided by the caller at the time of reading.
    """
    now = now or timezone.now()
    ids = _kept_ranking(hours, now)
    if ids is None:
        ids = _rank(hours, now)
        _keep(hours, ids, now, by_job=False)
    return ids


def _kept_ranking(hours: int, now: datetime) -> list[int] | None:
    """The ranking to serve from the cache (or none yet, while another request ranks), or None when this request is
    the one to rank (`ranked_ids`)."""
    key = _key(hours)
    try:
        cached = cache.get(key)
        if cached is not None and now.timestamp() - cached["at"] < _trusted_for(cached):
            return cached["ids"]
        if not _lock(key):  # another request is ranking: the old ranking, or none yet ("집계 중입니다")
            return cached["ids"] if cached is not None else []
    except Exception:  # a cache outage must not take the pages down; 많이 본 뉴스 waits for the cache
        logger.warning("cache unavailable: 많이 본 뉴스 not shown", exc_info=True)
        return []
    return None


def _key(hours: int) -> str:
    return f"popular:{hours}"


def _trusted_for(cached: dict) -> float:
    """Seconds a kept ranking is served as it is: the job's until it has missed a run, a request's one interval."""
    return settings.RANKING_CACHE_SECONDS * (2 if cached.get("by_job") else 1)


def _keep(hours: int, ids: list[int], now: datetime, *, by_job: bool) -> None:
    key = _key(hours)
    try:
        cache.set(key, {"ids": ids, "at": now.timestamp(), "by_job": by_job}, timeout=24 * 3600)
        cache.delete(f"{key}:lock")
    except Exception:
        if by_job:
            raise  # the job's failure is recorded; readers fall back to ranking themselves
        logger.warning("cache unavailable: ranking not kept", exc_info=True)


def _lock(key: str) -> bool:
    """Whether this request is the one to re-rank (for a minute at most, should it fail half-way)."""
    return cache.add(f"{key}:lock", 1, timeout=60)


def most_viewed(hours: int, limit: int, now: datetime | None = None) -> list[Article]:
    """많이 본 뉴스 of the last `hours` hours: the ranking from the cache, then one query for those readers may see;
    where this request is the one to rank, the ranking and those headlines in one statement.

    Only what a ranked headline shows is read (headline, 연재 prefix, section, time): of up to RANKED ranked ids,
    those readers may still see, in the ranking's order.
    """
    now = now or timezone.now()
    ids = _kept_ranking(hours, now)
    if ids is None:
        sql, params = _ranking_sql(hours, now)
        ids, headlines = ranked_headlines(sql, params, now, limit)
        _keep(hours, ids, now, by_job=False)
        return headlines
    if not ids:
        return []
    return visible_headlines(ids, now, limit)

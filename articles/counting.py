"""Counting what readers do: article views for 많이 본 뉴스, banner impressions and clicks.

Each count is one statement, `INSERT … ON CONFLICT DO UPDATE SET n = n + 1` on a small bucket row (an hour of an
article, a day of a banner), on PostgreSQL and SQLite alike. Nothing is read first, so no count is lost between a
read and a write, and each bucket is spread over `SHARDS` rows picked at random, so that simultaneous readers of
one article seldom wait on the same row lock.
"""

import logging
import random
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.core.cache import cache
from django.db import DatabaseError, connection, models
from django.http import HttpRequest
from django.utils import timezone

from .models import Article, ArticleViewCount, BannerStat

SHARDS = 4
logger = logging.getLogger(__name__)

RANKING_CACHE_SECONDS = 300
# Ranked and cached per window; more than any page shows, as some may be withdrawn before the next ranking.
RANKED = 50

# Crawlers, link previewers, monitors and scripts that announce themselves in User-Agent. Apps that embed a
# browser (the Naver and Daum apps, KakaoTalk's in-app browser) are readers and do not match.
BOT_AGENT = re.compile(
    r"(?<!cu)bot\b|bot/|crawl|spider|slurp|yeti|daumoa|\bdaum/|mediapartners|adsbot|facebookexternalhit|kakaotalk-scrap"
    r"|headlesschrome|lighthouse|pingdom|uptime|monitor|python-|curl/|wget/|httpclient|okhttp|java/|go-http|"
    r"feedfetcher|feedly|inoreader|\bpreview\b|scrap",
    re.IGNORECASE,
)


def is_reader(request: HttpRequest) -> bool:
    """A person reading the page: a GET that is not a prefetch, from a client that does not say it is a bot."""
    agent = request.headers.get("User-Agent", "")
    prefetch = request.headers.get("Purpose", "") == "prefetch" or request.headers.get("Sec-Purpose", "")
    return request.method == "GET" and bool(agent) and not prefetch and not BOT_AGENT.search(agent)


def _increment(model: type[models.Model], counter: str, keys: list[dict]) -> None:
    """Add one to `counter` in each row named by `keys` (its unique fields), creating rows at one."""
    if not keys:
        return
    # Rows always in the same order, so that two pages counting overlapping banners cannot deadlock.
    keys = sorted(keys, key=lambda key: tuple(str(value) for value in key.values()))
    fields = [model._meta.get_field(name) for name in keys[0]]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column = quote(model._meta.get_field(counter).column)
    key_columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    params = []
    for key in keys:
        params.extend(field.get_db_prep_value(key[field.name], connection) for field in fields)
        params.append(1)
    sql = (
        f"INSERT INTO {table} ({key_columns}, {column}) VALUES {', '.join([row] * len(keys))} "
        f"ON CONFLICT ({key_columns}) DO UPDATE SET {column} = {table}.{column} + 1"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:  # a count lost is better than a page lost; requests run in autocommit
        logger.warning("not counted: %s", model._meta.label, exc_info=True)


def _hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def count_view(article: Article, now: datetime | None = None) -> None:
    key = {"hour": _hour(now or timezone.now()), "article": article.pk, "shard": random.randrange(SHARDS)}
    _increment(ArticleViewCount, "views", [key])


def count_impressions(banner_ids: Iterable[int], day: date | None = None) -> None:
    day = day or timezone.localdate()
    shard = random.randrange(SHARDS)
    _increment(BannerStat, "impressions", [{"banner": pk, "day": day, "shard": shard} for pk in set(banner_ids)])


def count_click(banner_id: int, day: date | None = None) -> None:
    day = day or timezone.localdate()
    _increment(BannerStat, "clicks", [{"banner": banner_id, "day": day, "shard": random.randrange(SHARDS)}])


def _rank(hours: int, now: datetime) -> list[int]:
    since = _hour(now) - timedelta(hours=hours)
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

"""Article views for 많이 본 뉴스: one statement per view on an hourly bucket (newsroom.counters)."""

import random
from datetime import UTC, datetime

from django.utils import timezone

from articles.models import Article
from newsroom.counters import SHARDS, increment

from .models import ArticleViewCount


def hour_of(moment: datetime) -> datetime:
    """The hour (UTC) a view at `moment` is counted in."""
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def count_view(article: Article, now: datetime | None = None) -> None:
    key = {"hour": hour_of(now or timezone.now()), "article": article.pk, "shard": random.randrange(SHARDS)}
    increment(ArticleViewCount, "views", [key])

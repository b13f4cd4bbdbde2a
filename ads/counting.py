"""Banner impressions and clicks, counted per day (Asia/Seoul) with one statement each (newsroom.counters)."""

import random
from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from newsroom.counters import SHARDS, increment

from .models import BannerStat


def count_impressions(banner_ids: Iterable[int], day: date | None = None) -> None:
    day = day or timezone.localdate()
    shard = random.randrange(SHARDS)
    increment(BannerStat, "impressions", [{"banner": pk, "day": day, "shard": shard} for pk in set(banner_ids)])


def count_click(banner_id: int, day: date | None = None) -> None:
    day = day or timezone.localdate()
    increment(BannerStat, "clicks", [{"banner": banner_id, "day": day, "shard": random.randrange(SHARDS)}])

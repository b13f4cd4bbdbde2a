"""View counting under load and the 많이 본 뉴스 ranking over a busy week, on a scratch database.

    createdb -h 127.0.0.1 -U postgres newsroom_bench_views
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_views .venv/bin/python bench/counting.py

Fills --articles articles and a week of hourly view buckets (--hourly articles read every hour, each spread over
the shards), then prints:
- counting: --threads threads each counting --views views, all on one article (the worst case: every reader on
  the same story) and spread over many; views per second, per-view p50/p95, and whether every view was counted;
- ranking: the time to rank the last 24 hours and the last 7 days with a cold cache (p50/p95 over --repeat runs).
It refuses a database that already holds articles, so it never touches real data.
"""

import argparse
import os
import random
import statistics
import sys
import threading
import time
from datetime import UTC, timedelta
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from audience.counting import count_view  # noqa: E402
from audience.models import ArticleViewCount  # noqa: E402
from audience.popular import ranked_ids  # noqa: E402
from newsroom.counters import SHARDS  # noqa: E402


def fill(articles: int, hourly: int) -> list[Article]:
    section = Section.objects.create(name="벤치", slug="bench-views")
    start = timezone.now() - timedelta(days=30)
    made = Article.objects.bulk_create(
        Article(
            headline=f"기사 {i}",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=start + timedelta(seconds=i),
        )
        for i in range(articles)
    )
    hour = timezone.now().astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    rng = random.Random(1)
    for hours_ago in range(7 * 24 + 1):
        read = rng.sample(made, hourly)
        rows = [
            ArticleViewCount(
                article=article, hour=hour - timedelta(hours=hours_ago), shard=shard, views=rng.randint(1, 40)
            )
            for article in read
            for shard in range(rng.randint(1, SHARDS))
        ]
        ArticleViewCount.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return made


def hammer(targets: list[Article], threads: int, views: int) -> tuple[float, float, float]:
    timings: list[float] = []
    lock = threading.Lock()

    def reader(n: int) -> None:
        mine = []
        for i in range(views):
            began = time.perf_counter()
            count_view(targets[(n * views + i) % len(targets)])
            mine.append((time.perf_counter() - began) * 1000)
        connection.close()
        with lock:
            timings.extend(mine)

    began = time.perf_counter()
    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    timings.sort()
    return len(timings) / elapsed, statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--hourly", type=int, default=3_000, help="distinct articles read in each hour")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--views", type=int, default=500, help="views counted by each thread")
    parser.add_argument("--repeat", type=int, default=10)
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        sys.exit("This database already holds articles: use an empty scratch database.")
    began = time.perf_counter()
    made = fill(options.articles, options.hourly)
    buckets = ArticleViewCount.objects.count()
    elapsed = time.perf_counter() - began
    print(f"{connection.vendor}, {len(made):,} articles, {buckets:,} hourly buckets, filled in {elapsed:.0f} s")

    for name, targets in (("one article", made[-1:]), ("spread", made[-5000:])):
        before = ArticleViewCount.objects.filter(article__in=targets).aggregate(n=Sum("views"))["n"] or 0
        rate, p50, p95 = hammer(targets, options.threads, options.views)
        after = ArticleViewCount.objects.filter(article__in=targets).aggregate(n=Sum("views"))["n"] or 0
        counted = after - before
        expected = options.threads * options.views
        print(
            f"counting, {name:12} {options.threads} threads: {rate:8.0f} views/s   p50 {p50:5.2f} ms   "
            f"p95 {p95:5.2f} ms   counted {counted:,} of {expected:,}"
        )

    for hours, label in ((24, "last 24 hours"), (7 * 24, "last 7 days")):
        timings = []
        for _ in range(options.repeat):
            cache.clear()
            began = time.perf_counter()
            ranked_ids(hours)
            timings.append((time.perf_counter() - began) * 1000)
        timings.sort()
        p95 = timings[max(int(len(timings) * 0.95) - 1, 0)]
        print(f"ranking, {label:13} cold cache: p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()

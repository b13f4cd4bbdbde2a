"""Page latency as the archive grows: fills a scratch database with N articles, then times the public pages.

    createdb -h 127.0.0.1 -U postgres newsroom_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python bench/pages.py --articles 200000

It refuses a database that already holds articles, so it never touches real data. Prints one line per page:
p50/p95 milliseconds over --requests requests (Django's test client, no network; query counts are fixed by
tests/articles/test_query_budget.py).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Byline, RelatedPick, Reporter, Section, Series  # noqa: E402

WORDS = [
    "메타",
    "구글",
    "반도체",
    "환율",
    "수출",
    "서울",
    "한파",
    "데이터센터",
    "인공지능",
    "투자",
    "증시",
    "전력",
    "배터리",
    "로봇",
    "축제",
    "전시",
]


def fill(count: int, batch: int = 5000) -> None:
    sections = [Section.objects.create(name=f"섹션{i}", slug=f"bench-{i}", position=i) for i in range(8)]
    series = [Series.objects.create(name=f"연재{i}", slug=f"bench-series-{i}") for i in range(20)]
    reporters = Reporter.objects.bulk_create(Reporter(name=f"기자{i}") for i in range(300))
    start = timezone.now() - timedelta(minutes=count)
    made = 0
    while made < count:
        n = min(batch, count - made)
        articles = Article.objects.bulk_create(
            Article(
                headline=f"{WORDS[i % len(WORDS)]} 관련 기사 {made + i}",
                body="<p>" + " ".join(WORDS[(i + k) % len(WORDS)] for k in range(120)) + "</p>",
                section=sections[(made + i) % len(sections)],
                series=series[(made + i) % len(series)] if (made + i) % 5 == 0 else None,
                status=Article.Status.PUBLISHED,
                published_at=start + timedelta(minutes=made + i),
            )
            for i in range(n)
        )
        Byline.objects.bulk_create(
            Byline(article=a, reporter=reporters[(a.pk + k) % len(reporters)], position=k)
            for a in articles
            for k in range(2)
        )
        made += n
        print(f"  {made:,} articles", file=sys.stderr)
    newest = list(Article.objects.order_by("-pk")[:50])
    RelatedPick.objects.bulk_create(
        RelatedPick(from_article=a, to_article=b, position=j) for a in newest[:10] for j, b in enumerate(newest[20:25])
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def measure(client: Client, url: str, requests: int) -> tuple[float, float]:
    client.get(url)  # warm the strip and connection
    timings = []
    for _ in range(requests):
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--measure-only", action="store_true", help="time a database this script filled before")
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    if options.measure_only:
        print(f"{connection.vendor}, {Article.objects.count():,} articles")
    elif Article.objects.exists():
        sys.exit("This database already holds articles: use an empty scratch database (or --measure-only).")
    else:
        began = time.perf_counter()
        fill(options.articles)
        print(f"{connection.vendor}, {options.articles:,} articles, filled in {time.perf_counter() - began:.0f} s")

    newest = Article.objects.order_by("-pk").first()
    section = newest.section
    client = Client()
    pages = {
        "home /": "/",
        "article (with picks)": newest.get_absolute_url(),
        "article related list p1": f"{newest.get_absolute_url()}related/",
        f"section ({section.articles.count():,} articles) p1": section.get_absolute_url(),
        "section p50": f"{section.get_absolute_url()}?page=50",
        "reporter p1": newest.bylines.first().reporter.get_absolute_url(),
    }
    for name, url in pages.items():
        p50, p95 = measure(client, url, options.requests)
        print(f"{name:34} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()

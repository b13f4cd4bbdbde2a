"""Hostile queries against /search/ on either database: each must answer 200, and within a second.

    .venv/bin/python bench/hostile.py                        # SQLite (a throwaway test database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom .venv/bin/python bench/hostile.py --articles 20000

It creates a test database (test_<name>), writes --articles articles of Korean news text with bench/search.py's
vocabulary (saved and indexed as the admin would, in batches), then sends each query through Django's test client
--rounds times and prints its status and slowest time. bench/search.py times the same queries on its large
PostgreSQL archive.
"""

import argparse
import importlib.util
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

# bench/http.py would shadow the standard library's http for everything this imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from search.models import index_articles  # noqa: E402


def _bench_search():
    spec = importlib.util.spec_from_file_location("bench_search", Path(__file__).with_name("search.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fill(count: int, vocabulary) -> None:
    rng = random.Random(1)
    sections = {key: Section.objects.create(name=key, slug=f"hostile-{key}") for key in vocabulary.SECTIONS}
    now = datetime.now(UTC)
    batch = []
    for n in range(count):
        key = rng.choice(list(sections))
        text = vocabulary.write(rng, key, now.year)
        batch.append(
            Article(
                headline=text.headline,
                summary=text.summary,
                body="".join(f"<p>{paragraph}</p>" for paragraph in text.paragraphs),
                section=sections[key],
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=n),
            )
        )
        if len(batch) == 500 or n == count - 1:
            index_articles(Article.objects.bulk_create(batch))
            batch = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        began = time.perf_counter()
        vocabulary = _bench_search()
        fill(options.articles, vocabulary)
        print(f"{connection.vendor}: {options.articles:,} articles written in {time.perf_counter() - began:.0f} s")
        client = Client()
        worst_overall = 0.0
        print(f"{'query':24} {'status':>6} {'slowest ms':>11}")
        hostile = {**vocabulary.HOSTILE, "(ordinary) 반도체 수출": "반도체 수출", "(ordinary) 정부": "정부"}
        for name, query in hostile.items():
            statuses, times = set(), []
            for _ in range(options.rounds):
                began = time.perf_counter()
                response = client.get("/search/", {"q": query})
                times.append((time.perf_counter() - began) * 1000)
                statuses.add(response.status_code)
            worst_overall = max(worst_overall, max(times))
            print(f"{name:24} {','.join(map(str, sorted(statuses))):>6} {max(times):11.1f}")
        print(f"slowest of all: {worst_overall:.1f} ms ({'within' if worst_overall < 1000 else 'OVER'} a second)")
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()

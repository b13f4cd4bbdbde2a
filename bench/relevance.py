"""Recall and precision of search on the relevance set (tests/search/relevance_cases.py), against two baselines.

    .venv/bin/python bench/relevance.py                      # SQLite (a throwaway test database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom .venv/bin/python bench/relevance.py

It creates a test database (test_<name>), loads the set's articles, and for each method prints recall (must-find
articles found) and precision (of the judged articles found, the share that had to be found). The baselines are
LIKE '%word%' on headline and body for every word, and, on PostgreSQL, the built-in full-text search with the
'simple' configuration, which has no Korean parser.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

# bench/http.py would shadow the standard library's http for everything this imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.contrib.postgres.search import SearchQuery, SearchVector  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from search.models import search  # noqa: E402
from search.tokens import parse_query  # noqa: E402
from tests.search.relevance_cases import ARTICLES, CASES  # noqa: E402


def ours(query: str) -> set[int]:
    results = search(parse_query(query))
    return {article.pk for article in results[0 : results.count()]}


def like(query: str) -> set[int]:
    wanted = Q()
    for word in query.split():
        wanted &= Q(headline__icontains=word) | Q(body__icontains=word)
    return set(Article.objects.filter(wanted).values_list("pk", flat=True))


def postgres_simple(query: str) -> set[int]:
    vector = SearchVector("headline", "body", config="simple")
    found = Article.objects.annotate(v=vector).filter(v=SearchQuery(query, config="simple"))
    return set(found.values_list("pk", flat=True))


def measure(method, keys: dict[str, int]) -> tuple[float, float, list[str]]:
    found_wanted = wanted = judged_found = 0
    misses = []
    for query, must, must_not in CASES:
        found = method(query)
        hits = {keys[key] for key in must} & found
        found_wanted += len(hits)
        wanted += len(must)
        judged_found += len({keys[key] for key in must | must_not} & found)
        if len(hits) < len(must) or {keys[key] for key in must_not} & found:
            misses.append(query)
    return found_wanted / wanted, (found_wanted / judged_found if judged_found else 1.0), misses


def main() -> None:
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        section = Section.objects.create(name="시험", slug="relevance")
        keys = {}
        for n, (key, (headline, body)) in enumerate(ARTICLES.items()):
            article = Article.objects.create(
                headline=headline,
                body=f"<p>{body}</p>",
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=timezone.now() - timedelta(hours=n + 1),
            )
            keys[key] = article.pk
        methods = {"bigram search (ours)": ours, "LIKE %word%": like}
        if connection.vendor == "postgresql":
            methods["PostgreSQL FTS, 'simple'"] = postgres_simple
        print(f"{connection.vendor}: {len(CASES)} queries, {len(ARTICLES)} articles")
        for name, method in methods.items():
            recall, precision, misses = measure(method, keys)
            wrong = f"   wrong on: {', '.join(misses)}" if misses else ""
            print(f"{name:26} recall {recall:6.1%}   precision {precision:6.1%}{wrong}")
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()

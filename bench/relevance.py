"""How well search finds what readers mean, on the relevance set (tests/search/relevance_cases.py), against the
method it replaced and two baselines.

    .venv/bin/python bench/relevance.py                      # SQLite (a throwaway test database)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom .venv/bin/python bench/relevance.py

It creates a test database (test_<name>), loads the set's articles, and for each method prints the share of
must-find articles found, the share of must-not-find articles kept out, and how many ranking cases (FIRST) put the
expected article first, with the queries each method gets wrong. The methods:
- ours: the analyser's words beside bigrams (search/tokens.py);
- bigrams only: the same index read as one written before the analyser (format 2), the way search answered
  before it: Hangul as overlapping two-syllable pieces;
- LIKE '%word%' on headline and body for every word, newest first;
- on PostgreSQL, its own full-text search (websearch_to_tsquery, 'simple' configuration: it has no Korean
  parser), by ts_rank.
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

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from search.models import search  # noqa: E402
from search.tokens import parse_query  # noqa: E402
from tests.search.relevance_cases import ARTICLES, CASES, FIRST  # noqa: E402


def ours(query: str) -> list[int]:
    results = search(parse_query(query))
    return [article.pk for article in results[0 : results.count()]]


def bigrams_only(query: str) -> list[int]:
    results = search(parse_query(query, morphemes=False))
    return [article.pk for article in results[0 : results.count()]]


def like(query: str) -> list[int]:
    wanted = Q()
    for word in query.replace('"', " ").split():
        wanted &= Q(headline__icontains=word) | Q(body__icontains=word)
    return list(Article.objects.filter(wanted).order_by("-published_at").values_list("pk", flat=True))


def postgres_websearch(query: str) -> list[int]:
    vector = SearchVector("headline", "body", config="simple")
    wanted = SearchQuery(query, config="simple", search_type="websearch")
    found = Article.objects.annotate(v=vector, rank=SearchRank(vector, wanted)).filter(v=wanted)
    return list(found.order_by("-rank", "-published_at").values_list("pk", flat=True))


def measure(method, keys: dict[str, int]) -> tuple[float, float, int, list[str]]:
    found_wanted = wanted = kept_out = unwanted = 0
    wrong = []
    for query, must, must_not in CASES:
        found = set(method(query))
        hits = {keys[key] for key in must} & found
        intruders = {keys[key] for key in must_not} & found
        found_wanted += len(hits)
        wanted += len(must)
        kept_out += len(must_not) - len(intruders)
        unwanted += len(must_not)
        if len(hits) < len(must) or intruders:
            wrong.append(query)
    first = 0
    for query, key in FIRST:
        if method(query)[:1] == [keys[key]]:
            first += 1
        else:
            wrong.append(f"{query} (first)")
    return found_wanted / wanted, kept_out / unwanted, first, wrong


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
        methods = {"ours (words + bigrams)": ours, "bigrams only (before)": bigrams_only, "LIKE %word%": like}
        if connection.vendor == "postgresql":
            methods["PostgreSQL FTS (websearch)"] = postgres_websearch
        print(f"{connection.vendor}: {len(ARTICLES)} articles, {len(CASES)} queries, {len(FIRST)} ranking cases")
        print(f"{'method':28} {'must-find found':>16} {'must-not kept out':>18} {'first right':>12}")
        for name, method in methods.items():
            found, kept_out, first, wrong = measure(method, keys)
            print(f"{name:28} {found:16.1%} {kept_out:18.1%} {first:>7} of {len(FIRST)}")
            if wrong:
                print(f"{'':28} wrong on: {', '.join(wrong)}")
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()

"""The relevance set: every must-find article is found, no must-not-find one is, on SQLite and PostgreSQL alike."""

from datetime import timedelta

import pytest

from search.models import search
from search.tokens import parse_query

from .relevance_cases import CASES, FIRST


def found_keys(newsroom: dict, query: str) -> list[str]:
    by_pk = {article.pk: key for key, article in newsroom.items()}
    results = search(parse_query(query))
    return [by_pk.get(article.pk, article.headline) for article in results[0 : results.count()]]


@pytest.mark.parametrize(("query", "must_find", "must_not_find"), CASES, ids=[case[0] for case in CASES])
def test_the_query_finds_what_it_must_and_not_what_it_must_not(newsroom, query, must_find, must_not_find):
    found = set(found_keys(newsroom, query))

    assert must_find <= found, f"{query!r} missed {must_find - found}"
    assert not (must_not_find & found), f"{query!r} wrongly found {must_not_find & found}"


@pytest.mark.parametrize(("query", "first"), FIRST, ids=[case[0] for case in FIRST])
def test_the_article_a_reader_means_comes_first(newsroom, query, first):
    assert found_keys(newsroom, query)[:1] == [first]


def test_a_headline_match_ranks_above_a_newer_body_only_match(newsroom, make_article):
    make_article("새 기사", body="<p>서울에서 열린 행사 소식이다.</p>", age=timedelta(minutes=1))

    found = found_keys(newsroom, "서울")

    assert found == ["seoul_cold", "새 기사", "busan_festival"]


def test_among_headline_matches_the_newest_comes_first(newsroom):
    assert found_keys(newsroom, "메타")[:1] == ["meta_cro"]
    assert found_keys(newsroom, "투자") == ["ai_chips", "market_mood", "meta_cro"]


def test_the_count_agrees_with_the_results(newsroom):
    results = search(parse_query("AI"))

    assert results.count() == len(results[0:100]) == 3

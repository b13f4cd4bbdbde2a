"""/search/?reporter=…: the articles a reporter has a byline on, as the bylines stand the moment they are saved.

On PostgreSQL the index holds each byline's reporter as a facet, which the GIN index narrows by; an index written
before it held them is searched through the bylines until `rebuild_search_index` has written it again.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from articles.models import Article, Byline, Reporter
from search.models import FORMAT, Entry, IndexState, set_index_format

URL = "/search/"


def headlines(response) -> list[str]:
    assert response.status_code == 200
    return [article.headline for article, *_ in response.context["page"].object_list]


def by(client, reporter, q: str = "반도체") -> list[str]:
    return headlines(client.get(URL, {"q": q, "reporter": reporter.pk}))


def test_a_byline_added_or_removed_changes_what_the_reporter_filter_finds(client, make_article, make_reporter):
    kim, lee = make_reporter("김기자"), make_reporter("이기자")
    article = make_article("반도체 수출 늘어", reporters=[kim])
    assert by(client, lee) == []

    Byline.objects.create(article=article, reporter=lee, position=1)
    assert by(client, lee) == ["반도체 수출 늘어"]
    assert by(client, kim) == ["반도체 수출 늘어"]

    Byline.objects.get(article=article, reporter=kim).delete()
    assert by(client, kim) == []
    assert by(client, lee) == ["반도체 수출 늘어"]


def test_an_article_with_two_bylines_is_found_under_either_reporter(client, make_article, make_reporter):
    kim, lee, park = make_reporter("김기자"), make_reporter("이기자"), make_reporter("박기자")
    make_article("반도체 공동 취재", reporters=[kim, lee], age=timedelta(hours=2))
    make_article("반도체 단독", reporters=[kim], age=timedelta(hours=1))

    assert by(client, kim) == ["반도체 단독", "반도체 공동 취재"]
    assert by(client, lee) == ["반도체 공동 취재"]
    assert by(client, park) == []
    assert "1건" in client.get(URL, {"q": "반도체", "reporter": lee.pk}).text


def test_a_byline_given_another_reporter_moves_the_article_to_them(client, make_article, make_reporter):
    kim, lee = make_reporter("김기자"), make_reporter("이기자")
    make_article("반도체 수출 늘어", reporters=[kim])

    byline = Byline.objects.get(reporter=kim)
    byline.reporter = lee
    byline.save()

    assert by(client, kim) == []
    assert by(client, lee) == ["반도체 수출 늘어"]


def test_a_byline_moved_to_another_article_leaves_the_first(client, make_article, make_reporter):
    kim = make_reporter("김기자")
    first = make_article("반도체 첫 기사", reporters=[kim], age=timedelta(hours=2))
    second = make_article("반도체 둘째 기사", reporters=[], age=timedelta(hours=1))

    byline = Byline.objects.get(article=first, reporter=kim)
    byline.article = second
    byline.save()

    assert by(client, kim) == ["반도체 둘째 기사"]


def test_editing_an_article_keeps_it_under_its_reporters(client, make_article, make_reporter):
    kim, lee = make_reporter("김기자"), make_reporter("이기자")
    article = make_article("반도체 수출 늘어", reporters=[kim, lee])

    article.headline = "반도체 수출 크게 늘어"
    article.save()

    assert by(client, kim) == by(client, lee) == ["반도체 수출 크게 늘어"]


def _without_reporter_facets() -> None:
    """The entries as an index written before they held reporter facets left them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_entry SET document = ts_delete(document, ARRAY(SELECT held FROM "
                "unnest(tsvector_to_array(document)) held WHERE left(held, 2) = '@p'))"
            )
    set_index_format(1)


def test_an_index_written_before_reporter_facets_is_searched_by_bylines_until_rebuilt(
    client, make_article, make_reporter
):
    kim, lee = make_reporter("김기자"), make_reporter("이기자")
    make_article("반도체 공동 취재", reporters=[kim, lee], age=timedelta(hours=2))
    make_article("반도체 단독", reporters=[kim], age=timedelta(hours=1))
    _without_reporter_facets()

    assert by(client, kim) == ["반도체 단독", "반도체 공동 취재"]
    assert by(client, lee) == ["반도체 공동 취재"]

    call_command("rebuild_search_index", stdout=StringIO())

    assert IndexState.objects.get().format == FORMAT
    assert by(client, kim) == ["반도체 단독", "반도체 공동 취재"]
    assert by(client, lee) == ["반도체 공동 취재"]


def test_a_byline_saved_without_signals_is_found_after_a_rebuild(client, make_article, make_reporter):
    # As after an import of bylines with SQL: the facet is missing until the index is written again.
    kim = make_reporter("김기자")
    article = make_article("반도체 수출 늘어", reporters=[])
    Byline.objects.bulk_create([Byline(article=article, reporter=kim)])

    call_command("rebuild_search_index", stdout=StringIO())

    assert by(client, kim) == ["반도체 수출 늘어"]


@pytest.mark.django_db(transaction=True)
def test_an_article_with_bylines_is_deleted_with_its_entry(client, make_article, make_reporter):
    kim, lee = make_reporter("김기자"), make_reporter("이기자")
    article = make_article("반도체 수출 늘어", reporters=[kim, lee])

    with transaction.atomic():  # committed: the database checks every reference then
        article.delete()

    assert not Article.objects.exists()
    assert not Entry.objects.exists()
    assert by(client, kim) == []


def test_the_demo_articles_are_found_under_each_of_their_reporters(client, db):
    call_command("load_demo", stdout=StringIO())
    yoonseul = Reporter.objects.get(email="yoonseul@newsspace.example")
    jonghwa = Reporter.objects.get(email="leejonghwa@newsspace.example")

    assert "빅테크 AI 투자 ‘쩐의 전쟁’…2026년 데이터센터 경쟁 더 뜨거워진다" in by(client, yoonseul, "데이터센터")
    assert "빅테크 AI 투자 ‘쩐의 전쟁’…2026년 데이터센터 경쟁 더 뜨거워진다" in by(client, jonghwa, "데이터센터")


def test_headline_matches_of_any_age_come_first_then_the_newest_others(client, settings, make_article, make_reporter):
    settings.ARTICLES_PER_PAGE = 2
    kim, lee = make_reporter("김기자"), make_reporter("이기자")
    body = "<p>반도체 수출이 늘었다.</p>"
    make_article("반도체 새 소식", reporters=[kim], age=timedelta(days=1))
    make_article("반도체 지난 소식", reporters=[kim], age=timedelta(days=2))
    make_article("반도체 옛 소식", reporters=[kim], age=timedelta(days=200))
    for n in range(3):
        make_article(f"김기자 기사 {n}", reporters=[kim], body=body, age=timedelta(hours=n + 1))
    make_article("반도체 동료 소식", reporters=[lee], age=timedelta(hours=1))

    pages = [by(client, kim) for _ in range(1)] + [
        headlines(client.get(URL, {"q": "반도체", "reporter": kim.pk, "page": n})) for n in (2, 3)
    ]
    assert pages == [
        ["반도체 새 소식", "반도체 지난 소식"],
        ["반도체 옛 소식", "김기자 기사 0"],
        ["김기자 기사 1", "김기자 기사 2"],
    ]

    Article.objects.get(headline="반도체 지난 소식").delete()
    assert by(client, kim) == ["반도체 새 소식", "반도체 옛 소식"]


def test_a_byline_added_reaches_a_page_read_from_their_last_months(client, settings, make_article, make_reporter):
    settings.ARTICLES_PER_PAGE = 1
    kim, lee = make_reporter("김기자"), make_reporter("이기자")
    article = make_article("반도체 수출 늘어", reporters=[kim])

    Byline.objects.create(article=article, reporter=lee, position=1)

    assert by(client, lee) == ["반도체 수출 늘어"]


def test_past_the_counting_limit_older_matches_count_when_the_last_months_hold_few(
    client, monkeypatch, make_article, make_reporter
):
    monkeypatch.setattr("search.models.MAX_COUNT", 3)
    kim = make_reporter("김기자")
    for n in range(2):
        make_article(f"반도체 새 기사 {n}", reporters=[kim], age=timedelta(days=n + 1))
    for n in range(2):
        make_article(f"반도체 옛 기사 {n}", reporters=[kim], age=timedelta(days=300 + n))

    response = client.get(URL, {"q": "반도체", "reporter": kim.pk})

    assert '<p class="search-total">3건 이상</p>' in response.text
    assert headlines(response)[:2] == ["반도체 새 기사 0", "반도체 새 기사 1"]

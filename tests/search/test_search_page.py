"""/search/: what a reader sees for a query, the filters, and odd input that must still give a normal page."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

URL = "/search/"


def headlines(response) -> list[str]:
    return [article.headline for article, *_ in response.context["page"].object_list]


def test_results_show_the_total_a_highlighted_snippet_and_the_byline(client, newsroom):
    response = client.get(URL, {"q": "헤게만"})

    assert response.status_code == 200
    assert headlines(response) == ["메타 최고수익책임자, 1년 만에 회사 떠난다"]
    assert '<p class="search-total">1건</p>' in response.text
    assert "존 <mark>헤게만</mark>이 회사를 떠났다" in response.text
    assert "윤슬 기자" in response.text


def test_the_snippet_is_cut_around_the_match(client, make_article):
    long_body = "<p>" + "앞부분 이야기입니다. " * 40 + "여기에 반도체 이야기가 나온다. " + "뒷부분. " * 40 + "</p>"
    make_article("긴 기사", body=long_body)

    response = client.get(URL, {"q": "반도체"})
    [(_, _, snippet)] = response.context["page"].object_list

    assert snippet.startswith("…")
    assert "<mark>반도체</mark>" in snippet
    assert len(snippet) < 220


def test_the_words_found_are_marked_in_the_headline_too(client, make_article):
    make_article("반도체 수출, 석 달 만에 반등")

    response = client.get(URL, {"q": "반도체"})

    assert "><mark>반도체</mark> 수출, 석 달 만에 반등</a>" in response.text


def test_the_series_prefix_is_not_marked_as_a_match(client, make_article, make_series):
    column = make_series("AI반도체 워치", slug="chip-watch")
    make_article("반도체 수출 반등", series=column)

    response = client.get(URL, {"q": "반도체"})

    assert "[AI반도체 워치] <mark>반도체</mark> 수출 반등</a>" in response.text


def test_a_summary_the_body_opens_with_is_not_shown_twice(client, make_article):
    make_article(
        "반도체 기사", summary="반도체 수출이 늘었다.", body="<p>반도체 수출이 늘었다. 업계는 반기는 분위기다.</p>"
    )

    response = client.get(URL, {"q": "업계"})
    [(_, _, snippet)] = response.context["page"].object_list

    assert snippet.count("수출이 늘었다") == 1
    assert "<mark>업계</mark>는 반기는" in snippet


def test_a_summary_of_its_own_comes_before_the_body(client, make_article):
    make_article("반도체 기사", summary="수출이 석 달 만에 늘었다.", body="<p>업계는 반기는 분위기다.</p>")

    response = client.get(URL, {"q": "반도체"})
    [(_, _, snippet)] = response.context["page"].object_list

    assert snippet == "수출이 석 달 만에 늘었다. 업계는 반기는 분위기다."


def test_markup_in_articles_and_queries_is_shown_as_text(client, make_article):
    make_article("<b>굵게</b> 기사", body="<p>&lt;script&gt;alert(1)&lt;/script&gt; 스크립트 문구</p>")

    response = client.get(URL, {"q": '스크립트 "><script>alert(1)</script>'})

    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_unpublished_articles_never_appear_in_titles_snippets_or_counts(client, make_article):
    now = timezone.now()
    make_article("출고된 반도체 기사")
    make_article("초안 반도체 기사", status=Article.Status.DRAFT)
    make_article("데스크 대기 반도체 기사", status=Article.Status.SUBMITTED)
    make_article("예약 반도체 기사", published_at=now + timedelta(hours=1))
    make_article("출고 취소 반도체 기사", status=Article.Status.WITHDRAWN, published_at=now - timedelta(hours=1))
    make_article("게재 끝난 반도체 기사", ends_at=now - timedelta(minutes=1))

    response = client.get(URL, {"q": "반도체"})

    assert headlines(response) == ["출고된 반도체 기사"]
    assert '<p class="search-total">1건</p>' in response.text
    for hidden in ("초안", "데스크 대기", "예약", "출고 취소", "게재 끝난"):
        assert hidden not in response.text


def test_a_scheduled_article_is_found_from_its_release_time(client, make_article):
    release = timezone.now() + timedelta(hours=1)
    make_article("예약된 반도체 기사", published_at=release)

    assert headlines(client.get(URL, {"q": "반도체"})) == []
    with time_machine.travel(release + timedelta(seconds=1)):
        assert headlines(client.get(URL, {"q": "반도체"})) == ["예약된 반도체 기사"]


def test_an_edit_a_withdrawal_and_a_deletion_reach_the_index_at_once(client, make_article):
    article = make_article("반도체 수출 늘어")

    article.headline = "자동차 수출 늘어"
    article.save()
    assert headlines(client.get(URL, {"q": "반도체"})) == []
    assert headlines(client.get(URL, {"q": "자동차"})) == ["자동차 수출 늘어"]

    article.status = Article.Status.WITHDRAWN
    article.save()
    assert headlines(client.get(URL, {"q": "자동차"})) == []

    article.status = Article.Status.PUBLISHED
    article.save()
    article.delete()
    assert headlines(client.get(URL, {"q": "자동차"})) == []


def test_results_come_in_numbered_pages_that_keep_the_query(client, settings, make_article):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(f"반도체 기사 {n}", age=timedelta(hours=n + 1))

    second = client.get(URL, {"q": "반도체", "page": 2})

    assert headlines(second) == ["반도체 기사 2", "반도체 기사 3"]
    assert '<p class="search-total">5건</p>' in second.text
    assert 'href="?q=%EB%B0%98%EB%8F%84%EC%B2%B4&amp;page=3"' in second.text


def test_filters_by_section_series_reporter_and_dates(client, make_article, make_section, make_series, make_reporter):
    economy = make_section("경제", slug="economy")
    column = make_series("반도체칼럼", slug="chip-column")
    kim = make_reporter("김기자")
    make_article("빅테크 반도체", age=timedelta(days=3))
    make_article("경제 반도체", section=economy, age=timedelta(days=1))
    make_article("칼럼 반도체", series=column, reporters=[kim], age=timedelta(hours=2))
    today = timezone.localdate()

    assert headlines(client.get(URL, {"q": "반도체", "section": "economy"})) == ["경제 반도체"]
    assert headlines(client.get(URL, {"q": "반도체", "series": "chip-column"})) == ["칼럼 반도체"]
    assert headlines(client.get(URL, {"q": "반도체", "reporter": kim.pk})) == ["칼럼 반도체"]
    since = (today - timedelta(days=1)).isoformat()
    assert headlines(client.get(URL, {"q": "반도체", "since": since, "until": today.isoformat()})) == [
        "칼럼 반도체",
        "경제 반도체",
    ]
    assert headlines(client.get(URL, {"q": "반도체", "until": (today - timedelta(days=2)).isoformat()})) == [
        "빅테크 반도체"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "!!! ... ???"},
        {"q": "반도체 " * 10_000},
        {"q": "가" * 50_000},
        {"q": "반도체", "page": "abc"},
        {"q": "반도체", "page": "-1"},
        {"q": "반도체", "page": "99999999999999999999999"},
        {"q": "반도체", "section": "없는섹션"},
        {"q": "반도체", "section": "../../etc"},
        {"q": "반도체", "series": "x" * 500},
        {"q": "반도체", "reporter": "abc"},
        {"q": "반도체", "reporter": "99999999999999999999999"},
        {"q": "반도체", "reporter": "-5"},
        {"q": "반도체", "since": "2026-13-45"},
        {"q": "반도체", "since": "0001-01-01"},
        {"q": "반도체", "since": "2026-11-30", "until": "2026-11-01"},
        {"q": ["반도체", "메타"]},
        # Hostile queries: hundreds of single syllables, decomposed jamo, emoji, tsquery and LIKE syntax, quotes.
        {"q": " ".join(chr(0xAC00 + n * 37) for n in range(300))},
        {"q": "ᄇ ᅡ ᆫ ᄃ ᅩ ᄎ ᅦ ᄒ ᅡ ᆫ ᄀ ᅳ ᆯ" * 20},
        {"q": "반도체 😀👍🏽 🇰🇷"},
        {"q": "'반도체' & !메타 | (삼성:* <-> 전자) \\ % _"},
        {"q": '"반도체'},
        {"q": '""'},
        {"q": '"' + "반도체 " * 100 + '"'},
        {"q": "=반도체_메타 @s1 @p1m2026-01"},
    ],
)
def test_odd_input_gives_a_normal_page(client, make_article, params):
    make_article("반도체 기사")

    response = client.get(URL, params)

    assert response.status_code == 200
    assert "기사 검색" in response.text or "검색 결과" in response.text


def test_a_query_of_only_punctuation_asks_for_words(client, db):
    response = client.get(URL, {"q": "!!! ???"})

    assert "글자나 숫자가 있는 검색어를 입력하세요." in response.text


def test_a_very_long_query_is_cut_and_says_so(client, make_article):
    make_article("반도체 기사")

    response = client.get(URL, {"q": "반도체 " + "가나다라 " * 5000})

    assert response.status_code == 200
    assert "검색어가 길어 앞부분만으로 찾았습니다." in response.text


def test_malformed_filters_are_left_out_and_said_so(client, make_article):
    make_article("반도체 기사")

    response = client.get(URL, {"q": "반도체", "since": "2026-13-45", "section": "없는섹션"})

    assert headlines(response) == ["반도체 기사"]
    assert "잘못된 검색 조건은 빼고 찾았습니다." in response.text
    assert "섹션: 없는 섹션입니다." in response.text


def test_a_filter_naming_nothing_is_left_out_of_the_page_links_too(client, settings, make_article):
    settings.ARTICLES_PER_PAGE = 1
    make_article("반도체 기사 1")
    make_article("반도체 기사 2")

    response = client.get(URL, {"q": "반도체", "section": "nope", "series": "nope"})

    assert "섹션: 없는 섹션입니다." in response.text
    assert 'href="?q=%EB%B0%98%EB%8F%84%EC%B2%B4&amp;page=2"' in response.text


@pytest.mark.parametrize("query", ["반도\x00체", "\x00", "반도체\x00"])
def test_a_query_a_nul_was_pasted_into_is_refused_with_the_400_page(client, make_article, query):
    # Decided for every request in one place (newsroom.middleware): PostgreSQL could not compare a NUL.
    make_article("반도체 기사")

    response = client.get(URL, {"q": query})

    assert response.status_code == 400
    assert "요청을 읽을 수 없습니다" in response.text


def test_a_page_past_the_last_shows_the_last_and_says_so(client, monkeypatch, settings, make_article):
    monkeypatch.setattr("search.models.MAX_COUNT", 3)
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(f"반도체 기사 {n}", age=timedelta(hours=n + 1))

    response = client.get(URL, {"q": "반도체", "page": 9})

    assert response.status_code == 200
    assert "검색 결과는 2쪽까지 볼 수 있어 마지막 쪽을 보여 드립니다. 낱말을 더하거나 섹션·기간을 좁혀" in response.text
    assert "<mark>반도체</mark> 기사 2" in response.text
    assert "쪽까지 볼 수 있어" not in client.get(URL, {"q": "없는낱말", "page": 9}).text
    for odd in ("9" * 5000, "²", "-3"):
        assert client.get(URL, {"q": "반도체", "page": odd}).status_code == 200


def test_a_total_past_a_thousand_is_written_with_its_comma():
    page = Paginator(range(1_234), 20).get_page(2)
    page.elided_range = list(page.paginator.get_elided_page_range(2))

    html = render_to_string("includes/pagination.html", {"page": page, "page_query": "q=x&"})

    assert "총 1,234건 · 2/62쪽" in html


def test_an_end_date_before_the_start_is_named_and_left_out(client, make_article):
    make_article("반도체 기사", age=timedelta(days=3))
    today = timezone.localdate()
    since, until = (today - timedelta(days=5)).isoformat(), (today - timedelta(days=10)).isoformat()

    response = client.get(URL, {"q": "반도체", "since": since, "until": until})

    assert headlines(response) == ["반도체 기사"]
    assert "잘못된 검색 조건은 빼고 찾았습니다. 종료일: 종료일이 시작일보다 앞입니다." in response.text


def test_no_results_under_a_filter_suggest_widening_it(client, make_article, make_section):
    make_section("경제", slug="economy")
    make_article("반도체 기사")

    narrowed = client.get(URL, {"q": "반도체", "section": "economy"})
    everywhere = client.get(URL, {"q": "없는낱말"})

    assert "섹션이나 기간 같은 조건을 넓히거나 낱말을 줄이거나" in narrowed.text
    assert "‘없는낱말’에 맞는 기사가 없습니다. 낱말을 줄이거나 다른 말로 찾아 보세요." in everywhere.text


def test_every_page_has_a_search_box(client, make_article):
    article = make_article()

    page = client.get(article.get_absolute_url()).text

    assert f'action="{reverse("search:results")}"' in page
    assert 'role="search"' in page


def test_the_search_page_is_not_indexed_by_search_engines(client, db):
    assert '<meta name="robots" content="noindex, follow">' in client.get(URL, {"q": "메타"}).text


def test_a_date_in_the_past_year_range_is_read_in_seoul_time(client, make_article):
    seoul_midnight = timezone.make_aware(datetime(2026, 3, 2, 0, 30))
    make_article("자정 넘은 반도체 기사", published_at=seoul_midnight)

    on_the_day = client.get(URL, {"q": "반도체", "since": "2026-03-02", "until": "2026-03-02"})
    day_before = client.get(URL, {"q": "반도체", "until": "2026-03-01"})

    assert headlines(on_the_day) == ["자정 넘은 반도체 기사"]
    assert headlines(day_before) == []


def test_an_english_word_is_highlighted_only_where_it_stands_alone(client, make_article):
    make_article("AI 보고서", body="<p>He said AI tools help. 'Maid' is not ai.</p>")

    response = client.get(URL, {"q": "ai"})
    [(_, _, snippet)] = response.context["page"].object_list

    assert snippet == "He said <mark>AI</mark> tools help. &#x27;Maid&#x27; is not <mark>ai</mark>."


def test_past_the_counting_limit_the_total_says_at_least(client, monkeypatch, settings, make_article):
    monkeypatch.setattr("search.models.MAX_COUNT", 3)
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(f"반도체 기사 {n}", age=timedelta(hours=n + 1))

    response = client.get(URL, {"q": "반도체"})

    assert '<p class="search-total">3건 이상</p>' in response.text
    assert "총 3건 이상" in response.text
    assert headlines(response) == ["반도체 기사 0", "반도체 기사 1"]


@pytest.mark.parametrize(
    ("recent", "older", "total"),
    [
        (4, 0, "3건 이상"),  # past the limit within the last month alone
        (2, 2, "3건 이상"),  # past it only with the older articles
        (1, 2, "3건"),  # exact, counted across the whole archive
    ],
)
def test_the_total_counts_older_articles_too_when_the_last_month_holds_few(
    client, monkeypatch, make_article, recent, older, total
):
    monkeypatch.setattr("search.models.MAX_COUNT", 3)
    for n in range(recent):
        make_article(f"배터리 기사 {n}", age=timedelta(days=n + 1))
    for n in range(older):
        make_article(f"배터리 옛 기사 {n}", age=timedelta(days=90 + n))
    for n in range(5):
        make_article(f"다른 기사 {n}", age=timedelta(hours=n + 1))  # newer, without the word
    make_article("작성중 배터리 기사", status=Article.Status.DRAFT)

    response = client.get(URL, {"q": "배터리"})

    assert f'<p class="search-total">{total}</p>' in response.text


def test_a_reporter_filtered_search_for_a_common_word_lists_only_their_articles_headline_matches_first(
    client, monkeypatch, settings, make_article, make_reporter, reporter
):
    # A word in most of the reporter's articles and more of them than are counted: the pages are read newest first.
    monkeypatch.setattr("search.models.MAX_COUNT", 3)
    settings.ARTICLES_PER_PAGE = 2
    kim, colleague = make_reporter("김기자"), make_reporter("이기자")
    body = "<p>반도체 수출이 늘었다.</p>"
    make_article("반도체 특집", reporters=[kim], age=timedelta(days=5))
    for n in range(4):
        make_article(f"김기자 기사 {n}", reporters=[kim], body=body, age=timedelta(days=n + 1))
    make_article("공동 기사", reporters=[colleague, kim], body=body, age=timedelta(hours=12))
    make_article("김기자 다른 기사", reporters=[kim], age=timedelta(hours=6))
    make_article("김기자 작성중 기사", reporters=[kim], body=body, status=Article.Status.DRAFT)
    for n in range(5):
        make_article(f"반도체 동료 기사 {n}", reporters=[colleague], body=body, age=timedelta(hours=n + 1))
    make_article("반도체 윤슬 기사", reporters=[reporter], body=body, age=timedelta(hours=1))

    first = client.get(URL, {"q": "반도체", "reporter": kim.pk})
    second = client.get(URL, {"q": "반도체", "reporter": kim.pk, "page": 2})

    assert '<p class="search-total">3건 이상</p>' in first.text
    assert headlines(first) == ["반도체 특집", "공동 기사"]
    assert headlines(second) == ["김기자 기사 0"]

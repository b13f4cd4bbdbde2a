"""A day's page lists what was released that day in Seoul, whatever the hour in UTC."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from articles.models import Article

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=SEOUL)  # a Sunday, noon in Seoul


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW.astimezone(UTC), tick=False):
        yield


def headlines(response) -> list[str]:
    return [article.headline for article in response.context["page"].object_list]


def test_articles_land_on_their_day_in_seoul_not_in_utc(client, make_article):
    # Both are on 2026-11-28 in UTC (14:59 and 15:01).
    make_article("토요일 밤 기사", published_at=datetime(2026, 11, 28, 23, 59, tzinfo=SEOUL))
    make_article("일요일 새벽 기사", published_at=datetime(2026, 11, 29, 0, 1, tzinfo=SEOUL))
    make_article("금요일 기사", published_at=datetime(2026, 11, 27, 12, 0, tzinfo=SEOUL))

    saturday = client.get("/date/2026/11/28/")
    sunday = client.get("/date/2026/11/29/")

    assert headlines(saturday) == ["토요일 밤 기사"]
    assert headlines(sunday) == ["일요일 새벽 기사"]
    assert "2026년 11월 28일 (토) 기사" in saturday.text
    assert "2026년 11월 29일 (일) 기사" in sunday.text


def test_articles_readers_may_not_see_are_not_on_the_day(client, make_article):
    make_article("보이는 기사", published_at=NOW - timedelta(hours=2))
    make_article("예약 기사", published_at=NOW + timedelta(hours=3))
    make_article("출고 취소 기사", status=Article.Status.WITHDRAWN, published_at=NOW - timedelta(hours=3))
    make_article("게재 끝난 기사", published_at=NOW - timedelta(hours=4), ends_at=NOW - timedelta(hours=1))
    make_article("작성 중 기사", status=Article.Status.DRAFT)

    response = client.get("/date/2026/11/29/")

    assert headlines(response) == ["보이는 기사"]
    assert "예약 기사" not in response.text
    assert "총 1건" in response.text


def test_a_day_is_paged_newest_first_with_the_total(client, settings, make_article):
    settings.ARTICLES_PER_PAGE = 2
    for hour in (9, 10, 11):
        make_article(f"{hour}시 기사", published_at=datetime(2026, 11, 28, hour, tzinfo=SEOUL))

    first = client.get("/date/2026/11/28/")
    second = client.get("/date/2026/11/28/", {"page": 2})

    assert headlines(first) == ["11시 기사", "10시 기사"]
    assert headlines(second) == ["9시 기사"]
    assert "총 3건 · 1/2쪽" in first.text
    assert 'href="?page=2"' in first.text
    assert client.get("/date/2026/11/28/", {"page": 3}).status_code == 404


def test_a_day_links_to_the_day_before_and_after_but_not_into_the_future(client, db):
    saturday = client.get("/date/2026/11/28/")
    today = client.get("/date/2026/11/29/")
    new_year = client.get("/date/2025/12/31/")

    assert 'href="/date/2026/11/27/"' in saturday.text
    assert 'href="/date/2026/11/29/"' in saturday.text
    assert 'href="/date/2026/11/28/"' in today.text
    assert "다음날" not in today.text
    assert 'href="/date/2026/01/01/"' in new_year.text


def test_a_day_without_articles_says_so(client, db):
    response = client.get("/date/2026/11/20/")

    assert response.status_code == 200
    assert "이날 출고된 기사가 없습니다." in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/date/2026/02/30/",
        "/date/2025/02/29/",
        "/date/2026/13/01/",
        "/date/2026/00/10/",
        "/date/2026/11/00/",
        "/date/2026/11/32/",
        "/date/0000/01/01/",
        "/date/0001/01/01/",
        "/date/1899/12/31/",
        "/date/9999/12/31/",
        "/date/2026/1/29/",
        "/date/2026/11/9/",
        "/date/26/11/29/",
        "/date/20261/11/29/",
        "/date/2026/11/29/?page=0",
        "/date/2026/11/29/?page=abc",
    ],
)
def test_dates_that_do_not_exist_answer_404(client, db, url):
    assert client.get(url).status_code == 404


def test_section_series_reporter_and_day_pages_show_their_total_on_a_single_page_too(
    client, make_article, make_series, section, reporter
):
    series = make_series()
    make_article(series=series, published_at=NOW - timedelta(hours=1))
    make_article(published_at=NOW - timedelta(hours=2))

    for url in (section.get_absolute_url(), reporter.get_absolute_url(), "/date/2026/11/29/"):
        assert "총 2건" in client.get(url).text, url
    assert "총 1건" in client.get(series.get_absolute_url()).text

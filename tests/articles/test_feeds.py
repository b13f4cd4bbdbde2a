"""RSS feeds: all news, a section, a series and a reporter, as a feed reader receives them."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from articles.models import Article

DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"


def channel(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    return root.find("channel")


def titles(response) -> list[str]:
    return [item.findtext("title") for item in channel(response).iter("item")]


def only_item(response) -> ET.Element:
    [item] = channel(response).iter("item")
    return item


def make_invisible_articles(make_article) -> None:
    """One of each kind readers must not see."""
    now = timezone.now()
    make_article("작성중 기사", status=Article.Status.DRAFT)
    make_article("예약 기사", age=-timedelta(hours=1))
    make_article("출고 취소 기사", status=Article.Status.WITHDRAWN, published_at=now - timedelta(hours=1))
    make_article("출고 종료 기사", age=timedelta(hours=3), ends_at=now - timedelta(minutes=1))


def test_all_news_feed_lists_what_readers_may_see_newest_first(client, make_article):
    make_article("지난 기사", age=timedelta(hours=2))
    make_article("새 기사", age=timedelta(minutes=5))
    make_invisible_articles(make_article)

    response = client.get("/rss/")

    assert titles(response) == ["새 기사", "지난 기사"]
    feed = channel(response)
    assert feed.findtext("title") == "뉴스스페이스 전체기사"
    assert feed.findtext("link") == "http://testserver/"
    assert feed.find(ATOM_LINK).get("href") == "http://testserver/rss/"
    assert feed.findtext("language") == "ko"


def test_all_news_feed_holds_the_thirty_newest(client, make_article):
    for n in range(32):
        make_article(f"기사 {n}", age=timedelta(minutes=n + 1))

    shown = titles(client.get("/rss/"))

    assert shown == [f"기사 {n}" for n in range(30)]


def test_feed_item_gives_link_guid_date_byline_and_section(client, make_article, make_series, make_reporter, reporter):
    column = make_series("빅테크칼럼", slug="bigtech-column")
    article = make_article("메타의 반격", series=column, reporters=[reporter, make_reporter("이종화")])

    item = only_item(client.get("/rss/"))

    assert item.findtext("title") == "[빅테크칼럼] 메타의 반격"
    assert item.findtext("link") == f"http://testserver/articles/{article.pk}/"
    assert item.findtext("guid") == f"http://testserver/articles/{article.pk}/"
    assert item.find("guid").get("isPermaLink") == "true"
    assert parsedate_to_datetime(item.findtext("pubDate")) == article.published_at.replace(microsecond=0)
    assert item.findtext(DC_CREATOR) == "윤슬, 이종화"
    assert item.findtext("category") == "빅테크"


def test_headline_with_markup_characters_is_escaped_and_arrives_intact(client, make_article):
    headline = '삼성 "HBM4" <단독> & SK하이닉스'
    make_article(headline)

    response = client.get("/rss/")

    assert "<단독>" not in response.text
    assert titles(response) == [headline]


@pytest.mark.parametrize("stray", ["\x0b", "\ufffe", "\uffff"])
def test_headline_with_a_character_xml_cannot_carry_does_not_break_the_feeds(client, make_article, stray):
    make_article(f"첫 줄{stray}둘째 줄")

    assert titles(client.get("/rss/")) == ["첫 줄둘째 줄"]
    ET.fromstring(client.get("/sitemap-news.xml").content)


def test_feed_gives_the_summary_unless_full_text_is_on(client, settings, make_article):
    make_article(
        "사진 기사",
        summary="메타가 새 AI 칩을 공개했다.",
        body='<p>본문 <a href="/sections/bigtech/">빅테크</a></p><img src="/media/photos/chip.jpg" alt="AI 칩">',
    )

    summary = only_item(client.get("/rss/")).findtext("description")
    settings.FEED_FULL_TEXT = True
    settings.PAGE_CACHE = False  # a changed setting is not a change of content
    full_text = only_item(client.get("/rss/")).findtext("description")

    assert summary == "메타가 새 AI 칩을 공개했다."
    assert full_text == (
        '<p>본문 <a href="http://testserver/sections/bigtech/" rel="noopener noreferrer">빅테크</a></p>'
        '<img src="http://testserver/media/photos/chip.jpg" alt="AI 칩">'
    )


def test_feed_without_a_summary_gives_the_teaser_as_text_not_as_tags(client, make_article):
    make_article("영화 기사", body="<p>영화 &lt;기생충&gt;이 다시 개봉한다.</p>")

    description = only_item(client.get("/rss/")).findtext("description")

    # RSS readers read the description as HTML: the title of the film must come out as text.
    assert description == "영화 &lt;기생충&gt;이 다시 개봉한다."


def test_section_feed_lists_only_its_visible_articles(client, make_article, make_section, section):
    economy = make_section("경제", slug="economy", description="돈의 흐름")
    make_article("환율 기사", section=economy)
    make_article("빅테크 기사", section=section)
    make_invisible_articles(lambda *args, **fields: make_article(*args, section=economy, **fields))

    response = client.get("/rss/sections/economy/")

    assert titles(response) == ["환율 기사"]
    assert channel(response).findtext("title") == "뉴스스페이스 경제"
    assert channel(response).findtext("description") == "돈의 흐름"
    assert channel(response).findtext("link") == "http://testserver/sections/economy/"


def test_series_feed_lists_only_its_visible_articles(client, make_article, make_series):
    column = make_series("빅테크칼럼", slug="bigtech-column")
    make_article("칼럼 기사", series=column)
    make_article("연재 아닌 기사")
    make_invisible_articles(lambda *args, **fields: make_article(*args, series=column, **fields))

    response = client.get("/rss/series/bigtech-column/")

    assert titles(response) == ["[빅테크칼럼] 칼럼 기사"]
    assert channel(response).findtext("title") == "뉴스스페이스 빅테크칼럼"


def test_reporter_feed_lists_what_they_wrote_alone_or_with_others(client, make_article, make_reporter, reporter):
    colleague = make_reporter("이종화")
    make_article("단독 기사", age=timedelta(hours=3))
    make_article("공동 기사", reporters=[colleague, reporter], age=timedelta(hours=2))
    make_article("동료 기사", reporters=[colleague])
    make_invisible_articles(make_article)

    response = client.get(f"/rss/reporters/{reporter.pk}/")

    assert titles(response) == ["공동 기사", "단독 기사"]
    assert channel(response).findtext("title") == "뉴스스페이스 윤슬 기자"


@pytest.mark.parametrize(
    ("url", "description", "page"),
    [
        ("/rss/", "뉴스스페이스의 최신 기사", "/"),
        ("/rss/sections/bigtech/", "뉴스스페이스 빅테크 섹션의 최신 기사", "/sections/bigtech/"),
        ("/rss/series/bigtech-column/", "뉴스스페이스 연재 빅테크칼럼의 최신 기사", "/series/bigtech-column/"),
        ("/rss/reporters/{reporter}/", "뉴스스페이스 윤슬 기자의 최신 기사", "/reporters/{reporter}/"),
    ],
)
def test_feed_the_desk_wrote_no_description_for_describes_itself_and_links_its_page(
    client, make_series, section, reporter, url, description, page
):
    make_series("빅테크칼럼", slug="bigtech-column")

    feed = channel(client.get(url.format(reporter=reporter.pk)))

    assert feed.findtext("description") == description
    assert feed.findtext("link") == "http://testserver" + page.format(reporter=reporter.pk)


def test_series_feed_carries_the_description_the_desk_wrote(client, make_series):
    make_series("빅테크칼럼", slug="bigtech-column", description="빅테크 기업의 속사정을 읽는 칼럼")

    feed = channel(client.get("/rss/series/bigtech-column/"))

    assert feed.findtext("description") == "빅테크 기업의 속사정을 읽는 칼럼"


@pytest.mark.parametrize("url", ["/rss/sections/nowhere/", "/rss/series/nowhere/", "/rss/reporters/999999/"])
def test_feed_of_an_unknown_section_series_or_reporter_is_not_found(client, db, url):
    assert client.get(url).status_code == 404


def test_feed_links_use_site_url_when_it_is_set(client, settings, make_article):
    settings.SITE_URL = "https://news.example.kr"
    settings.FEED_FULL_TEXT = True
    article = make_article("기사", body='<p><img src="/media/photos/chip.jpg" alt="AI 칩"></p>')

    feed = channel(client.get("/rss/sections/bigtech/"))
    item = feed.find("item")

    assert feed.findtext("link") == "https://news.example.kr/sections/bigtech/"
    assert feed.find(ATOM_LINK).get("href") == "https://news.example.kr/rss/sections/bigtech/"
    assert item.findtext("link") == item.findtext("guid") == f"https://news.example.kr/articles/{article.pk}/"
    assert 'src="https://news.example.kr/media/photos/chip.jpg"' in item.findtext("description")


@pytest.fixture
def grow(make_article, make_series, make_reporter, section, reporter):
    """Grow the archive in steps, each with more articles and longer bylines, all in the series and section."""
    series = make_series("빅테크칼럼", slug="bigtech-column")
    reporters = [reporter]

    def add(n: int, byline_size: int) -> None:
        reporters.extend(make_reporter(f"기자{len(reporters) + i}") for i in range(byline_size - len(reporters)))
        for i in range(n):
            make_article(series=series, reporters=reporters[i % byline_size :] + reporters[: i % byline_size])

    return add


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # the content version; the articles with section and series, their bylines with reporters
        ("/rss/", 3),
        # the version; the section; its articles with section and series, their bylines with reporters
        ("/rss/sections/bigtech/", 4),
        # the version; the series; its articles with section and series, their bylines with reporters
        ("/rss/series/bigtech-column/", 4),
        # the version; the reporter; their articles with section and series, their bylines with reporters
        ("/rss/reporters/{reporter}/", 4),
    ],
)
def test_feed_runs_the_same_queries_for_a_few_articles_or_many(
    client, settings, django_assert_num_queries, grow, reporter, url, queries
):
    settings.FEED_FULL_TEXT = True
    settings.PAGE_CACHE = False  # what a feed costs to render
    url = url.format(reporter=reporter.pk)
    grow(3, byline_size=1)
    client.get(url)  # a version's first request also works out its next change by the clock (caching.pages)
    with django_assert_num_queries(queries):
        assert len(titles(client.get(url))) == 3
    grow(40, byline_size=3)
    client.get(url)
    with django_assert_num_queries(queries):
        assert len(titles(client.get(url))) == 30

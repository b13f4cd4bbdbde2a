"""Sitemaps and robots.txt, as a search engine's crawler reads them."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse(response, root_tag: str) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == SITEMAP + root_tag
    return root


def locations(response, root_tag: str = "urlset") -> list[str]:
    return [loc.text for loc in parse(response, root_tag).iter(SITEMAP + "loc")]


def url_of(article: Article, host: str = "http://testserver") -> str:
    return host + article.get_absolute_url()


def make_invisible_articles(make_article) -> None:
    """One of each kind readers must not see, all released within the last day."""
    now = timezone.now()
    make_article("작성중 기사", status=Article.Status.DRAFT)
    make_article("예약 기사", age=-timedelta(hours=1))
    make_article("출고 취소 기사", status=Article.Status.WITHDRAWN, published_at=now - timedelta(hours=1))
    make_article("출고 종료 기사", age=timedelta(hours=3), ends_at=now - timedelta(minutes=1))


def test_sitemap_index_points_to_the_article_section_series_and_reporter_sitemaps(client, db):
    response = client.get("/sitemap.xml")

    assert locations(response, "sitemapindex") == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-series.xml",
        "http://testserver/sitemap-reporters.xml",
    ]


def test_sitemap_index_points_to_pages_that_list_every_visible_article_once(client, monkeypatch, make_article):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)  # a page holds the articles of two consecutive ids
    articles = [make_article(age=timedelta(hours=n)) for n in range(9, 0, -1)]
    # Two articles that fill one page between others, withdrawn: that page is not worth a crawl.
    gone = next(i for i, article in enumerate(articles) if i >= 2 and article.pk % 2 == 1)
    withdrawn = articles[gone : gone + 2]
    Article.objects.filter(pk__in=[a.pk for a in withdrawn]).update(status=Article.Status.WITHDRAWN)
    visible = [article for article in articles if article not in withdrawn]

    index = locations(client.get("/sitemap.xml"), "sitemapindex")
    pages = [location for location in index if "/sitemap-articles.xml" in location]
    listed = [url for page in pages for url in locations(client.get(page.removeprefix("http://testserver")))]

    assert pages[0] == "http://testserver/sitemap-articles.xml"
    assert sorted(listed) == sorted(url_of(article) for article in visible)  # each once
    assert all(len(locations(client.get(page.removeprefix("http://testserver")))) <= 2 for page in pages)
    # Pages are counted from the range of the first article, whatever the ids are: nine ids fill five pages.
    base = (articles[0].pk - 1) // 2 * 2
    empty_page = (withdrawn[0].pk - 1 - base) // 2 + 1
    assert url_of(articles[0]) in locations(client.get("/sitemap-articles.xml"))
    assert pages == [
        "http://testserver/sitemap-articles.xml",
        *(f"http://testserver/sitemap-articles.xml?p={n}" for n in range(2, 6) if n != empty_page),
    ]
    assert client.get("/sitemap-articles.xml", {"p": empty_page}).status_code == 404
    assert client.get("/sitemap-articles.xml", {"p": 6}).status_code == 404
    assert client.get("/sitemap-articles.xml", {"p": 0}).status_code == 404
    assert client.get("/sitemap-articles.xml", {"p": "x"}).status_code == 404


def test_article_sitemap_lists_only_visible_articles_with_their_last_change(client, make_article):
    article = make_article("출고 기사")
    make_invisible_articles(make_article)

    root = parse(client.get("/sitemap-articles.xml"), "urlset")

    [url] = root.iter(SITEMAP + "url")
    assert url.findtext(SITEMAP + "loc") == url_of(article)
    assert datetime.fromisoformat(url.findtext(SITEMAP + "lastmod")) == article.updated_at.replace(microsecond=0)


def test_section_sitemap_lists_every_section(client, make_section, section):
    make_section("경제", slug="economy")

    assert locations(client.get("/sitemap-sections.xml")) == [  # in menu order
        "http://testserver/sections/economy/",
        "http://testserver/sections/bigtech/",
    ]


def test_series_sitemap_lists_only_series_with_a_visible_article(client, make_article, make_series):
    column = make_series("빅테크칼럼", slug="bigtech-column")
    planned = make_series("예정 연재", slug="planned")
    make_article(series=column)
    make_invisible_articles(lambda *args, **fields: make_article(*args, series=planned, **fields))

    assert locations(client.get("/sitemap-series.xml")) == ["http://testserver/series/bigtech-column/"]


def test_reporter_sitemap_lists_reporters_with_a_visible_article_even_after_they_left(
    client, make_article, make_reporter, reporter
):
    retired = make_reporter("김퇴사", is_active=False)
    newcomer = make_reporter("이신입")
    make_article(reporters=[reporter])
    make_article(reporters=[retired])
    make_invisible_articles(lambda *args, **fields: make_article(*args, reporters=[newcomer], **fields))

    assert locations(client.get("/sitemap-reporters.xml")) == [
        f"http://testserver/reporters/{retired.pk}/",
        f"http://testserver/reporters/{reporter.pk}/",
    ]


def test_unknown_sitemap_is_not_found(client, db):
    assert client.get("/sitemap-photos.xml").status_code == 404


def test_news_sitemap_lists_articles_of_the_last_48_hours_for_google_news(client, make_article, make_series):
    column = make_series("빅테크칼럼", slug="bigtech-column")
    recent = make_article("메타의 반격", series=column, age=timedelta(hours=47))
    make_article("사흘 전 기사", age=timedelta(hours=49))
    make_invisible_articles(make_article)

    root = parse(client.get("/sitemap-news.xml"), "urlset")

    [url] = root.iter(SITEMAP + "url")
    news = url.find(NEWS + "news")
    assert url.findtext(SITEMAP + "loc") == url_of(recent)
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "뉴스스페이스"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "ko"
    published = datetime.fromisoformat(news.findtext(NEWS + "publication_date"))
    assert published == recent.published_at.replace(microsecond=0)
    assert published.utcoffset() == timedelta(hours=9)  # in the paper's time zone, with its offset
    assert news.findtext(NEWS + "title") == "[빅테크칼럼] 메타의 반격"


def test_news_sitemap_escapes_headlines_and_they_arrive_intact(client, make_article):
    headline = '삼성 "HBM4" <단독> & SK하이닉스\x0b'
    make_article(headline)

    response = client.get("/sitemap-news.xml")

    assert "<단독>" not in response.text
    titles = [title.text for title in parse(response, "urlset").iter(NEWS + "title")]
    assert titles == ['삼성 "HBM4" <단독> & SK하이닉스']


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_banner_clicks_and_names_both_sitemaps(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /banners/" in lines  # a click on a banner is counted for the advertiser
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_sitemaps_and_robots_txt_use_site_url_when_it_is_set(client, settings, make_article):
    settings.SITE_URL = "https://news.example.kr"
    article = make_article()

    assert locations(client.get("/sitemap.xml"), "sitemapindex")[0] == "https://news.example.kr/sitemap-articles.xml"
    assert locations(client.get("/sitemap-articles.xml")) == [url_of(article, "https://news.example.kr")]
    assert locations(client.get("/sitemap-sections.xml")) == ["https://news.example.kr/sections/bigtech/"]
    assert locations(client.get("/sitemap-news.xml")) == [url_of(article, "https://news.example.kr")]
    robots = client.get("/robots.txt").text.splitlines()
    assert "Sitemap: https://news.example.kr/sitemap.xml" in robots
    assert "Sitemap: https://news.example.kr/sitemap-news.xml" in robots


@pytest.fixture
def grow(make_article, make_section, make_series, make_reporter, section, reporter):
    """Grow the archive in steps, each with more sections, series, reporters and articles among them."""
    sections, series, reporters = [section], [], [reporter]

    def add(n: int) -> None:
        sections.extend(make_section() for _ in range(n // 4))
        series.extend(make_series() for _ in range(n // 4))
        reporters.extend(make_reporter(f"기자{len(reporters) + i}") for i in range(n // 4))
        for i in range(n):
            make_article(
                section=sections[i % len(sections)],
                series=series[i % len(series)],
                reporters=[reporters[i % len(reporters)], reporters[(i + 1) % len(reporters)]],
            )

    return add


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # each sitemap reads the content version first (the page cache), then:
        # the numbers of the article pages (one statement along the primary key); the count of each other
        # sitemap's items: sections, series, reporters
        ("/sitemap.xml", 5),
        # the page of visible articles (no count)
        ("/sitemap-articles.xml", 2),
        # the count of sections, the page of them
        ("/sitemap-sections.xml", 3),
        # the count of series with a visible article, the page of them
        ("/sitemap-series.xml", 3),
        # the count of reporters with a visible article, the page of them
        ("/sitemap-reporters.xml", 3),
        # the recent articles with their series
        ("/sitemap-news.xml", 2),
        # none: names the sitemaps only
        ("/robots.txt", 0),
    ],
)
def test_sitemap_runs_the_same_queries_for_a_small_archive_or_a_larger_one(
    client, settings, django_assert_num_queries, grow, url, queries
):
    settings.PAGE_CACHE = False  # what a sitemap costs to render
    grow(4)
    client.get(url)  # a version's first request also works out its next change by the clock (caching.pages)
    with django_assert_num_queries(queries):
        small = client.get(url)
    grow(40)
    client.get(url)
    with django_assert_num_queries(queries):
        large = client.get(url)
    assert small.status_code == large.status_code == 200


def test_the_purged_sitemap_address_of_an_article_is_the_page_that_lists_it(client, make_article):
    from articles.sitemaps import article_sitemap_path

    first = make_article("첫 기사")
    late = make_article("5천 번째 뒤 기사", pk=first.pk + 5000)

    for article in (first, late):
        page = client.get(article_sitemap_path(article.pk))
        assert page.status_code == 200
        assert f"/articles/{article.pk}/</loc>" in page.text
    assert article_sitemap_path(late.pk).endswith("?p=2")

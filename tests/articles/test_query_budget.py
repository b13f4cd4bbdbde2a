"""Every public page runs a fixed number of queries, whether the archive holds a few articles or many."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ads.models import Banner
from audience.counting import count_view
from demo.images import lead_image
from demo.weather import load_demo_weather
from photos.models import Photo


@pytest.fixture
def grow(make_article, make_section, make_series, make_reporter, make_banner, section, reporter):
    """Grow the archive in steps; each step brings more sections, reporters per article and related picks."""
    series = make_series("빅테크칼럼", slug="bigtech-column", section=section)
    sections, reporters, made = [section], [reporter], []
    for slot in Banner.Slot.values:
        make_banner(slot)
    load_demo_weather()  # the masthead's strip, 16 stations
    upload = lead_image("budget")
    upload.name = "lead.jpg"
    photo = Photo.objects.create_from_upload(upload, alt_text="대표 사진")

    def add(n: int, *, new_sections: int, byline_size: int, picks: int) -> list:
        sections.extend(make_section() for _ in range(new_sections))
        reporters.extend(make_reporter(f"기자{len(reporters) + i}") for i in range(byline_size))
        for i in range(n):
            made.append(
                make_article(
                    series=series if i % 2 else None,
                    section=sections[i % len(sections)],
                    reporters=[reporters[(i + k) % len(reporters)] for k in range(byline_size)],
                    related=made[-picks:] if picks else [],
                    age=timedelta(minutes=len(made) + 10),
                    lead_photo=photo,
                )
            )
            count_view(made[-1])
        return made

    return add


@pytest.fixture(autouse=True)
def _rendered(settings):
    """What a page costs to render: the page cache off. Each page's first query reads the content version."""
    settings.PAGE_CACHE = False


@pytest.fixture
def client(reader):
    """Pages as a reader's browser gets them; its views and the banners it is shown are counted by the page's
    beacons (audience.views.view_beacon, ads.views.banners_seen), never by the page."""
    return reader


def assert_flat(client, django_assert_num_queries, grow, expected: int, url_of) -> None:
    """Same number of queries for a small archive and a larger one with more sections, reporters and picks.

    Counted with the weather strip, the 많이 본 뉴스 box, the banners and the section menu kept for the content
    version, as they are most of the time; a cold cache adds a query for each.
    """
    articles = grow(4, new_sections=1, byline_size=1, picks=1)
    client.get(url_of(articles))  # fills the caches
    with django_assert_num_queries(expected):
        assert client.get(url_of(articles)).status_code == 200
    articles = grow(60, new_sections=6, byline_size=4, picks=8)
    client.get(url_of(articles))  # the strip is kept per content version, which the new articles moved on
    with django_assert_num_queries(expected):
        assert client.get(url_of(articles)).status_code == 200


def test_home_page_query_budget(client, django_assert_num_queries, grow):
    # the content version; sections with their front-page cutoffs, the newest articles' cutoff and the newest
    # article with a lead photo; the headlines of the section blocks and the newest articles (no bylines: they show
    # none), with the top story's body, bylines and lead photo's renditions; the series with their newest article's
    # id and headline. 많이 본 뉴스 and the banners of every slot the page names are kept for the content version;
    # the banners shown are counted by the page's beacon (ads.views.banners_seen)
    assert_flat(client, django_assert_num_queries, grow, 4, lambda articles: "/")


def test_home_page_with_every_cache_empty_reads_each_part_once(client, settings, django_assert_num_queries, grow):
    # Where no cache keeps anything (every request as after a restart): the four above, the first of them reading
    # the next release or end of an article with the content version (caching.pages.SqlClock: no kept page was
    # looked for), plus 많이 본 뉴스 ranked with its headlines, the weather strip's readings read once for the strip
    # and for when it next goes stale, and the banners that are on or to come, read once for the page's slots and
    # for the next start or end of one.
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "pages": dummy}
    assert_flat(client, django_assert_num_queries, grow, 7, lambda articles: "/")


def test_article_page_query_budget(client, django_assert_max_num_queries, grow):
    # the content version, the article with section, series and lead photo, its bylines, the photo's renditions,
    # related: picks, then same series and same section only while the box is not full, their bylines; the related
    # count (section, series elsewhere, picks elsewhere: one statement); 많이 본 뉴스 and the banners are kept
    # for the content version; the view and the banners shown are counted by the page's beacons
    # (audience.views.view_beacon, ads.views.banners_seen), not by the page. At most: picks that fill the box
    # spare the series and section reads.
    assert_flat(client, django_assert_max_num_queries, grow, 9, lambda articles: articles[-1].get_absolute_url())


def test_related_list_query_budget(client, django_assert_max_num_queries, grow):
    # At most: the article; the sizes of its picks and series segments; the exact total (section, series
    # elsewhere, picks elsewhere); up to one read per segment on the page; their bylines; the section menu;
    # banners. A page that falls inside fewer segments reads fewer.
    for articles in (grow(4, new_sections=1, byline_size=1, picks=1), grow(60, new_sections=6, byline_size=4, picks=8)):
        url = reverse("articles:related", args=[articles[-1].pk])
        client.get(url)  # fills the weather strip's cache
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_section_page_query_budget(client, django_assert_num_queries, grow):
    # the content version, the section, the count, the page of articles, their bylines (banners: kept)
    assert_flat(client, django_assert_num_queries, grow, 5, lambda articles: articles[0].section.get_absolute_url())


def test_series_page_query_budget(client, django_assert_num_queries, grow):
    # the content version, the series with its section, the count, the page of articles, their bylines (banners: kept)
    assert_flat(client, django_assert_num_queries, grow, 5, lambda articles: articles[1].series.get_absolute_url())


def test_reporter_page_query_budget(client, django_assert_num_queries, grow, reporter):
    # the content version, the reporter, the count, the page of articles, their bylines (banners: kept)
    assert_flat(client, django_assert_num_queries, grow, 5, lambda articles: reporter.get_absolute_url())


def test_date_page_query_budget(client, django_assert_num_queries, grow):
    def day_of(articles) -> str:
        day = timezone.localtime(articles[0].published_at).date()
        return reverse("articles:date", args=[day.year, day.month, day.day])

    # the content version, the count, the page of articles, their bylines (banners: kept)
    assert_flat(client, django_assert_num_queries, grow, 4, day_of)


def test_popular_page_query_budget(client, django_assert_num_queries, grow):
    # the content version, the last day's and the last week's 많이 본 뉴스 (each ranked in the cache); banners: kept
    assert_flat(client, django_assert_num_queries, grow, 3, lambda articles: reverse("audience:popular"))

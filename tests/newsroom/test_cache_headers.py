"""What shared caches (a CDN, a proxy) and browsers are told they may keep, and for how long."""

import gzip
from unittest import mock

import brotli
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_max_age

PUBLIC_PAGES = [
    "home",
    "article",
    "related",
    "section",
    "series",
    "reporter",
    "date",
    "popular",
    "search form",
    "feed",
    "section feed",
    "sitemap index",
    "news sitemap",
    "articles sitemap",
    "robots",
]


@pytest.fixture(autouse=True)
def _cache_settings(settings):
    # Numbers of the test's own, so that a test sees them come from the settings and not from a default.
    settings.PAGE_MAX_AGE = 5
    settings.PAGE_S_MAXAGE = 31
    settings.PAGE_STALE_WHILE_REVALIDATE = 29
    settings.PAGE_STALE_IF_ERROR = 3600
    settings.SEARCH_MAX_AGE = 17


@pytest.fixture
def paper(make_article, make_series, section, reporter):
    """A little paper with no banners, so that a page is the same from one request to the next."""
    series = make_series("주간 빅테크", slug="weekly", section=section)
    older = make_article("지난주의 메타", series=series)
    article = make_article("메타의 새 안경", series=series, related=[older])
    return {"article": article, "section": section, "series": series, "reporter": reporter}


def address(page: str, paper: dict) -> str:
    article, today = paper["article"], timezone.localdate()
    return {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "related": reverse("articles:related", args=[article.pk]),
        "section": reverse("articles:section", args=[paper["section"].slug]),
        "series": reverse("articles:series", args=[paper["series"].slug]),
        "reporter": reverse("articles:reporter", args=[paper["reporter"].pk]),
        "date": reverse("articles:date", args=[today.year, today.month, today.day]),
        "popular": reverse("audience:popular"),
        "search form": reverse("search:results"),
        "feed": reverse("articles:feed"),
        "section feed": reverse("articles:section_feed", args=[paper["section"].slug]),
        "sitemap index": reverse("articles:sitemap_index"),
        "news sitemap": reverse("articles:sitemap_news"),
        "articles sitemap": reverse("articles:sitemap", args=["articles"]),
        "robots": reverse("robots"),
    }[page]


def directives(response) -> set[str]:
    return {d.strip().lower() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def is_never_public(response) -> bool:
    found = directives(response)
    return "public" not in found and ("private" in found or "no-store" in found)


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_an_anonymous_public_page_may_be_kept_by_shared_caches_for_the_settings_seconds(reader, paper, page):
    response = reader.get(address(page, paper))

    assert response.status_code == 200
    assert directives(response) == {
        "public",
        "max-age=5",
        "s-maxage=31",
        "stale-while-revalidate=29",
        "stale-if-error=3600",
    }
    assert response.has_header("ETag")
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_asking_again_with_the_pages_etag_answers_304_without_a_body(reader, paper, page):
    first = reader.get(address(page, paper))

    again = reader.get(address(page, paper), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "s-maxage=31" in directives(again)


def test_a_page_changed_since_is_sent_again_in_full(reader, paper):
    first = reader.get(address("article", paper))
    paper["article"].headline = "메타의 새 안경, 출시 연기"
    paper["article"].save()

    again = reader.get(address("article", paper), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert "출시 연기" in again.content.decode()


def test_feeds_also_say_when_they_last_changed(reader, paper):
    assert reader.get(address("feed", paper)).has_header("Last-Modified")


def test_a_feed_served_from_the_page_cache_still_says_when_it_last_changed_and_answers_304_by_it(
    reader, paper, settings
):
    settings.PAGE_CACHE = True
    rendered = reader.get(address("feed", paper))

    kept = reader.get(address("feed", paper))
    again = reader.get(address("feed", paper), headers={"If-Modified-Since": rendered["Last-Modified"]})

    assert kept["X-Page-Cache"] == "hit"
    assert kept["Last-Modified"] == rendered["Last-Modified"]
    assert again.status_code == 304


def test_a_304_names_the_variants_of_the_page_it_stands_for(reader, paper):
    page = reader.get(address("home", paper), headers={"Accept-Encoding": "br"})

    again = reader.get(address("home", paper), headers={"Accept-Encoding": "br", "If-None-Match": page["ETag"]})

    assert again.status_code == 304
    assert "accept-encoding" in again["Vary"].lower()


def test_the_default_settings_take_a_withdrawn_story_out_of_every_shared_cache_within_a_minute():
    from newsroom import settings as defaults  # the module's values, not the test's overrides

    assert defaults.PAGE_S_MAXAGE > 0
    assert defaults.PAGE_S_MAXAGE + defaults.PAGE_STALE_WHILE_REVALIDATE <= 60


def test_a_missing_page_is_kept_as_briefly_as_a_page(reader, db):
    response = reader.get("/articles/999999/")

    assert response.status_code == 404
    assert "s-maxage=31" in directives(response)
    assert not response.cookies


def test_an_editor_browsing_the_site_gets_pages_no_shared_cache_keeps(client, make_member, paper):
    client.force_login(make_member("desk", "데스크"))

    for page in ("home", "article", "section", "feed"):
        response = client.get(address(page, paper))
        assert response.status_code == 200
        assert is_never_public(response), page


def test_search_with_a_query_is_kept_briefly_by_the_readers_browser_alone(reader, paper):
    response = reader.get(reverse("search:results"), {"q": "메타"})

    assert response.status_code == 200
    assert directives(response) == {"private", "max-age=17"}
    assert get_max_age(response) == 17


def test_the_admin_and_its_preview_are_never_public(client, make_member, paper):
    client.force_login(make_member("desk", "데스크"))

    for url in (
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_preview", args=[paper["article"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert is_never_public(response), url


def test_the_admins_login_page_is_never_public(reader, db):
    response = reader.get(reverse("admin:login"))

    assert is_never_public(response)


def test_beacons_health_checks_and_banner_clicks_are_never_stored(reader, paper, make_banner):
    banner = make_banner("site_top")
    article = paper["article"]

    for url in (
        reverse("audience:view_beacon", args=[article.pk]),
        reverse("healthz"),
        reverse("readyz"),
        reverse("ads:click", args=[banner.pk]),
    ):
        response = reader.get(url)
        assert response.status_code in (200, 204, 302), url
        assert "no-store" in directives(response), url
        assert not response.has_header("ETag"), url


def test_a_click_on_a_banner_taken_down_is_never_public(reader, make_banner):
    taken_down = make_banner("site_top", is_active=False)

    response = reader.get(reverse("ads:click", args=[taken_down.pk]))

    assert response.status_code == 404
    assert is_never_public(response)


def test_a_server_error_is_never_stored(db):
    server = Client(raise_request_exception=False)

    with mock.patch("articles.views.front_page", side_effect=ValueError("a bug")):
        response = server.get(reverse("articles:home"))

    assert response.status_code == 500
    assert directives(response) == {"no-store"}


def test_a_public_page_comes_compressed_with_brotli_to_a_browser_that_takes_it_and_reads_the_same(reader, paper):
    plain = reader.get(address("article", paper))

    compressed = reader.get(address("article", paper), headers={"Accept-Encoding": "gzip, deflate, br, zstd"})

    assert compressed["Content-Encoding"] == "br"
    assert "accept-encoding" in compressed["Vary"].lower()
    assert brotli.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2


@pytest.mark.parametrize("offer", ["gzip", "gzip, deflate", "gzip, br;q=0"])
def test_a_browser_that_takes_no_brotli_gets_gzip(reader, paper, offer):
    plain = reader.get(address("article", paper))

    compressed = reader.get(address("article", paper), headers={"Accept-Encoding": offer})

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content


def test_a_client_that_takes_neither_gets_the_page_as_it_is(reader, paper):
    response = reader.get(address("article", paper), headers={"Accept-Encoding": "identity"})

    assert not response.has_header("Content-Encoding")
    assert "<html" in response.text


@pytest.mark.parametrize("offer", ["gzip", "br"])
def test_the_compressed_pages_etag_also_answers_304(reader, paper, offer):
    compressed = reader.get(address("home", paper), headers={"Accept-Encoding": offer})

    again = reader.get(address("home", paper), headers={"Accept-Encoding": offer, "If-None-Match": compressed["ETag"]})

    assert compressed["ETag"].startswith("W/")
    assert again.status_code == 304


def test_the_admins_pages_with_their_csrf_token_are_never_compressed(client, make_member, paper):
    client.force_login(make_member("desk", "데스크"))

    response = client.get(reverse("admin:articles_article_add"), headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")

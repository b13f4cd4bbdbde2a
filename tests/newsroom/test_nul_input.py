"""A NUL in a request's address, query or form is a 400 with a Korean page, decided before any view reads it;
other odd text goes on to the views, and the beacons' bodies still count."""

from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.client import encode_multipart
from django.urls import reverse

from ads.models import Banner, BannerStat
from audience.models import ArticleViewCount

from ..pages import find, parse_html, text

TOKEN = "3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d"


def assert_refused(response) -> None:
    assert response.status_code == 400
    assert text(find(parse_html(response.text), "h1")) == "요청을 읽을 수 없습니다"
    assert "public" not in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "/?x=%00",
        "/?%00=1",
        "/search/?q=%00",
        "/search/?q=%EB%B0%98%EB%8F%84%00%EC%B2%B4",
        "/search/?q=반도체&section=%00",
        "/sections/bigtech/?page=%00",
        "/articles/{pk}/?utm_source=%00",
        "/popular/?a=b%00c",
        "/rss/?x=%00",
        "/news/articleView.html?idxno={pk}%00",
        "/news/article_list_writer.html?name=%EC%9C%A4%EC%8A%AC%00",
        "/sections/big%00tech/",
        "/admin/login/?next=/admin/%00",
    ],
)
def test_a_nul_in_a_public_address_gets_the_korean_400_page(client, make_article, url):
    article = make_article()

    assert_refused(client.get(url.format(pk=article.pk)))


def test_the_400_page_needs_no_database(client, db, settings):
    settings.DEBUG = False
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("refused")) as tried:
        response = client.get("/search/?q=%00")

    assert_refused(response)
    assert tried.call_count == 0


def test_a_nul_in_a_form_is_refused_before_the_view_sees_it(client, make_member):
    client.force_login(make_member("yoonseul", "기자"))
    url = reverse("admin:articles_article_add")

    assert_refused(client.post(url, {"headline": "반도\x00체"}))
    assert_refused(client.post(url, {"head\x00line": "반도체"}))
    multipart = encode_multipart("b", {"headline": "\x00"})
    assert_refused(client.post(url, multipart, content_type="multipart/form-data; boundary=b"))


def test_a_session_cookie_with_a_nul_is_ignored_and_the_page_served(client, db):
    # Sent as "\000…", which Django reads back as NUL: PostgreSQL would refuse the session's lookup.
    client.cookies[settings.SESSION_COOKIE_NAME] = "\x00" * 32

    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
    assert "로그인" in response.text


@pytest.mark.parametrize("query", ["q=%FF%FE", "q=%ED%A0%80", "q=%01%7F", "q=반도체%0B"])
def test_bytes_that_are_not_text_and_control_characters_still_get_the_search_page(client, make_article, query):
    make_article("반도체 기사")

    response = client.get(f"/search/?{query}")

    assert response.status_code == 200


def test_the_banner_beacon_still_counts_its_form(reader, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP)

    response = reader.post(
        "/banners/seen", f"t={TOKEN}&b={banner.pk}", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 204
    assert BannerStat.objects.get(banner=banner).impressions == 1


def test_the_view_beacon_still_counts_its_token(reader, make_article):
    article = make_article()

    response = reader.post(reverse("audience:view_beacon", args=[article.pk]), TOKEN, content_type="text/plain")

    assert response.status_code == 204
    assert ArticleViewCount.objects.get(article=article).views == 1


def test_a_beacon_sent_as_a_multipart_form_is_refused_not_an_error(reader, make_article):
    article = make_article()
    body = encode_multipart("b", {"x": "1"})

    response = reader.post(
        reverse("audience:view_beacon", args=[article.pk]), body, content_type="multipart/form-data; boundary=b"
    )

    assert response.status_code == 400
    assert not ArticleViewCount.objects.exists()

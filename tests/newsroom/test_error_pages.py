"""Error pages in Korean: the 404 needs nothing from a view, the 500 nothing from the database."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.html import parse_html
from django.urls import get_resolver, path
from django.views.defaults import server_error
from pytest_django.asserts import assertInHTML

from articles.models import Article

from ..pages import canonical_links, find, meta_tags, text


def needs_the_database(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(Article.objects.count()))


# This module is the URLconf of the 500 tests: one view that reads the database, and Django's default handler500,
# as the site's own URLconf has.
urlpatterns = [path("needs-the-database/", needs_the_database)]


@pytest.fixture
def production(settings) -> None:
    settings.DEBUG = False


@pytest.fixture
def database_down():
    """Every attempt to reach the database fails as it does when the server is gone; yields the attempts."""
    attempts = []

    def refuse(connection: BaseDatabaseWrapper) -> None:
        attempts.append(connection.alias)
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", autospec=True, side_effect=refuse):
        yield attempts


@pytest.mark.parametrize("url", ["/없는-주소/", "/news/nothing.html?idx=%3Cscript%3E", "/articles/1/nothing/"])
def test_an_unknown_address_gets_the_korean_404_page_without_the_database(client, production, database_down, url):
    response = client.get(url)

    assert response.status_code == 404
    page = parse_html(response.text)
    assert text(find(page, "h1")) == "페이지를 찾을 수 없습니다"
    assert find(page, "a", class_="error-page__home") == parse_html(
        '<a class="error-page__home" href="/">첫 화면으로 가기</a>'
    )
    assert parse_html("<p>저작권자 © 뉴스스페이스 무단전재 및 재배포 금지</p>") in find(page, "footer")
    assert canonical_links(response.text) == []
    assert meta_tags(response.text)["robots"] == "noindex"
    assert database_down == []


def test_a_view_that_finds_nothing_gets_the_same_404_page(client, production, make_article):
    draft = make_article(status=Article.Status.DRAFT)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404
    page = parse_html(response.text)
    assert text(find(page, "h1")) == "페이지를 찾을 수 없습니다"
    assert parse_html("<dt>등록번호</dt>") in find(page, "footer")


def test_the_500_page_is_served_in_korean_while_the_database_is_down(settings, production, database_down):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    # A bug rather than the database itself, which gets the 503 page (test_health.py).
    with mock.patch.object(Article.objects, "count", side_effect=ValueError("a bug")):
        response = client.get("/needs-the-database/")

    assert response.status_code == 500
    assertInHTML("<h1>일시적인 오류가 발생했습니다</h1>", response.text, count=1)
    assert "잠시 후 다시 시도해 주세요" in response.text
    assertInHTML('<a href="/">첫 화면으로 가기</a>', response.text, count=1)
    # Rendering the error page did not try the database.
    assert database_down == []


def test_the_site_uses_djangos_own_500_handler_which_renders_without_context():
    assert get_resolver("newsroom.urls").resolve_error_handler(500) is server_error

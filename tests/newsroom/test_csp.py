"""The Content-Security-Policy every page is sent: the site's own scripts and styles only, a nonce in the admin alone
(public pages are cached and shared by every reader), the error pages' inline style allowed by its hash."""

import base64
import hashlib
import io
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import path, reverse
from PIL import Image

from articles.models import Article
from photos.models import Photo

HEADER = "Content-Security-Policy"
PROJECT = Path(__file__).resolve().parents[2]


def start(code: str, **env: str) -> subprocess.CompletedProcess:
    """Start Django in a fresh interpreter with `env` on top of this one's, then run `code`: the policy is read
    from the environment when the settings load."""
    script = "import django; django.setup()\n" + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def needs_the_database(request):
    return Article.objects.count()


# The URLconf of the 500 test: a view with a bug, and Django's default handler500, as the site's own URLconf has.
urlpatterns = [path("broken/", needs_the_database)]


def policy(response, header: str = HEADER) -> dict[str, list[str]]:
    """The policy's directives, each with its sources."""
    return {name: sources for name, *sources in (part.split() for part in response[header].split(";"))}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def inline_code(html: str) -> list[str]:
    """Whatever in the page a policy without 'unsafe-inline' would refuse unless it has a nonce: inline scripts
    (a data block such as JSON-LD is no script), event handler attributes, javascript: links, style elements and
    attributes."""
    found = []
    for tag, attrs in tags(html).tags:
        data_block = attrs.get("type") in ("application/json", "application/ld+json")
        if tag == "script" and "src" not in attrs and "nonce" not in attrs and not data_block:
            found.append(f"<script {attrs}>")
        if tag == "style" and "nonce" not in attrs:
            found.append("<style>")
        found += [f"<{tag} {name}=…>" for name in attrs if name.startswith("on") or name == "style"]
        found += [f"<{tag} {name}={value}>" for name, value in attrs.items() if (value or "").startswith("javascript:")]
    return found


@pytest.fixture
def paper(make_article):
    return make_article("메타의 새 안경", body="<p>서울에 첫눈이 내렸다.</p>")


def public_address(page: str, article: Article) -> str:
    return {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "section": reverse("articles:section", args=[article.section.slug]),
        "search": reverse("search:results") + "?q=안경",
    }[page]


@pytest.mark.parametrize("page", ["home", "article", "section", "search"])
def test_a_public_page_runs_only_the_sites_own_scripts_and_carries_no_nonce(client, paper, page):
    response = client.get(public_address(page, paper))

    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response[HEADER]
    assert "nonce" not in response[HEADER]
    assert "nonce=" not in response.text
    assert inline_code(response.text) == []


def test_a_page_from_the_page_cache_carries_the_same_policy(client, paper):
    rendered = client.get(paper.get_absolute_url())
    kept = client.get(paper.get_absolute_url())

    assert (rendered["X-Page-Cache"], kept["X-Page-Cache"]) == ("miss", "hit")
    assert kept[HEADER] == rendered[HEADER]
    assert policy(kept)["script-src"] == ["'self'"]


def test_the_policy_frames_only_youtube_and_lets_no_one_frame_the_site(client, paper):
    directives = policy(client.get(paper.get_absolute_url()))

    assert directives["frame-src"] == ["https://www.youtube-nocookie.com"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["img-src"] == ["'self'", "data:"]


def test_the_admin_login_page_has_the_policy_and_nothing_inline(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]  # nothing inline there, so no nonce either
    assert inline_code(response.text) == []


@pytest.fixture
def desk_client(make_member) -> Client:
    client = Client()
    client.force_login(make_member("데스크1", "데스크"))
    return client


@pytest.mark.parametrize(
    "page",
    ["dashboard", "article list", "article form", "article history", "photo upload", "kept edits", "banners"],
)
def test_an_admin_page_has_the_policy_and_nothing_inline_without_its_nonce(desk_client, paper, page):
    address = {
        "dashboard": reverse("admin:index"),
        "article list": reverse("admin:articles_article_changelist"),
        "article form": reverse("admin:articles_article_change", args=[paper.pk]),
        "article history": reverse("admin:articles_article_history", args=[paper.pk]),
        "photo upload": reverse("admin:photos_photo_add"),
        "kept edits": reverse("admin:articles_keptedit_changelist"),
        "banners": reverse("admin:ads_banner_changelist"),
    }[page]

    response = desk_client.get(address)

    assert response.status_code == 200
    assert "'unsafe-inline'" not in response[HEADER]
    assert policy(response)["style-src"] == ["'self'"]
    assert inline_code(response.text) == []


def test_photo_and_banner_thumbnails_in_the_admin_are_styled_without_style_attributes(admin_client, make_banner):
    image = io.BytesIO()
    Image.new("RGB", (640, 480), (128, 128, 128)).save(image, "JPEG")
    photo = Photo.objects.create_from_upload(SimpleUploadedFile("a.jpg", image.getvalue(), "image/jpeg"))
    make_banner("site_top")

    for address, thumbnail in [
        (reverse("admin:photos_photo_changelist"), 'class="photo-thumbnail"'),
        (reverse("admin:photos_photo_change", args=[photo.pk]), 'class="photo-preview"'),
        (reverse("admin:ads_banner_changelist"), 'class="banner-thumbnail"'),
    ]:
        response = admin_client.get(address)

        assert response.status_code == 200
        assert thumbnail in response.text
        assert inline_code(response.text) == [], address


def test_the_body_editors_import_map_carries_the_nonce_of_the_pages_policy(desk_client):
    response = desk_client.get(reverse("admin:articles_article_add"))

    assert response.status_code == 200
    script_src = policy(response)["script-src"]
    assert script_src[0] == "'self'"
    assert "'unsafe-inline'" not in script_src
    nonces = [source.removeprefix("'nonce-").removesuffix("'") for source in script_src if "nonce-" in source]
    assert len(nonces) == 1
    scripts = [attrs for tag, attrs in tags(response.text).tags if tag == "script"]
    assert [attrs.get("nonce") for attrs in scripts if attrs.get("type") == "importmap"] == nonces


def test_each_admin_page_gets_a_nonce_of_its_own(desk_client):
    first = policy(desk_client.get(reverse("admin:articles_article_add")))["script-src"]
    second = policy(desk_client.get(reverse("admin:articles_article_add")))["script-src"]

    assert first != second


def _sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_the_500_pages_inline_style_is_allowed_by_its_hash(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    [style] = tags(response.text).styles
    assert policy(response)["style-src"] == ["'self'", _sha256(style)]
    assert inline_code(response.text) == ["<style>"]  # that one alone


def test_the_400_pages_inline_style_is_allowed_by_its_hash(client, db):
    response = client.get("/search/", {"q": "경제\x00"})

    assert response.status_code == 400
    [style] = tags(response.text).styles
    assert _sha256(style) in policy(response)["style-src"]


def test_the_503_pages_inline_style_is_allowed_by_its_hash(client, paper, settings):
    settings.DEBUG = False
    url = paper.get_absolute_url()

    def refuse(connection):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", autospec=True, side_effect=refuse):
        response = client.get(url)

    assert response.status_code == 503
    [style] = tags(response.text).styles
    assert _sha256(style) in policy(response)["style-src"]


def test_the_404_page_has_the_policy_and_nothing_inline(client, db, settings):
    settings.DEBUG = False

    response = client.get("/없는-주소/")

    assert response.status_code == 404
    assert policy(response)["script-src"] == ["'self'"]
    assert inline_code(response.text) == []


def test_report_only_sends_the_same_policy_under_the_report_only_header():
    result = start(
        """
        from django.test import Client
        response = Client(HTTP_HOST="localhost").get("/healthz")
        print(response.get("Content-Security-Policy"))
        print(response["Content-Security-Policy-Report-Only"])
        """,
        CSP_REPORT_ONLY="true",
        CSP_REPORT_URI="https://csp.example.kr/report",
    )

    assert result.returncode == 0, result.stderr
    enforced, report_only = result.stdout.splitlines()
    assert enforced == "None"
    assert "script-src 'self'" in report_only
    assert re.search(r"(^|; )report-uri https://csp\.example\.kr/report($|;)", report_only)


def test_the_policy_is_enforced_unless_told_otherwise():
    result = start(
        """
        from django.test import Client
        response = Client(HTTP_HOST="localhost").get("/healthz")
        print(response.get("Content-Security-Policy-Report-Only"))
        print(response["Content-Security-Policy"])
        """
    )

    assert result.returncode == 0, result.stderr
    report_only, enforced = result.stdout.splitlines()
    assert report_only == "None"
    assert "script-src 'self'" in enforced
    assert "report-uri" not in enforced


def test_images_may_come_from_the_uploads_origin_when_media_url_is_an_absolute_address():
    result = start(
        """
        from django.test import Client
        print(Client(HTTP_HOST="localhost").get("/healthz")["Content-Security-Policy"])
        """,
        MEDIA_URL="https://cdn.example.kr/newsroom/media/",
    )

    assert result.returncode == 0, result.stderr
    directives = dict(part.strip().split(" ", 1) for part in result.stdout.strip().split(";"))  # in any order
    assert directives["img-src"] == "'self' data: https://cdn.example.kr"


@pytest.mark.parametrize("page", ["setting up an app", "giving the code", "locked out"])
def test_the_sign_in_pages_have_the_policy_and_nothing_inline(make_member, settings, page):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    desk = make_member("데스크2", "데스크")
    if page == "giving the code":
        TOTPDevice.objects.create(user=desk, name="인증 앱", confirmed=True)
    client = Client()
    if page == "locked out":
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            response = client.post(reverse("admin:login"), {"username": "데스크2", "password": "wrong"})
        assert response.status_code == 429
    else:
        client.post(reverse("admin:login"), {"username": "데스크2", "password": "pw-for-tests-only"})
        response = client.get(client.get(reverse("admin:index")).url)
        assert response.status_code == 200

    assert policy(response)["script-src"] == ["'self'"]
    assert inline_code(response.text) == []

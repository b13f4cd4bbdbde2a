"""Script posted straight to the admin (no editor in between) comes out inert everywhere it is shown.

The pages are read with html.parser as a browser reads them, forgiving, and not with django.test.html: its parser
raises at the first stray end tag, which is just what text breaking out of an element leaves behind, so a
breakout would end the test in a parse error instead of naming the live script it opened.
"""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User

from ads.models import Banner
from articles.models import Article, Reporter
from demo.images import banner_image, lead_image
from photos.models import Photo

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"


class LiveScript(HTMLParser):
    """Collects what a browser would run: script elements holding the payload, on* handlers, javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        # A JSON data block (the page's JSON-LD) is never run; text breaking out of one would open a live <script>.
        self._in_script = tag == "script" and dict(attrs).get("type") not in ("application/ld+json", "application/json")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def assert_inert(page: str, where: str) -> None:
    parser = LiveScript()
    parser.feed(page)
    assert parser.found == [], f"live script on {where}: {parser.found}"


@pytest.fixture
def hostile_article(client, db, section, change, article_form, make_member):
    """A released article whose every editable text carries script, entered through admin POSTs."""
    chief = make_member("chief", "관리자")
    chief.is_superuser = True  # also the photo and banner admins
    chief.save()
    client.force_login(chief)
    client.post(
        "/admin/articles/reporter/add/", {"name": "기자<script>alert(1)</script>", "email": "", "is_active": "on"}
    )
    reporter = Reporter.objects.get(name__startswith="기자")
    upload = lead_image("xss")
    upload.name = "x.jpg"
    client.post(
        "/admin/photos/photo/add/",
        {"image": upload, "alt_text": f"대체{PAYLOAD}", "caption": f"설명{PAYLOAD}", "credit": f"출처{PAYLOAD}"},
    )
    photo = Photo.objects.get()
    banner = banner_image((300, 100), "xss")
    banner.name = "ad.jpg"
    client.post(
        "/admin/ads/banner/add/",
        {"name": f"광고{PAYLOAD}", "slot": "article_side", "link_url": "https://ad.example/", "image": banner,
         "alt_text": f"광고문구{PAYLOAD}", "starts_at_0": "2025-01-01", "starts_at_1": "00:00:00", "weight": "1",
         "is_active": "on"},
    )  # fmt: skip
    assert Banner.objects.exists()
    body = (
        '<p>본문<script>alert(1)</script></p><a href="javascript:alert(3)">링크</a>'
        '<img src="/x.jpg" alt="사진" onerror=alert(4)>'
    )
    form = article_form(section, reporters=[reporter], headline=f"제목{PAYLOAD}", body=body, lead_photo=photo.pk)
    assert client.post("/admin/articles/article/add/", form).status_code == 302
    article = Article.objects.get()
    change(client, article, subheadline=f"부제{PAYLOAD}", lead_photo=photo.pk, body=body)
    return article


def test_script_is_inert_on_the_public_pages(client, hostile_article):
    client.logout()
    article = Article.objects.get()
    reporter = article.bylines.get().reporter
    pages = {
        "article": article.get_absolute_url(),
        "home": "/",
        "section": article.section.get_absolute_url(),
        "reporter": reporter.get_absolute_url(),
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert_inert(response.text, where)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(article.get_absolute_url()).text


def test_script_is_inert_in_the_admin_lists_forms_history_and_diffs(client, hostile_article):
    article = Article.objects.get()
    photo = Photo.objects.get()
    pages = [
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
        f"/admin/articles/article/{article.pk}/preview/",
        "/admin/articles/reporter/",
        "/admin/ads/banner/",
        "/admin/photos/photo/",
        f"/admin/photos/photo/{photo.pk}/change/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.text, url)
    assert User.objects.filter(username="chief").exists()

"""What an article page tells search engines and link previews: canonical address, Open Graph, Twitter card, JSON-LD."""

import json
from datetime import datetime, timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.models import Article
from articles.sharing import json_for_script
from demo.images import lead_image
from photos.models import Photo, Rendition

from ..pages import canonical_links, head_scripts, meta_tags

SITE_URL = "https://news.example.kr"
HOSTILE = '</script><script>alert(1)</script> & <!-- "따옴표"'


@pytest.fixture
def site_url(settings) -> str:
    settings.SITE_URL = SITE_URL
    return SITE_URL


@pytest.fixture
def column(make_series, section):
    return make_series("빅테크칼럼", slug="bigtech-column", section=section)


@pytest.fixture
def photo(db) -> Photo:
    upload = lead_image("sharing")  # 1200×675
    upload.name = "lead.jpg"
    return Photo.objects.create_from_upload(upload, alt_text="회의실에 모인 임원들")


def json_ld(html: str) -> tuple[str, dict]:
    """The raw text of the page's one JSON-LD script, and what it parses to."""
    (raw,) = head_scripts(html, "application/ld+json")
    return raw, json.loads(raw)


def test_article_page_shares_the_headline_with_its_series_prefix_and_the_summary(
    client, site_url, make_article, column
):
    article = make_article("메타 최고수익책임자, 회사 떠난다", series=column, summary="메타의 최고수익책임자가 떠난다.")

    page = client.get(article.get_absolute_url()).text
    meta = meta_tags(page)

    url = f"{SITE_URL}/articles/{article.pk}/"
    assert canonical_links(page) == [url]
    assert meta["og:type"] == "article"
    assert meta["og:title"] == meta["twitter:title"] == "[빅테크칼럼] 메타 최고수익책임자, 회사 떠난다"
    assert (
        meta["description"]
        == meta["og:description"]
        == meta["twitter:description"]
        == "메타의 최고수익책임자가 떠난다."
    )
    assert meta["og:url"] == url
    assert meta["og:site_name"] == "뉴스스페이스"
    assert meta["og:locale"] == "ko_KR"
    assert meta["article:section"] == "빅테크"
    assert datetime.fromisoformat(meta["article:published_time"]) == article.published_at.replace(microsecond=0)
    assert meta["article:published_time"].endswith("+09:00")
    assert meta["article:modified_time"].endswith("+09:00")


def test_without_a_summary_the_description_is_the_start_of_the_body(client, make_article):
    article = make_article(body="<p>첫 문단이 <strong>요약</strong> 대신 쓰입니다.</p>")

    meta = meta_tags(client.get(article.get_absolute_url()).text)

    assert meta["description"] == meta["og:description"] == "첫 문단이 요약 대신 쓰입니다."


def test_without_site_url_the_addresses_use_the_host_the_request_came_in_on(client, settings, make_article):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["news.example.org"]
    article = make_article()

    page = client.get(article.get_absolute_url(), HTTP_HOST="news.example.org").text

    assert canonical_links(page) == [f"http://news.example.org/articles/{article.pk}/"]
    assert meta_tags(page)["og:url"] == f"http://news.example.org/articles/{article.pk}/"


def test_lead_photo_is_shared_as_its_jpeg_rendition_nearest_1200px(client, site_url, make_article, photo):
    article = make_article(lead_photo=photo)

    page = client.get(article.get_absolute_url()).text
    meta = meta_tags(page)

    image_url = meta["og:image"]
    assert image_url.startswith(f"{SITE_URL}/media/photos/")
    rendition = Rendition.objects.get(file=image_url.removeprefix(f"{SITE_URL}/media/"))
    assert (rendition.format, rendition.width) == (Rendition.Format.JPEG, 1024)  # of 320, 640 and 1024
    with default_storage.open(rendition.file.name) as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1024, 576)
    assert meta["og:image:type"] == "image/jpeg"
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == "회의실에 모인 임원들"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == image_url
    assert json_ld(page)[1]["image"] == [image_url]


def test_article_without_a_photo_gets_a_small_card_and_no_image(client, make_article):
    article = make_article()

    page = client.get(article.get_absolute_url()).text
    meta = meta_tags(page)

    assert meta["twitter:card"] == "summary"
    assert "og:image" not in meta and "twitter:image" not in meta
    assert "image" not in json_ld(page)[1]


def test_json_ld_describes_the_news_article_with_its_reporters_and_dates(
    client, site_url, make_article, make_reporter, column, reporter
):
    colleague = make_reporter("이종화")
    article = make_article(
        "코딩 에이전트의 한 해",
        series=column,
        summary="한 해를 돌아본다.",
        reporters=[reporter, colleague],
        age=timedelta(hours=3),
    )
    Article.objects.filter(pk=article.pk).update(updated_at=article.published_at + timedelta(hours=1))
    article.refresh_from_db()

    data = json_ld(client.get(article.get_absolute_url()).text)[1]

    url = f"{SITE_URL}/articles/{article.pk}/"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "[빅테크칼럼] 코딩 에이전트의 한 해"
    assert data["description"] == "한 해를 돌아본다."
    assert data["url"] == url
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["author"] == [
        {"@type": "Person", "name": "윤슬", "url": f"{SITE_URL}/reporters/{reporter.pk}/"},
        {"@type": "Person", "name": "이종화", "url": f"{SITE_URL}/reporters/{colleague.pk}/"},
    ]
    assert data["datePublished"].endswith("+09:00") and data["dateModified"].endswith("+09:00")
    assert datetime.fromisoformat(data["datePublished"]) == article.published_at.replace(microsecond=0)
    assert datetime.fromisoformat(data["dateModified"]) == article.updated_at.replace(microsecond=0)
    # There is no logo file in static/img/, so the publisher has none.
    assert data["publisher"] == {"@type": "Organization", "name": "뉴스스페이스", "url": f"{SITE_URL}/"}
    assert data["articleSection"] == "빅테크"
    assert data["inLanguage"] == "ko"


def test_a_hostile_headline_cannot_break_out_of_the_json_ld_script(client, make_article):
    article = make_article(HOSTILE, summary=HOSTILE)

    page = client.get(article.get_absolute_url()).text
    raw, data = json_ld(page)

    assert "</script" not in raw.lower() and "<" not in raw and ">" not in raw and "&" not in raw
    assert data["headline"] == data["description"] == HOSTILE
    assert "<script>alert(1)</script>" not in page
    assert meta_tags(page)["og:title"] == HOSTILE


def test_json_for_script_escapes_what_could_end_the_element():
    assert json_for_script({"a": "</script>&<!--"}) == '{"a": "\\u003C/script\\u003E\\u0026\\u003C!--"}'


def test_preview_of_an_unreleased_article_is_noindex_without_a_canonical_link(admin_client, make_article, column):
    draft = make_article("아직 초안", series=column, status=Article.Status.DRAFT)

    response = admin_client.get(f"/admin/articles/article/{draft.pk}/preview/")
    meta = meta_tags(response.text)

    assert response.status_code == 200
    assert "noindex" in meta["robots"]
    assert canonical_links(response.text) == []
    assert meta["og:title"] == "[빅테크칼럼] 아직 초안"
    assert "article:published_time" not in meta
    assert "datePublished" not in json_ld(response.text)[1]


def test_preview_reads_the_lead_photos_renditions_in_one_query(admin_client, make_article, photo):
    draft = make_article(lead_photo=photo, status=Article.Status.DRAFT)
    url = f"/admin/articles/article/{draft.pk}/preview/"
    admin_client.get(url)  # the session and the admin's first reads

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(url)

    assert meta_tags(response.text)["og:image"].endswith("-1024w.jpg")
    assert 'type="image/webp"' in response.text  # the <picture> still has both formats
    assert sum('"photos_rendition"' in query["sql"] for query in queries.captured_queries) == 1


def test_published_article_page_is_not_marked_noindex(client, make_article):
    article = make_article()

    assert "robots" not in meta_tags(client.get(article.get_absolute_url()).text)


def test_list_pages_have_their_own_canonical_address_and_the_site_name(
    client, site_url, settings, make_article, section
):
    settings.ARTICLES_PER_PAGE = 1
    make_article()
    make_article()

    first = client.get(section.get_absolute_url(), {"utm_source": "newsletter"}).text
    second = client.get(section.get_absolute_url(), {"page": "2", "utm_source": "newsletter"}).text

    assert canonical_links(first) == [f"{SITE_URL}/sections/bigtech/"]
    assert canonical_links(second) == [f"{SITE_URL}/sections/bigtech/?page=2"]
    assert meta_tags(first)["og:site_name"] == "뉴스스페이스"


def test_pages_without_pages_ignore_a_page_number_in_their_canonical_address(client, site_url, make_article):
    make_article()

    home = client.get("/", {"page": "2"}).text
    popular = client.get("/popular/", {"page": "7"}).text

    assert canonical_links(home) == [f"{SITE_URL}/"]
    assert canonical_links(popular) == [f"{SITE_URL}/popular/"]


@pytest.mark.parametrize("path", ["/", "/popular/", "/sections/bigtech/", "/date/2026/01/04/", "/nowhere/"])
def test_a_page_number_of_thousands_of_digits_is_no_server_error(client, settings, make_article, path):
    settings.DEBUG = False
    make_article()

    response = client.get(path, {"page": "9" * 5000})

    assert response.status_code in (200, 404)

"""The shipped nginx configuration: valid, and in front of the app it caches what the app calls public, keeps editors
and beacons out of the cache, serves static and media files, and drops a page when the app purges it."""

import gzip
import re
import subprocess
from pathlib import Path

import pytest
import urllib3
from django.db.models import Sum

from audience.models import ArticleViewCount

SHIPPED = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
needs_purge_module = pytest.mark.skipif(
    not PURGE_MODULE.exists(), reason="nginx의 cache-purge 모듈이 없습니다 (libnginx-mod-http-cache-purge)"
)
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
http = urllib3.PoolManager(retries=False, timeout=10)


def get(url: str, **headers: str) -> urllib3.BaseHTTPResponse:
    return http.request("GET", url, headers={"User-Agent": BROWSER, **headers}, decode_content=False, redirect=False)


def test_the_shipped_configuration_passes_nginx_t(nginx_conf):
    server = nginx_conf()

    checked = subprocess.run(server.command("-t"), capture_output=True, text=True)

    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_the_gunicorn_bind_is_the_upstream():
    bind = re.search(r'"GUNICORN_BIND", "([^"]+)"', (SHIPPED.parent / "gunicorn.conf.py").read_text()).group(1)

    assert re.search(rf"^\s*server {re.escape(bind)};", SHIPPED.read_text(), re.M)


@pytest.mark.django_db(transaction=True)
def test_a_second_reader_gets_the_article_from_the_cache_and_an_editor_never(nginx_in_front, make_article):
    article = make_article("캐시되는 기사")
    url = f"{nginx_in_front.url}/articles/{article.pk}/"

    first, second = get(url), get(url)
    editor = get(url, Cookie="sessionid=an-editors-session")

    assert (first.status, first.headers["X-Cache-Status"]) == (200, "MISS")
    assert (second.status, second.headers["X-Cache-Status"]) == (200, "HIT")
    assert "캐시되는 기사" in second.data.decode()
    assert "public" in second.headers["Cache-Control"] and "s-maxage=" in second.headers["Cache-Control"]
    assert editor.headers["X-Cache-Status"] == "BYPASS"
    assert get(url, Cookie="sessionid=an-editors-session").headers["X-Cache-Status"] == "BYPASS"


@pytest.mark.django_db(transaction=True)
def test_a_link_shared_with_tracking_tags_is_served_from_the_pages_copy_and_purged_with_it(
    nginx_in_front, make_article
):
    article = make_article("널리 공유된 기사")
    url = f"{nginx_in_front.url}/articles/{article.pk}/"
    get(url)

    from_facebook = get(f"{url}?fbclid=IwAR0abc123")
    from_a_newsletter = get(f"{url}?utm_source=newsletter&utm_medium=email&utm_campaign=1202")
    with_another_parameter = get(f"{url}?fbclid=IwAR0abc123&x=1")

    assert (from_facebook.status, from_facebook.headers["X-Cache-Status"]) == (200, "HIT")
    assert from_a_newsletter.headers["X-Cache-Status"] == "HIT"
    assert with_another_parameter.headers["X-Cache-Status"] == "MISS"  # kept apart: its own address
    assert "널리 공유된 기사" in from_facebook.data.decode()
    purged = http.request("PURGE", f"{url}", headers={"Host": "127.0.0.1"})
    assert purged.status == 200
    assert get(f"{url}?fbclid=IwAR0def456").headers["X-Cache-Status"] == "MISS"


@pytest.mark.django_db(transaction=True)
def test_one_copy_is_kept_compressed_and_unzipped_for_a_client_that_takes_no_gzip(nginx_in_front, make_article):
    article = make_article("압축 기사")
    url = f"{nginx_in_front.url}/articles/{article.pk}/"

    compressed = get(url, **{"Accept-Encoding": "gzip"})
    plain = get(url)

    assert compressed.headers["X-Cache-Status"] == "MISS"
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "압축 기사" in gzip.decompress(compressed.data).decode()
    assert plain.headers["X-Cache-Status"] == "HIT"  # the same copy
    assert "Content-Encoding" not in plain.headers
    assert "압축 기사" in plain.data.decode()


@pytest.mark.django_db(transaction=True)
def test_beacons_and_the_admin_reach_the_app_every_time(nginx_in_front, make_article):
    article = make_article("조회수 기사")
    beacon = f"{nginx_in_front.url}/views/{article.pk}"

    answers = [
        http.request("POST", beacon, body=token, headers={"User-Agent": BROWSER, "Content-Type": "text/plain"})
        for token in ("3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d", "4a3c9d2f-0e5b-4c8f-b2d3-6f7a8b9c0d1e")
    ]
    pixel = [get(beacon), get(beacon)]
    admin = get(f"{nginx_in_front.url}/admin/login/")

    assert [answer.status for answer in answers + pixel] == [204, 204, 200, 200]
    assert all("X-Cache-Status" not in answer.headers for answer in [*answers, *pixel, admin])
    assert ArticleViewCount.objects.filter(article=article).aggregate(total=Sum("views"))["total"] == 4
    assert admin.status == 200


@pytest.mark.django_db(transaction=True)
def test_static_and_media_files_are_served_by_nginx(nginx_in_front):
    (nginx_in_front.static / "css").mkdir()
    (nginx_in_front.static / "css" / "site.0123456789ab.css").write_text("body { color: black; }\n" * 50)
    (nginx_in_front.static / "css" / "site.css").write_text("body { color: black; }\n" * 50)
    (nginx_in_front.media / "photos").mkdir()
    (nginx_in_front.media / "photos" / "lead.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")

    hashed = get(f"{nginx_in_front.url}/static/css/site.0123456789ab.css", **{"Accept-Encoding": "gzip"})
    plain = get(f"{nginx_in_front.url}/static/css/site.css")
    photo = get(f"{nginx_in_front.url}/media/photos/lead.jpg")

    assert hashed.status == 200
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert hashed.headers["Content-Encoding"] == "gzip"
    assert plain.headers["Cache-Control"] == "max-age=3600"
    assert (photo.status, photo.headers["Content-Type"]) == (200, "image/jpeg")
    assert photo.data.startswith(b"\xff\xd8")
    assert photo.headers["X-Content-Type-Options"] == "nosniff"


@needs_purge_module
@pytest.mark.django_db(transaction=True)
def test_an_edit_is_purged_from_nginx_by_the_http_backend(nginx_in_front, settings, make_article):
    """PURGE_BACKEND=http pointed at this nginx: the edit's commit purges the article, the next reader gets it new."""
    article = make_article("처음 제목")
    url = f"{nginx_in_front.url}/articles/{article.pk}/"
    assert [get(url).headers["X-Cache-Status"] for _ in range(2)] == ["MISS", "HIT"]
    settings.PURGE_BACKEND = "http"
    settings.PURGE_PROXY_URL = nginx_in_front.url
    settings.PURGE_SITE_URL = "http://127.0.0.1"  # the Host readers send, as the cache keys it

    article.headline = "고친 제목"
    article.save()  # commits at once here (no transaction around it): the purge runs eagerly, as in the demo

    again = get(url)
    assert again.headers["X-Cache-Status"] == "MISS"
    assert "고친 제목" in again.data.decode()
    assert get(url).headers["X-Cache-Status"] == "HIT"
    # A PURGE for a page not kept is a 404, which the backend takes as done.
    missing = http.request("PURGE", f"{nginx_in_front.url}/articles/999999/", headers={"Host": "127.0.0.1"})
    assert missing.status == 404


@needs_purge_module
@pytest.mark.django_db(transaction=True)
def test_only_the_machine_itself_may_purge(nginx_in_front, make_article):
    article = make_article("지켜지는 기사")
    url = f"{nginx_in_front.url}/articles/{article.pk}/"
    get(url)
    # Another address on the loopback network stands for any other machine.
    elsewhere = urllib3.HTTPConnectionPool("127.0.0.1", nginx_in_front.port, source_address=("127.0.0.2", 0))

    refused = elsewhere.request("PURGE", f"/articles/{article.pk}/", headers={"Host": "127.0.0.1"})

    assert refused.status == 403
    assert get(url).headers["X-Cache-Status"] == "HIT"

"""The view beacon: the article page's one request after it loads, which counts a reader's view and refuses the rest."""

from datetime import timedelta

import pytest
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from audience.models import ArticleViewCount

TOKEN = "3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d"


def views_of(article: Article) -> int:
    return ArticleViewCount.objects.filter(article=article).aggregate(total=Sum("views"))["total"] or 0


def url_of(article: Article) -> str:
    return reverse("audience:view_beacon", args=[article.pk])


def test_a_beacon_counts_one_view_and_answers_with_nothing(beacon, make_article):
    article = make_article()

    response = beacon(article, token=TOKEN)

    assert response.status_code == 204
    assert response.content == b""
    assert views_of(article) == 1


def test_a_beacon_sent_again_for_the_same_page_load_counts_nothing(beacon, make_article):
    article = make_article()

    first = beacon(article, token=TOKEN)
    again = beacon(article, token=TOKEN)
    elsewhere = beacon(make_article(), token=TOKEN)

    assert [first.status_code, again.status_code, elsewhere.status_code] == [204, 204, 204]
    assert views_of(article) == 1
    assert ArticleViewCount.objects.aggregate(total=Sum("views"))["total"] == 1


def test_every_answer_is_never_cached(beacon, reader, make_article):
    article = make_article()

    answers = [
        beacon(article),
        beacon(article, token="not-a-token"),
        reader.put(url_of(article)),
        reader.get(url_of(article)),
    ]

    for response in answers:
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "hello",
        "3F2B8C1E-9D4A-4B7E-A1C2-5E6F7A8B9C0D",  # crypto.getRandomValues makes lowercase hex
        "3f2b8c1e9d4a4b7ea1c25e6f7a8b9c0d",
        f"{TOKEN}\n",
        f"{TOKEN}0",
        "한글 토큰",
    ],
)
def test_a_beacon_without_a_page_load_token_is_refused(reader, make_article, body):
    article = make_article()

    response = reader.post(url_of(article), body, content_type="text/plain")

    assert response.status_code == 400
    assert views_of(article) == 0


def test_an_oversize_beacon_is_refused(reader, make_article):
    article = make_article()

    response = reader.post(url_of(article), TOKEN + " " * 1024, content_type="text/plain")

    assert response.status_code == 413
    assert views_of(article) == 0


@pytest.mark.parametrize("method", ["put", "patch", "delete", "head", "options"])
def test_other_methods_are_refused(reader, make_article, method):
    article = make_article()

    response = getattr(reader, method)(url_of(article))

    assert response.status_code == 405
    assert views_of(article) == 0


def test_a_bots_beacon_is_refused(beacon, client, make_article):
    article = make_article()

    response = beacon(article, client=client, headers={"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"})

    assert response.status_code == 403
    assert views_of(article) == 0


def test_a_headless_browsers_beacon_is_refused(beacon, client, make_article):
    article = make_article()
    headless = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0"

    response = beacon(article, client=client, headers={"User-Agent": headless})

    assert response.status_code == 403
    assert views_of(article) == 0


def test_a_prefetched_beacon_is_refused(beacon, make_article):
    article = make_article()

    response = beacon(article, headers={"Sec-Purpose": "prefetch"})

    assert response.status_code == 403
    assert views_of(article) == 0


def test_a_beacon_another_site_makes_a_browser_send_is_refused(beacon, make_article):
    article = make_article()

    cross = beacon(article, headers={"Sec-Fetch-Site": "cross-site"})
    same = beacon(article, headers={"Sec-Fetch-Site": "same-origin"})

    assert [cross.status_code, same.status_code] == [403, 204]
    assert views_of(article) == 1


def test_a_beacon_for_an_article_readers_cannot_see_is_a_404(beacon, reader, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(age=-timedelta(hours=1))
    withdrawn = make_article(status=Article.Status.WITHDRAWN)
    ended = make_article(ends_at=timezone.now() - timedelta(minutes=1))
    unknown_url = reverse("audience:view_beacon", args=[999_999_999])

    for article in (draft, scheduled, withdrawn, ended):
        assert beacon(article).status_code == 404
        assert reader.get(url_of(article)).status_code == 404
    assert reader.post(unknown_url, TOKEN, content_type="text/plain").status_code == 404
    assert ArticleViewCount.objects.count() == 0


def test_a_number_too_long_for_an_id_is_a_404(reader, db):
    response = reader.post(f"/views/{'9' * 30}", TOKEN, content_type="text/plain")

    assert response.status_code == 404


def test_the_noscript_pixel_counts_a_reader_without_javascript(reader, make_article):
    article = make_article()

    response = reader.get(url_of(article))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response.content.startswith(b"GIF89a")
    assert views_of(article) == 1


def test_the_noscript_pixel_is_not_counted_for_a_bot(make_article):
    article = make_article()

    response = Client(headers={"User-Agent": "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)"}).get(
        url_of(article)
    )

    assert response.status_code == 403
    assert views_of(article) == 0


def test_the_article_page_is_the_same_for_every_reader_and_names_its_beacon(reader, make_article, reader_headers):
    article = make_article()
    other_reader = Client(headers=reader_headers)

    first = reader.get(article.get_absolute_url())
    second = other_reader.get(article.get_absolute_url())

    assert first.content == second.content
    assert f'data-view-beacon="{url_of(article)}"' in first.text
    assert "js/view-beacon.js" in first.text
    assert f'<noscript><img class="view-pixel" src="{url_of(article)}"' in first.text


def test_the_beacon_is_kept_out_of_crawlers_way(client, db):
    robots = client.get("/robots.txt").text

    assert "Disallow: /views/" in robots.splitlines()

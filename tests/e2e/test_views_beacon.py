"""In a real browser, an article page counts its reader once, after it loads, by its beacon: a bot's visit and
a beacon sent again count nothing."""

import pytest
from django.db.models import Sum
from django.test.signals import template_rendered

from audience.models import ArticleViewCount

pytestmark = pytest.mark.e2e

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def views_of(article) -> int:
    return ArticleViewCount.objects.filter(article=article).aggregate(total=Sum("views"))["total"] or 0


def is_beacon_of(article):
    return lambda response: response.url.endswith(f"/views/{article.pk}") and response.request.method == "POST"


def open_and_wait_for_the_beacon(page, url: str, article):
    with page.expect_response(is_beacon_of(article)) as beacon:
        page.goto(url)
    return beacon.value


def test_a_reader_opening_an_article_three_times_counts_three_views(live_server, make_article, open_page):
    article = make_article("첫눈 소식")
    page = open_page()

    answers = [
        open_and_wait_for_the_beacon(page, live_server.url + article.get_absolute_url(), article) for _ in range(3)
    ]

    assert [answer.status for answer in answers] == [204, 204, 204]
    assert len({answer.request.post_data for answer in answers}) == 3  # a token of its own for each page load
    assert views_of(article) == 3


def test_a_bots_visit_counts_nothing(live_server, make_article, open_page):
    article = make_article("첫눈 소식")
    bot = open_page(user_agent=GOOGLEBOT)

    answer = open_and_wait_for_the_beacon(bot, live_server.url + article.get_absolute_url(), article)

    assert answer.status == 403
    assert views_of(article) == 0


def test_a_beacon_sent_again_for_the_same_page_load_counts_nothing(live_server, make_article, open_page):
    article = make_article("첫눈 소식")
    page = open_page()
    first = open_and_wait_for_the_beacon(page, live_server.url + article.get_absolute_url(), article)

    again = page.request.post(
        first.url, data=first.request.post_data, headers={"Content-Type": "text/plain;charset=UTF-8"}
    )

    assert first.status == 204
    assert again.status == 204
    assert views_of(article) == 1


def test_a_reader_without_javascript_is_counted_once_by_the_pixel(live_server, make_article, open_page):
    article = make_article("첫눈 소식")
    page = open_page(java_script_enabled=False)

    with page.expect_response(lambda response: response.url.endswith(f"/views/{article.pk}")) as pixel:
        page.goto(live_server.url + article.get_absolute_url())

    assert pixel.value.status == 200
    assert pixel.value.request.method == "GET"
    page.wait_for_load_state("load")
    assert views_of(article) == 1


def test_pages_served_from_the_page_cache_count_their_readers_all_the_same(live_server, make_article, open_page):
    article = make_article("캐시에서 나간 기사")
    renders = []

    def rendered(sender, template, **kwargs):
        if template.name == "articles/article_detail.html":
            renders.append(template.name)

    template_rendered.connect(rendered)
    try:
        page = open_page()
        for _ in range(4):
            open_and_wait_for_the_beacon(page, live_server.url + article.get_absolute_url(), article)
    finally:
        template_rendered.disconnect(rendered)

    assert len(renders) == 1  # the three later loads came from the page cache (or the browser's copy, revalidated)
    assert views_of(article) == 4

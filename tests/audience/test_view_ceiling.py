"""A script can make page-load tokens, not addresses: one address counts at most BEACON_CEILING views per
BEACON_CEILING_SECONDS, beacons and noscript pixels alike, and every other address goes on counting."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from audience.models import ArticleViewCount


def views_of(article: Article) -> int:
    return ArticleViewCount.objects.filter(article=article).aggregate(total=Sum("views"))["total"] or 0


def beacon(client, article: Article, address: str, token: str | None = None, forwarded: str | None = None):
    """The article page's beacon with a fresh page-load token, as a script minting tokens sends it."""
    return client.post(
        reverse("audience:view_beacon", args=[article.pk]),
        token or str(uuid.uuid4()),
        content_type="text/plain;charset=UTF-8",
        headers={"X-Forwarded-For": forwarded} if forwarded else None,
        REMOTE_ADDR=address,
    )


def pixel(client, article: Article, address: str):
    return client.get(reverse("audience:view_beacon", args=[article.pk]), REMOTE_ADDR=address)


@pytest.fixture
def ceiling(settings) -> int:
    settings.BEACON_CEILING = 5
    settings.BEACON_CEILING_SECONDS = 3600
    return 5


def test_past_the_ceiling_an_addresss_views_are_not_counted_but_answered_alike(reader, make_article, ceiling):
    article = make_article()

    responses = [beacon(reader, article, "203.0.113.7") for _ in range(ceiling + 20)]

    assert {r.status_code for r in responses} == {204}
    assert views_of(article) == ceiling


def test_another_address_still_counts_when_one_has_reached_the_ceiling(reader, make_article, ceiling):
    article = make_article()
    for _ in range(ceiling + 3):
        beacon(reader, article, "203.0.113.7")

    beacon(reader, article, "198.51.100.20")

    assert views_of(article) == ceiling + 1


def test_the_ceiling_holds_across_articles(reader, make_article, ceiling):
    articles = [make_article() for _ in range(ceiling + 2)]

    for article in articles:
        beacon(reader, article, "203.0.113.7")

    assert sum(views_of(article) for article in articles) == ceiling


def test_noscript_pixels_count_against_the_same_ceiling(reader, make_article, ceiling):
    article = make_article()
    for _ in range(ceiling - 1):
        beacon(reader, article, "203.0.113.7")

    answers = [pixel(reader, article, "203.0.113.7") for _ in range(3)]

    assert {(r.status_code, r["Content-Type"]) for r in answers} == {(200, "image/gif")}
    assert views_of(article) == ceiling


def test_a_beacon_sent_again_for_one_page_load_takes_nothing_from_the_ceiling(reader, make_article, settings):
    settings.BEACON_CEILING = 2
    article = make_article()
    token = str(uuid.uuid4())

    for _ in range(5):
        beacon(reader, article, "203.0.113.7", token=token)
    beacon(reader, article, "203.0.113.7")

    assert views_of(article) == 2


def test_the_address_counts_again_in_the_next_window(reader, make_article, ceiling):
    article = make_article()
    with time_machine.travel(timezone.now().replace(minute=0, second=0), tick=False) as clock:
        for _ in range(ceiling + 3):
            beacon(reader, article, "203.0.113.7")
        clock.shift(timedelta(minutes=59))
        beacon(reader, article, "203.0.113.7")
        within = views_of(article)
        clock.shift(timedelta(minutes=2))
        beacon(reader, article, "203.0.113.7")

    assert within == ceiling
    assert views_of(article) == ceiling + 1


def test_readers_behind_a_trusted_proxy_each_have_their_own_ceiling(reader, make_article, ceiling, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    article = make_article()

    for _ in range(ceiling + 2):
        beacon(reader, article, "127.0.0.1", forwarded="203.0.113.7")
        beacon(reader, article, "127.0.0.1", forwarded="203.0.113.8")

    assert views_of(article) == 2 * ceiling


def test_a_forged_x_forwarded_for_does_not_lift_the_ceiling(reader, make_article, ceiling, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    article = make_article()

    for n in range(ceiling + 10):
        beacon(reader, article, "203.0.113.66", forwarded=f"198.51.100.{n + 1}")

    assert views_of(article) == ceiling


def test_the_default_ceiling_leaves_room_for_many_readers_behind_one_address(reader, make_article, settings):
    article = make_article()

    for _ in range(100):
        beacon(reader, article, "203.0.113.7")

    assert settings.BEACON_CEILING == 600
    assert views_of(article) == 100


def test_with_the_ceiling_turned_off_every_page_load_counts(reader, make_article, settings):
    settings.BEACON_CEILING = 0
    article = make_article()

    for _ in range(10):
        beacon(reader, article, "203.0.113.7")

    assert views_of(article) == 10


def test_while_the_cache_is_down_views_are_still_counted(reader, make_article, ceiling, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    article = make_article()

    responses = [beacon(reader, article, "203.0.113.7") for _ in range(ceiling + 2)]

    assert {r.status_code for r in responses} == {204}
    assert views_of(article) == ceiling + 2

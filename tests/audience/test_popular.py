"""많이 본 뉴스: every reader's view is counted once (by the article page's beacon), bots are not, and the rankings
show what readers may see."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from audience.counting import count_view
from audience.models import ArticleViewCount


@pytest.fixture(autouse=True)
def _rendered(settings):
    """The rankings as each page renders them (a kept page may lag a ranking by its interval: tests/caching)."""
    settings.PAGE_CACHE = False


def views_of(article: Article) -> int:
    return ArticleViewCount.objects.filter(article=article).aggregate(total=Sum("views"))["total"] or 0


def ranking(response, title: str) -> list[str]:
    return [
        article.headline
        for heading, articles in response.context["rankings"]
        if heading == title
        for article in articles
    ]


def test_a_readers_view_is_counted_once(reader, beacon, make_article):
    article = make_article()

    for _ in range(2):
        assert reader.get(article.get_absolute_url()).status_code == 200
        assert beacon(article).status_code == 204

    assert views_of(article) == 2


def test_opening_the_article_page_counts_nothing_by_itself(reader, make_article):
    article = make_article()

    reader.get(article.get_absolute_url())

    assert views_of(article) == 0


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)",
        "Mozilla/5.0 (compatible; Daum/4.1; +http://cs.daum.net/faq/15/4118.html?faqId=28966)",
        "Mozilla/5.0 (compatible; MSIE or Firefox mutant; not on Windows server;) Daumoa 4.0",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "python-requests/2.32.3",
        "curl/8.5.0",
        "",
    ],
)
def test_bots_and_scripts_are_not_counted(client, beacon, make_article, agent):
    article = make_article()

    page = client.get(article.get_absolute_url(), headers={"User-Agent": agent})
    sent = beacon(article, client=client, headers={"User-Agent": agent})

    assert page.status_code == 200
    assert sent.status_code == 403
    assert views_of(article) == 0


def test_readers_in_the_naver_kakao_and_daum_apps_and_on_any_phone_are_counted(client, beacon, make_article):
    article = make_article()
    apps = [
        "Mozilla/5.0 (Linux; Android 14; SM-S921N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile "
        "Safari/537.36 NAVER(inapp; search; 2000; 12.9.3)",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
        "KAKAOTALK 10.8.5",
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36 "
        "DaumApps/6.9.3",
        "Mozilla/5.0 (Linux; Android 10; CUBOT P30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile "
        "Safari/537.36",
    ]

    for agent in apps:
        assert beacon(article, client=client, headers={"User-Agent": agent}).status_code == 204

    assert views_of(article) == 4


def test_a_prefetch_or_head_request_is_not_a_view(reader, beacon, make_article):
    article = make_article()
    url = reverse("audience:view_beacon", args=[article.pk])

    prefetched = beacon(article, headers={"Sec-Purpose": "prefetch"})
    purposed = beacon(article, headers={"Purpose": "prefetch"})
    prefetched_pixel = reader.get(url, headers={"Sec-Purpose": "prefetch;prerender"})
    head = reader.head(url)

    assert [prefetched.status_code, purposed.status_code, prefetched_pixel.status_code] == [403, 403, 403]
    assert head.status_code == 405
    assert views_of(article) == 0


def test_an_editors_preview_sends_no_beacon_and_is_not_a_view(admin_client, make_article, reader_headers):
    article = make_article()

    response = admin_client.get(reverse("admin:articles_article_preview", args=[article.pk]), headers=reader_headers)

    assert response.status_code == 200
    assert "data-view-beacon" not in response.text
    assert "view-beacon.js" not in response.text
    assert reverse("audience:view_beacon", args=[article.pk]) not in response.text
    assert views_of(article) == 0


def test_the_rankings_cover_the_last_day_and_the_last_week(reader, make_article):
    now = timezone.now()
    today, this_week, long_ago = (
        make_article("오늘 많이 본 기사"),
        make_article("이번 주 기사"),
        make_article("지난달 기사"),
    )
    for _ in range(3):
        count_view(today, now)
    for _ in range(5):
        count_view(this_week, now - timedelta(days=3))
    for _ in range(9):
        count_view(long_ago, now - timedelta(days=8))

    response = reader.get(reverse("audience:popular"))

    assert response.status_code == 200
    assert ranking(response, "최근 24시간") == ["오늘 많이 본 기사"]
    assert ranking(response, "최근 7일") == ["이번 주 기사", "오늘 많이 본 기사"]


def test_the_most_viewed_come_first(reader, make_article):
    quiet, busy = make_article("조용한 기사"), make_article("화제의 기사")
    count_view(quiet)
    for _ in range(4):
        count_view(busy)

    response = reader.get(reverse("audience:popular"))

    assert ranking(response, "최근 24시간") == ["화제의 기사", "조용한 기사"]
    assert response.text.index("화제의 기사") < response.text.index("조용한 기사")


def test_articles_readers_cannot_see_are_never_ranked(reader, make_article):
    shown = make_article("보이는 기사")
    withdrawn = make_article("출고 취소된 기사")
    ended = make_article("게재 끝난 기사", ends_at=timezone.now() + timedelta(minutes=1))
    for article in (shown, withdrawn, ended):
        count_view(article)
    reader.get(reverse("audience:popular"))  # ranked and cached while all three are visible
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.WITHDRAWN)
    Article.objects.filter(pk=ended.pk).update(ends_at=timezone.now() - timedelta(seconds=1))

    response = reader.get(reverse("audience:popular"))

    assert ranking(response, "최근 24시간") == ["보이는 기사"]
    assert "출고 취소된 기사" not in response.text
    assert "게재 끝난 기사" not in response.text


def test_a_ranking_made_for_a_page_shows_only_what_readers_may_see_in_its_order(reader, make_article):
    shown, withdrawn, quiet = make_article("보이는 기사"), make_article("내린 기사"), make_article("조용한 기사")
    for article, views in ((shown, 3), (withdrawn, 5), (quiet, 1)):
        for _ in range(views):
            count_view(article)
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.WITHDRAWN)

    response = reader.get(reverse("audience:popular"))  # no ranking kept yet: this request ranks

    assert ranking(response, "최근 24시간") == ["보이는 기사", "조용한 기사"]
    assert "내린 기사" not in response.text


def test_home_and_article_pages_show_the_days_ranking(reader, make_article):
    popular = make_article("가장 많이 본 기사")
    other = make_article("다른 기사", age=timedelta(hours=3))
    for _ in range(3):
        count_view(popular)

    home = reader.get("/")
    page = reader.get(other.get_absolute_url())

    for response in (home, page):
        assert "많이 본 뉴스" in response.text
        box = response.text.split('class="popular-box"', 1)[1].split("</section>", 1)[0]
        first = box.split('class="rank-list__rank" aria-hidden="true">1</span>', 1)[1].split("</a>", 1)[0]
        assert first.endswith(">가장 많이 본 기사")
        assert reverse("audience:popular") in response.text


def test_an_empty_ranking_says_it_is_being_counted(reader, db):
    response = reader.get(reverse("audience:popular"))

    assert response.status_code == 200
    assert "아직 집계된 기사가 없습니다." in response.text


@pytest.mark.django_db(transaction=True)
def test_parallel_views_are_each_counted_exactly_once(make_article, beacon, reader_headers):
    article = make_article()
    readers = 48

    def read(_: int) -> int:
        try:
            return beacon(article, client=Client(headers=reader_headers)).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(read, range(readers)))

    assert statuses == [204] * readers
    assert views_of(article) == readers


def test_the_ranking_is_refreshed_every_few_minutes(reader, make_article):
    first, second = make_article("먼저 뜬 기사"), make_article("뒤늦게 뜬 기사")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        count_view(first)
        reader.get(reverse("audience:popular"))
        for _ in range(3):
            count_view(second)

        clock.shift(timedelta(minutes=4))
        still = reader.get(reverse("audience:popular"))
        clock.shift(timedelta(minutes=2))
        fresh = reader.get(reverse("audience:popular"))

    assert ranking(still, "최근 24시간") == ["먼저 뜬 기사"]
    assert ranking(fresh, "최근 24시간") == ["뒤늦게 뜬 기사", "먼저 뜬 기사"]


def test_pages_leave_out_the_ranking_when_the_cache_server_is_down(reader, make_article, settings):
    article = make_article("아무 기사")
    count_view(article)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }

    response = reader.get(reverse("audience:popular"))

    assert response.status_code == 200
    assert "아직 집계된 기사가 없습니다." in response.text


def test_a_view_count_names_its_hour_in_the_papers_time(make_article):
    article = make_article()
    row = ArticleViewCount.objects.create(article=article, hour=datetime(2026, 12, 1, 23, 0, tzinfo=UTC), shard=0)

    assert str(row) == f"{article.pk} 2026-12-02 08시"

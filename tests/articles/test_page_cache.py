"""The page cache: a reader's second visit is served from it, and whatever the desk does is seen at once."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from ads.models import Banner
from articles.models import Article

NOW = datetime(2026, 1, 4, 3, 0, 0, tzinfo=UTC)  # 12:00:00 in Seoul


def kept(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


@pytest.fixture
def client(reader):
    return reader


@pytest.fixture
def desk_client(desk, reader_headers) -> Client:
    client = Client(headers=reader_headers)
    client.force_login(desk)
    return client


def test_a_second_visit_is_served_from_the_page_cache_in_one_query(client, make_article, django_assert_num_queries):
    article = make_article("첫 방문 기사")
    first = client.get(article.get_absolute_url())

    with django_assert_num_queries(1):  # the content version
        second = client.get(article.get_absolute_url())

    assert not kept(first) and kept(second)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "s-maxage" in second["Cache-Control"] and not second.cookies
    assert second["X-Frame-Options"] == first["X-Frame-Options"] == "DENY"


def test_a_kept_page_answers_a_conditional_get_with_304(client, make_article):
    article = make_article()
    etag = client.get(article.get_absolute_url())["ETag"]

    assert client.get(article.get_absolute_url(), headers={"If-None-Match": etag}).status_code == 304


def test_the_desk_releasing_a_draft_shows_it_on_the_warm_front_page_at_once(
    client, desk_client, make_article, change, section
):
    draft = make_article("곧 나갈 기사", status=Article.Status.DRAFT)
    client.get("/"), client.get(section.get_absolute_url())
    assert kept(client.get("/"))

    change(desk_client, draft, status="published")

    home, section_page = client.get("/"), client.get(section.get_absolute_url())
    assert "곧 나갈 기사" in home.text and not kept(home)
    assert "곧 나갈 기사" in section_page.text
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_the_desk_withdrawing_a_story_takes_it_off_every_warm_page_at_once(client, desk_client, make_article):
    neighbour = make_article("이웃 기사")
    live = make_article("내릴 기사")
    for url in ("/", live.get_absolute_url(), neighbour.get_absolute_url()):
        client.get(url)

    desk_client.post("/admin/articles/article/", {"action": "unpublish_selected", "_selected_action": [live.pk]})

    assert client.get(live.get_absolute_url()).status_code == 404
    assert "내릴 기사" not in client.get("/").text
    assert "내릴 기사" not in client.get(neighbour.get_absolute_url()).text


def test_an_edited_headline_is_on_the_warm_pages_at_once(client, desk_client, make_article, change):
    live = make_article("고치기 전 제목")
    client.get("/"), client.get(live.get_absolute_url())

    change(desk_client, live, headline="고친 뒤 제목")

    assert "고친 뒤 제목" in client.get(live.get_absolute_url()).text
    home = client.get("/").text
    assert "고친 뒤 제목" in home and "고치기 전 제목" not in home


def test_a_drafts_save_leaves_the_kept_pages_as_they_are(client, yoon, reporter, make_article, change, reader_headers):
    make_article("출고된 기사")
    draft = make_article("쓰는 중인 기사", status=Article.Status.DRAFT, reporters=[reporter], created_by=yoon)
    client.get("/")
    writer = Client(headers=reader_headers)
    writer.force_login(yoon)

    assert change(writer, draft, headline="아직 쓰는 중인 기사").status_code == 302

    home = client.get("/")
    assert kept(home) and "쓰는 중인 기사" not in home.text


def test_a_scheduled_release_is_on_the_warm_front_page_on_its_second(client, make_article):
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        make_article("어제 기사")
    make_article("예약 기사", published_at=NOW + timedelta(seconds=1))

    with time_machine.travel(NOW, tick=False):
        client.get("/")
        before = client.get("/")
    with time_machine.travel(NOW + timedelta(seconds=1), tick=False):
        after = client.get("/")

    assert kept(before) and "예약 기사" not in before.text
    assert "예약 기사" in after.text


def test_a_banner_starting_and_one_ending_change_the_warm_front_page_on_their_second(client, make_article, make_banner):
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        make_article("어제 기사")
        make_banner(Banner.Slot.SITE_TOP, alt_text="곧 끝나는 배너", ends_at=NOW + timedelta(seconds=1))
        make_banner(Banner.Slot.HOME_SIDE, alt_text="곧 시작하는 배너", starts_at=NOW + timedelta(seconds=2))

    with time_machine.travel(NOW, tick=False):
        client.get("/")
        before = client.get("/")
    with time_machine.travel(NOW + timedelta(seconds=1), tick=False):
        ended = client.get("/")
    with time_machine.travel(NOW + timedelta(seconds=2), tick=False):
        started = client.get("/")

    assert kept(before) and "곧 끝나는 배너" in before.text and "곧 시작하는 배너" not in before.text
    assert "곧 끝나는 배너" not in ended.text and "곧 시작하는 배너" not in ended.text
    assert "곧 시작하는 배너" in started.text


def test_the_date_line_turns_over_at_midnight_in_seoul(client, make_article):
    last_second = datetime(2026, 1, 4, 14, 59, 59, tzinfo=UTC)  # 23:59:59 in Seoul, a Sunday

    with time_machine.travel(last_second, tick=False):
        article = make_article()
        client.get(article.get_absolute_url())
        before = client.get(article.get_absolute_url())
    with time_machine.travel(last_second + timedelta(seconds=1), tick=False):
        after = client.get(article.get_absolute_url())

    assert kept(before) and "2026.01.04 (일)" in before.text
    assert "2026.01.05 (월)" in after.text


def test_an_editor_is_never_sent_a_kept_page_nor_leaves_one(client, desk_client, make_article):
    article = make_article()
    for_editor = desk_client.get(article.get_absolute_url())

    assert "X-Page-Cache" not in for_editor
    assert not kept(client.get(article.get_absolute_url()))


def test_made_up_query_strings_go_past_the_cache_and_list_pages_are_kept_each(client, make_article, section):
    for n in range(25):
        make_article(f"목록 기사 {n}")
    url = section.get_absolute_url()
    client.get(url), client.get(url, {"page": 2})

    assert kept(client.get(url, {"page": 2})) and kept(client.get(url))
    assert "X-Page-Cache" not in client.get(url, {"sort": "old"})
    assert "X-Page-Cache" not in client.get(url, {"page": ["2", "3"]})
    assert client.get(url, {"page": 2}).text != client.get(url).text


def test_a_page_number_on_a_page_that_is_no_list_is_never_kept_as_another_copy(client, make_article):
    article = make_article("목록이 아닌 페이지의 기사")
    client.get("/"), client.get("/", {"page": 7}), client.get(article.get_absolute_url(), {"page": 2})

    assert kept(client.get("/"))
    assert "X-Page-Cache" not in client.get("/", {"page": 7})
    assert "X-Page-Cache" not in client.get(article.get_absolute_url(), {"page": 2})


def test_links_shared_with_tracking_tags_are_served_from_the_pages_own_copy(client, make_article, section):
    for n in range(25):
        make_article(f"공유된 목록 기사 {n}")
    article = make_article("페이스북에서 온 독자가 보는 기사")
    page = client.get(article.get_absolute_url())
    second_page = client.get(section.get_absolute_url(), {"page": 2})

    from_facebook = client.get(article.get_absolute_url(), {"fbclid": "IwAR0abc123"})
    newsletter = {"page": 2, "utm_source": "newsletter", "utm_medium": "email"}
    from_a_newsletter = client.get(section.get_absolute_url(), newsletter)

    assert kept(from_facebook) and from_facebook.content == page.content
    assert kept(from_a_newsletter) and from_a_newsletter.content == second_page.content


def test_pages_are_served_when_the_page_cache_is_down(client, settings, make_article):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    article = make_article("캐시 없이도 보이는 기사")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200 and "캐시 없이도 보이는 기사" in response.text


def seconds_in(response, directive: str) -> int:
    values = dict(part.strip().partition("=")[::2] for part in response["Cache-Control"].split(","))
    return int(values[directive])


def test_no_proxy_keeps_a_page_or_a_404_past_a_scheduled_release(client, make_article):
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        make_article("어제 기사")
    scheduled = make_article("예약 기사", published_at=NOW + timedelta(seconds=20))

    with time_machine.travel(NOW, tick=False):
        home, home_again = client.get("/"), client.get("/")
        not_yet = client.get(scheduled.get_absolute_url())

    for response in (home, home_again, not_yet):  # rendered, kept, and the 404 a proxy would keep
        assert seconds_in(response, "s-maxage") == 20
        assert seconds_in(response, "stale-while-revalidate") == 0
    assert not_yet.status_code == 404 and kept(home_again)


def test_with_the_page_cache_off_no_proxy_keeps_a_page_past_a_scheduled_release_nor_an_ended_story(
    client, settings, make_article
):
    settings.PAGE_CACHE = False
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "pages": dummy}
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        make_article("어제 기사")
        ending = make_article("곧 내릴 기사", ends_at=NOW + timedelta(seconds=15))
    make_article("예약 기사", published_at=NOW + timedelta(seconds=20))

    with time_machine.travel(NOW, tick=False):
        home, story = client.get("/"), client.get(ending.get_absolute_url())
    with time_machine.travel(NOW + timedelta(seconds=15), tick=False):
        later = client.get("/")

    assert seconds_in(home, "s-maxage") == 15 and seconds_in(story, "s-maxage") == 15
    assert seconds_in(later, "s-maxage") == 5
    assert "곧 내릴 기사" in home.text and "곧 내릴 기사" not in later.text

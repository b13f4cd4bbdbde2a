"""The impression beacon: a page's one request for its banners once the browser has picked them, which counts the
banners a reader was shown and refuses the rest."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ads.models import Banner, BannerStat

TOKEN = "3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d"
SEEN = "/banners/seen"


def impressions() -> dict[int, int]:
    shown: dict[int, int] = {}
    for stat in BannerStat.objects.all():
        shown[stat.banner_id] = shown.get(stat.banner_id, 0) + stat.impressions
    return shown


def test_a_beacon_counts_one_impression_for_each_banner_shown_and_answers_with_nothing(banners_seen, make_banner):
    top, side = make_banner(Banner.Slot.SITE_TOP), make_banner(Banner.Slot.ARTICLE_SIDE)
    make_banner(Banner.Slot.ARTICLE_SIDE, name="다른 후보")

    response = banners_seen(top, side)

    assert response.status_code == 204
    assert response.content == b""
    assert impressions() == {top.pk: 1, side.pk: 1}


def test_a_beacon_sent_again_for_the_same_page_load_counts_nothing(banners_seen, make_banner):
    top, side = make_banner(Banner.Slot.SITE_TOP), make_banner(Banner.Slot.ARTICLE_SIDE)

    answers = [
        banners_seen(top, side, token=TOKEN),
        banners_seen(top, side, token=TOKEN),
        banners_seen(side, token=TOKEN),
    ]

    assert [answer.status_code for answer in answers] == [204, 204, 204]
    assert impressions() == {top.pk: 1, side.pk: 1}


def test_every_answer_is_never_cached(banners_seen, reader, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP)

    answers = [
        banners_seen(banner),
        banners_seen(banner, token="nope"),
        reader.put(SEEN),
        reader.get(f"{SEEN}?b={banner.pk}"),
    ]

    for response in answers:
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "token",
    ["hello", "3F2B8C1E-9D4A-4B7E-A1C2-5E6F7A8B9C0D", "3f2b8c1e9d4a4b7ea1c25e6f7a8b9c0d", f"{TOKEN}\n", "한글 토큰"],
)
def test_a_beacon_without_a_page_load_token_is_refused(banners_seen, make_banner, token):
    banner = make_banner(Banner.Slot.SITE_TOP)

    assert banners_seen(banner, token=token).status_code == 400
    assert impressions() == {}


def test_a_beacon_with_no_token_at_all_is_refused(reader, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP)

    response = reader.post(SEEN, f"b={banner.pk}", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert impressions() == {}


@pytest.mark.parametrize("ids", [[], ["abc"], ["-1"], ["1e3"], ["١"], ["9" * 30]])
def test_a_beacon_that_names_no_banner_id_is_refused(banners_seen, make_banner, ids):
    make_banner(Banner.Slot.SITE_TOP)

    response = banners_seen(ids=ids)

    assert response.status_code in (400, 404)
    assert impressions() == {}


def test_a_beacon_naming_more_banners_than_a_page_shows_is_refused(banners_seen, make_banner):
    banners = [make_banner(slot) for slot in Banner.Slot.values]

    response = banners_seen(*banners, ids=[banner.pk for banner in banners] + [banners[0].pk])

    assert response.status_code == 400
    assert impressions() == {}


def test_a_beacon_naming_two_banners_of_one_slot_is_refused(banners_seen, make_banner):
    first, second = make_banner(Banner.Slot.ARTICLE_SIDE), make_banner(Banner.Slot.ARTICLE_SIDE)

    assert banners_seen(first, second).status_code == 400
    assert banners_seen(first, first).status_code == 400
    assert impressions() == {}


def test_a_beacon_naming_a_banner_that_is_not_running_is_a_404(banners_seen, make_banner):
    now = timezone.now()
    running = make_banner(Banner.Slot.SITE_TOP)
    future = make_banner(Banner.Slot.ARTICLE_SIDE, starts_at=now + timedelta(days=3))
    ended = make_banner(Banner.Slot.ARTICLE_SIDE, starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=1))
    off = make_banner(Banner.Slot.ARTICLE_SIDE, is_active=False)

    for banner in (future, ended, off):
        assert banners_seen(running, banner).status_code == 404
    assert banners_seen(ids=[running.pk, 999_999]).status_code == 404
    assert impressions() == {}


def test_an_oversize_beacon_is_refused(reader, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP)

    response = reader.post(
        SEEN, f"t={TOKEN}&b={banner.pk}&pad={'x' * 1024}", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 413
    assert impressions() == {}


@pytest.mark.parametrize("method", ["put", "patch", "delete", "head", "options"])
def test_other_methods_are_refused(reader, make_banner, method):
    make_banner(Banner.Slot.SITE_TOP)

    assert getattr(reader, method)(SEEN).status_code == 405
    assert impressions() == {}


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0",
        "",
    ],
)
def test_a_bots_beacon_is_refused(banners_seen, make_banner, agent):
    banner = make_banner(Banner.Slot.SITE_TOP)

    response = banners_seen(banner, client=Client(headers={"User-Agent": agent}))

    assert response.status_code == 403
    assert impressions() == {}


def test_a_prefetched_beacon_is_refused(banners_seen, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP)

    assert banners_seen(banner, headers={"Sec-Purpose": "prefetch"}).status_code == 403
    assert impressions() == {}


def test_a_beacon_another_site_makes_a_browser_send_is_refused(banners_seen, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP)

    cross = banners_seen(banner, headers={"Sec-Fetch-Site": "cross-site"})
    same = banners_seen(banner, headers={"Sec-Fetch-Site": "same-origin"})

    assert [cross.status_code, same.status_code] == [403, 204]
    assert impressions() == {banner.pk: 1}


def test_the_noscript_pixel_counts_the_banner_a_reader_without_javascript_sees(reader, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP)

    response = reader.get(f"{SEEN}?b={banner.pk}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response.content.startswith(b"GIF89a")
    assert impressions() == {banner.pk: 1}


def test_the_noscript_pixel_names_one_banner_and_is_not_counted_for_a_bot(reader, make_banner):
    top, side = make_banner(Banner.Slot.SITE_TOP), make_banner(Banner.Slot.ARTICLE_SIDE)
    bot = Client(headers={"User-Agent": "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)"})

    assert reader.get(f"{SEEN}?b={top.pk}&b={side.pk}").status_code == 400
    assert reader.get(SEEN).status_code == 400
    assert bot.get(f"{SEEN}?b={top.pk}").status_code == 403
    assert impressions() == {}


def test_the_beacon_is_kept_out_of_crawlers_way(client, db):
    robots = client.get("/robots.txt").text.splitlines()

    assert reverse("ads:seen").startswith("/banners/")
    assert "Disallow: /banners/" in robots

"""Banner clicks count once per banner, address and few minutes (BANNER_CLICK_WINDOW_SECONDS): a script clicking a
hundred times is one click in the advertiser's figures, and every click is still sent on to the banner's address."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from ads.models import Banner, BannerStat

LINK = "https://advertiser.example/spring"


def clicks_of(banner: Banner) -> int:
    return BannerStat.objects.filter(banner=banner).aggregate(total=Sum("clicks"))["total"] or 0


def click(client, banner: Banner, address: str = "203.0.113.7", forwarded: str | None = None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else None
    return client.get(f"/banners/{banner.pk}/click", headers=headers, REMOTE_ADDR=address)


@pytest.fixture
def banner(make_banner) -> Banner:
    return make_banner(Banner.Slot.SITE_TOP, link_url=LINK)


def test_a_hundred_clicks_from_one_address_count_once_and_all_go_to_the_advertiser(reader, banner):
    responses = [click(reader, banner) for _ in range(100)]

    assert [(r.status_code, r["Location"]) for r in responses] == [(302, LINK)] * 100
    assert clicks_of(banner) == 1


def test_a_click_from_another_address_counts(reader, banner):
    click(reader, banner, "203.0.113.7")
    click(reader, banner, "203.0.113.7")
    click(reader, banner, "198.51.100.20")

    assert clicks_of(banner) == 2


def test_a_click_on_another_banner_counts(reader, banner, make_banner):
    other = make_banner(Banner.Slot.HOME_SIDE)

    click(reader, banner)
    click(reader, other)

    assert (clicks_of(banner), clicks_of(other)) == (1, 1)


def test_the_same_address_counts_again_once_the_window_has_passed(reader, banner, settings):
    settings.BANNER_CLICK_WINDOW_SECONDS = 300
    with time_machine.travel(timezone.now(), tick=False) as clock:
        click(reader, banner)
        clock.shift(timedelta(seconds=299))
        click(reader, banner)
        within = clicks_of(banner)
        clock.shift(timedelta(seconds=2))
        click(reader, banner)

    assert within == 1
    assert clicks_of(banner) == 2


def test_readers_behind_a_trusted_proxy_count_each_by_their_own_address(reader, banner, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    for _ in range(3):
        click(reader, banner, "10.0.0.5", forwarded="203.0.113.7")
        click(reader, banner, "10.0.0.5", forwarded="203.0.113.8")
    click(reader, banner, "10.0.0.6", forwarded="198.51.100.1, 203.0.113.9")

    assert clicks_of(banner) == 3


def test_a_forged_x_forwarded_for_from_a_peer_that_is_no_proxy_of_ours_gains_nothing(reader, banner, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    responses = [click(reader, banner, "203.0.113.66", forwarded=f"198.51.100.{n}") for n in range(1, 51)]
    spoofed_proxy = click(reader, banner, "203.0.113.66", forwarded="10.0.0.5, 198.51.100.99")

    assert {r.status_code for r in [*responses, spoofed_proxy]} == {302}
    assert clicks_of(banner) == 1


def test_addresses_of_one_ipv6_network_count_as_one(reader, banner):
    click(reader, banner, "2001:db8:1:2::1")
    click(reader, banner, "2001:db8:1:2:ffff::9")
    click(reader, banner, "2001:db8:1:3::1")

    assert clicks_of(banner) == 2


def test_bots_still_count_nothing_and_take_no_readers_click(client, reader, banner):
    bot = client.get(f"/banners/{banner.pk}/click", headers={"User-Agent": "Googlebot/2.1"}, REMOTE_ADDR="203.0.113.7")
    person = click(reader, banner, "203.0.113.7")

    assert (bot["Location"], person["Location"]) == (LINK, LINK)
    assert clicks_of(banner) == 1


def test_the_cache_keeps_no_readers_address(reader, banner):
    click(reader, banner, "203.0.113.7")
    click(reader, banner, "2001:db8:1:2::1")

    keys = " ".join(cache._cache)  # locmem, as the tests run
    assert clicks_of(banner) == 2
    assert "banner-click" in keys
    assert "203.0.113" not in keys
    assert "2001" not in keys and "db8" not in keys


def test_every_click_counts_with_the_window_turned_off(reader, banner, settings):
    settings.BANNER_CLICK_WINDOW_SECONDS = 0

    for _ in range(3):
        click(reader, banner)

    assert clicks_of(banner) == 3


def test_while_the_cache_is_down_clicks_still_go_to_the_advertiser_but_are_not_counted(reader, banner, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }

    response = click(reader, banner)

    assert (response.status_code, response["Location"]) == (302, LINK)
    assert clicks_of(banner) == 0


def test_a_proxy_on_this_machine_left_out_of_trusted_proxies_is_named_in_the_log(reader, banner, settings, caplog):
    from newsroom import ceilings

    settings.TRUSTED_PROXIES = []
    ceilings._warn_of_an_untrusted_proxy.cache_clear()  # said once per process

    click(reader, banner, "127.0.0.1", forwarded="203.0.113.7")
    click(reader, banner, "127.0.0.1", forwarded="203.0.113.8")

    warnings = [record.getMessage() for record in caplog.records if "TRUSTED_PROXIES" in record.getMessage()]
    assert len(warnings) == 1
    assert clicks_of(banner) == 1  # both readers are the proxy's one address until it is named

"""A script can make page-load tokens, not addresses: one address counts at most BEACON_CEILING page loads' banner
impressions per BEACON_CEILING_SECONDS, beacons and noscript pixels alike, and every other address goes on counting."""

import uuid
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from ads.models import Banner, BannerStat


def impressions() -> dict[int, int]:
    shown: dict[int, int] = {}
    for stat in BannerStat.objects.all():
        shown[stat.banner_id] = shown.get(stat.banner_id, 0) + stat.impressions
    return shown


def seen(client, *banners: Banner, address: str, token: str | None = None):
    """The page's banner beacon with a fresh page-load token, as a script minting tokens sends it."""
    return client.post(
        reverse("ads:seen"),
        urlencode({"t": token or str(uuid.uuid4()), "b": [banner.pk for banner in banners]}, doseq=True),
        content_type="application/x-www-form-urlencoded;charset=UTF-8",
        REMOTE_ADDR=address,
    )


@pytest.fixture
def ceiling(settings) -> int:
    settings.BEACON_CEILING = 4
    return 4


def test_past_the_ceiling_an_addresss_page_loads_count_no_impression_but_are_answered_alike(
    reader, make_banner, ceiling
):
    top, side = make_banner(Banner.Slot.SITE_TOP), make_banner(Banner.Slot.ARTICLE_SIDE)

    responses = [seen(reader, top, side, address="203.0.113.7") for _ in range(ceiling + 10)]

    assert {r.status_code for r in responses} == {204}
    assert impressions() == {top.pk: ceiling, side.pk: ceiling}


def test_another_address_still_counts_when_one_has_reached_the_ceiling(reader, make_banner, ceiling):
    banner = make_banner(Banner.Slot.SITE_TOP)
    for _ in range(ceiling + 2):
        seen(reader, banner, address="203.0.113.7")

    seen(reader, banner, address="198.51.100.20")

    assert impressions() == {banner.pk: ceiling + 1}


def test_noscript_pixels_count_against_the_same_ceiling(reader, make_banner, ceiling):
    banner = make_banner(Banner.Slot.SITE_TOP)
    for _ in range(ceiling - 1):
        seen(reader, banner, address="203.0.113.7")

    answers = [reader.get(f"{reverse('ads:seen')}?b={banner.pk}", REMOTE_ADDR="203.0.113.7") for _ in range(3)]

    assert {r.status_code for r in answers} == {200}
    assert impressions() == {banner.pk: ceiling}


def test_an_addresss_article_views_and_banner_impressions_have_a_ceiling_each(
    reader, make_banner, make_article, ceiling
):
    banner, article = make_banner(Banner.Slot.SITE_TOP), make_article()
    for _ in range(ceiling):
        reader.post(
            reverse("audience:view_beacon", args=[article.pk]),
            str(uuid.uuid4()),
            content_type="text/plain;charset=UTF-8",
            REMOTE_ADDR="203.0.113.7",
        )

    seen(reader, banner, address="203.0.113.7")

    assert impressions() == {banner.pk: 1}

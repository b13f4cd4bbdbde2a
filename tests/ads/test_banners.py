"""Banners: labelled 광고, taking turns by weight, counted, and clicked through only to their own address."""

import random
from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ads.models import Banner, BannerStat


def totals(banner: Banner) -> tuple[int, int]:
    stats = BannerStat.objects.filter(banner=banner)
    return sum(s.impressions for s in stats), sum(s.clicks for s in stats)


def test_a_banner_is_labelled_as_an_ad_and_links_through_its_click_counter(reader, make_article, make_banner):
    banner = make_banner(Banner.Slot.ARTICLE_SIDE, alt_text="세미나 안내")
    article = make_article()

    page = reader.get(article.get_absolute_url()).text

    assert '<span class="banner__label">광고</span>' in page
    assert f'href="/banners/{banner.pk}/click"' in page
    assert "https://ad.example/" not in page


def test_a_click_is_counted_and_goes_to_the_banners_own_address(reader, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP, link_url="https://advertiser.example/spring?utm=news")

    response = reader.get(f"/banners/{banner.pk}/click")

    assert response.status_code == 302
    assert response["Location"] == "https://advertiser.example/spring?utm=news"
    assert totals(banner) == (0, 1)


@pytest.mark.parametrize(
    "query",
    [
        "?next=https://evil.example/",
        "?url=//evil.example",
        "?redirect=javascript:alert(1)",
        "?link_url=https://evil.example/&next=/admin/",
        "?%0d%0aLocation:%20https://evil.example/",
    ],
)
def test_a_click_never_follows_an_address_in_the_request(reader, make_banner, query):
    banner = make_banner(Banner.Slot.SITE_TOP, link_url="https://advertiser.example/")

    response = reader.get(
        f"/banners/{banner.pk}/click{query}",
        headers={"Referer": "https://evil.example/", "X-Forwarded-Host": "evil.example"},
    )

    assert response.status_code == 302
    assert response["Location"] == "https://advertiser.example/"


@pytest.mark.parametrize(
    "path", ["/banners/999/click", "/banners/abc/click", "/banners/-1/click", "/banners/1e3/click"]
)
def test_a_click_on_an_unknown_banner_is_not_found(reader, db, path):
    assert reader.get(path).status_code == 404


def test_a_banner_not_running_keeps_its_landing_page_to_itself(reader, make_banner):
    now = timezone.now()
    future = make_banner(Banner.Slot.SITE_TOP, starts_at=now + timedelta(days=3), link_url="https://launch.example/")
    ended = make_banner(Banner.Slot.SITE_TOP, starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=1))
    off = make_banner(Banner.Slot.SITE_TOP, is_active=False)

    for banner in (future, ended, off):
        response = reader.get(f"/banners/{banner.pk}/click")
        assert response.status_code == 404
        assert "launch.example" not in response.text
        assert totals(banner) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_pages_counting_the_same_banners_at_once_lose_no_impression(make_banner):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from newsroom.counters import increment

    banners = [make_banner(slot) for slot in Banner.Slot.values]
    day = timezone.localdate()
    keys = [{"banner": banner.pk, "day": day, "shard": 0} for banner in banners]

    def page(n: int) -> None:
        try:  # pages listing the same banners in opposite orders, on one shard: the worst case for row locks
            for _ in range(30):
                increment(BannerStat, "impressions", keys if n % 2 else keys[::-1])
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(page, range(8)))

    assert [totals(banner)[0] for banner in banners] == [240] * len(banners)


def test_a_click_must_be_a_plain_visit(reader, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP)

    assert reader.post(f"/banners/{banner.pk}/click").status_code == 405
    assert totals(banner) == (0, 0)


def test_clicks_by_bots_are_not_counted_but_still_redirected(client, make_banner):
    banner = make_banner(Banner.Slot.SITE_TOP)

    response = client.get(f"/banners/{banner.pk}/click", headers={"User-Agent": "Googlebot/2.1"})

    assert response["Location"] == "https://ad.example/"
    assert totals(banner) == (0, 0)


def test_each_page_a_reader_sees_counts_one_impression_per_banner_shown(reader, client, make_article, make_banner):
    top, side = make_banner(Banner.Slot.SITE_TOP), make_banner(Banner.Slot.ARTICLE_SIDE)
    home_only = make_banner(Banner.Slot.HOME_MIDDLE)
    article = make_article()

    reader.get(article.get_absolute_url())
    reader.get(article.get_absolute_url())
    client.get(article.get_absolute_url(), headers={"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"})

    assert totals(top) == (2, 0)
    assert totals(side) == (2, 0)
    assert totals(home_only) == (0, 0)


def test_banners_in_one_slot_take_turns_by_weight(make_banner):
    heavy = make_banner(Banner.Slot.ARTICLE_SIDE, name="비중 3", weight=3)
    light = make_banner(Banner.Slot.ARTICLE_SIDE, name="비중 1", weight=1)
    rng = random.Random(20260104)

    shown = Counter(Banner.objects.for_slots([Banner.Slot.ARTICLE_SIDE], rng)["article_side"].pk for _ in range(4000))

    assert shown[heavy.pk] + shown[light.pk] == 4000
    assert 0.72 < shown[heavy.pk] / 4000 < 0.78


def test_only_banners_within_their_dates_take_turns(make_banner):
    now = timezone.now()
    current = make_banner(Banner.Slot.ARTICLE_SIDE, name="지금 광고")
    make_banner(Banner.Slot.ARTICLE_SIDE, name="끝난 광고", starts_at=now - timedelta(days=9), ends_at=now, weight=100)
    make_banner(Banner.Slot.ARTICLE_SIDE, name="다음 광고", starts_at=now + timedelta(days=1), weight=100)
    rng = random.Random(7)

    shown = {Banner.objects.for_slots([Banner.Slot.ARTICLE_SIDE], rng)["article_side"].pk for _ in range(200)}

    assert shown == {current.pk}


LONG_BODY = "".join(f"<p>{n}번째 문단입니다.</p>" for n in range(1, 7))


def test_the_between_paragraphs_banner_sits_in_the_middle_of_a_long_body(reader, make_article, make_banner):
    make_banner(Banner.Slot.ARTICLE_INLINE, alt_text="본문 중간 광고")
    article = make_article(body=LONG_BODY)

    page = reader.get(article.get_absolute_url()).text
    body = page[page.index('class="article__body"') :]

    assert body.index("3번째 문단") < body.index("본문 중간 광고") < body.index("4번째 문단")


def test_a_short_body_gets_no_banner_between_paragraphs(reader, make_article, make_banner):
    banner = make_banner(Banner.Slot.ARTICLE_INLINE, alt_text="본문 중간 광고")
    article = make_article(body="<p>첫 문단.</p><p>둘째 문단.</p>")

    page = reader.get(article.get_absolute_url()).text

    assert "본문 중간 광고" not in page
    assert "둘째 문단." in page
    assert totals(banner) == (0, 0)


def test_the_desk_sees_impressions_clicks_and_rate(client, reader, make_article, make_banner, make_member):
    banner = make_banner(Banner.Slot.SITE_TOP, name="봄 캠페인")
    article = make_article()
    for _ in range(4):
        reader.get(article.get_absolute_url())
    reader.get(f"/banners/{banner.pk}/click")
    client.force_login(make_member("desk", "데스크"))

    listing = client.get(reverse("admin:ads_banner_changelist"))
    detail = client.get(reverse("admin:ads_banner_change", args=[banner.pk]))

    assert listing.status_code == 200
    assert "봄 캠페인" in listing.text
    assert '<td class="field-impressions">4</td>' in listing.text
    assert '<td class="field-clicks">1</td>' in listing.text
    assert '<td class="field-rate">25.00%</td>' in listing.text
    assert f"<td>{timezone.localdate():%Y-%m-%d}</td><td>4</td><td>1</td><td>25.00%</td>" in detail.text


def test_reporters_do_not_see_banner_figures(client, make_banner, make_member):
    banner = make_banner(Banner.Slot.SITE_TOP)
    client.force_login(make_member("reporter", "기자"))

    assert client.get(reverse("admin:ads_banner_changelist")).status_code == 403
    assert client.get(reverse("admin:ads_banner_change", args=[banner.pk])).status_code == 403


@pytest.mark.parametrize("weight", ["0", "101", "-1", "abc"])
def test_a_weight_outside_one_to_a_hundred_is_refused(client, make_banner, make_member, weight):
    from demo.images import banner_image

    client.force_login(make_member("chief", "관리자"))
    image = banner_image((300, 100), "x")
    image.name = "ad.jpg"
    form = {"name": "광고", "slot": "article_top", "link_url": "https://ad.example/", "alt_text": "광고",
            "image": image, "starts_at_0": "2026-01-01", "starts_at_1": "00:00:00", "weight": weight,
            "is_active": "on"}  # fmt: skip

    response = client.post(reverse("admin:ads_banner_add"), form)

    assert response.status_code == 200
    assert "errornote" in response.text
    assert not Banner.objects.exists()


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://files.example/ad", "data:text/html,hi"])
def test_a_banner_link_must_be_a_web_address(client, make_member, link):
    from demo.images import banner_image

    client.force_login(make_member("chief", "관리자"))
    image = banner_image((300, 100), "x")
    image.name = "ad.jpg"
    form = {"name": "광고", "slot": "article_top", "link_url": link, "alt_text": "광고", "image": image,
            "starts_at_0": "2026-01-01", "starts_at_1": "00:00:00", "is_active": "on"}  # fmt: skip

    response = client.post("/admin/ads/banner/add/", form)

    assert response.status_code == 200
    assert "올바른 URL을 입력하세요." in response.text
    assert not Banner.objects.exists()

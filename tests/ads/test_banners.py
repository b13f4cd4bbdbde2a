"""Banners: labelled 광고, every running one of a slot listed for the browser to pick by weight, counted by the
beacon (test_impression_beacon.py), and clicked through only to their own address."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ads.models import Banner, BannerStat, candidates_for_slots


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


def test_a_page_lists_every_running_banner_of_a_slot_heaviest_first_with_only_the_first_shown(
    reader, make_article, make_banner
):
    light = make_banner(Banner.Slot.ARTICLE_SIDE, name="비중 1", alt_text="가벼운 광고", weight=1)
    heavy = make_banner(Banner.Slot.ARTICLE_SIDE, name="비중 3", alt_text="무거운 광고", weight=3)
    also_light = make_banner(Banner.Slot.ARTICLE_SIDE, name="또 비중 1", alt_text="또 가벼운 광고", weight=1)
    article = make_article()

    page = reader.get(article.get_absolute_url()).text
    slot = page[page.index('class="banner banner--article_side"') :]
    slot = slot[: slot.index("</aside>")]

    assert re.findall(r'data-banner="(\d+)" data-weight="(\d+)"( hidden)?', slot) == [
        (str(heavy.pk), "3", ""),
        (str(light.pk), "1", " hidden"),
        (str(also_light.pk), "1", " hidden"),
    ]
    assert [alt in slot for alt in ("무거운 광고", "가벼운 광고", "또 가벼운 광고")] == [True, True, True]
    assert slot.count('<span class="banner__label">광고</span>') == 1
    assert f'<noscript><img class="banner__pixel" src="/banners/seen?b={heavy.pk}"' in slot


def test_a_page_gives_each_banner_its_images_size_to_reserve_its_box(reader, make_article, make_banner):
    from demo.images import banner_image

    banner = make_banner(Banner.Slot.ARTICLE_SIDE)
    article = make_article()
    first = reader.get(article.get_absolute_url()).text
    replacement = banner_image((728, 90), "새 이미지")
    replacement.name = "new.jpg"
    banner.image = replacement
    banner.save()

    second = reader.get(article.get_absolute_url()).text

    assert 'width="300" height="100" loading="lazy"' in first
    assert 'width="728" height="90" loading="lazy"' in second


def test_a_banner_whose_image_is_gone_breaks_only_its_own_box(reader, make_article, make_banner):
    banner = make_banner(Banner.Slot.ARTICLE_SIDE, alt_text="사라진 이미지")
    banner.image.storage.delete(banner.image.name)

    response = reader.get(make_article().get_absolute_url())

    assert response.status_code == 200
    assert 'alt="사라진 이미지" width="300" height="100" loading="lazy"' in response.text


def test_a_banner_saved_with_an_image_that_cannot_be_read_reserves_no_box(reader, make_article, make_banner):
    banner = make_banner(Banner.Slot.ARTICLE_SIDE, alt_text="사라진 이미지")
    banner.image.storage.delete(banner.image.name)
    banner = Banner.objects.get(pk=banner.pk)  # as the admin reads it to save it again
    banner.name = "다시 저장"
    banner.save()

    response = reader.get(make_article().get_absolute_url())

    assert response.status_code == 200
    assert 'alt="사라진 이미지" loading="lazy"' in response.text


def test_a_page_lists_no_banner_outside_its_dates(reader, make_article, make_banner):
    now = timezone.now()
    current = make_banner(Banner.Slot.ARTICLE_SIDE, name="지금 광고", alt_text="지금 광고")
    make_banner(
        Banner.Slot.ARTICLE_SIDE, alt_text="끝난 광고", starts_at=now - timedelta(days=9), ends_at=now, weight=100
    )
    make_banner(Banner.Slot.ARTICLE_SIDE, alt_text="다음 광고", starts_at=now + timedelta(days=1), weight=100)
    make_banner(Banner.Slot.ARTICLE_SIDE, alt_text="꺼진 광고", is_active=False, weight=100)
    article = make_article()

    page = reader.get(article.get_absolute_url()).text

    assert re.findall(r'data-banner="(\d+)"', page) == [str(current.pk)]
    assert "지금 광고" in page
    assert not any(alt in page for alt in ("끝난 광고", "다음 광고", "꺼진 광고"))


def test_the_candidates_of_every_slot_are_read_in_one_query_heaviest_first(make_banner, django_assert_num_queries):
    side = [make_banner(Banner.Slot.ARTICLE_SIDE, weight=w) for w in (1, 5, 1)]
    top = make_banner(Banner.Slot.SITE_TOP)
    make_banner(Banner.Slot.HOME_MIDDLE)

    with django_assert_num_queries(1):
        candidates = candidates_for_slots([Banner.Slot.SITE_TOP, Banner.Slot.ARTICLE_SIDE])

    assert candidates == {"site_top": [top], "article_side": [side[1], side[0], side[2]]}


def test_a_page_counts_no_impression_and_is_the_same_for_every_reader(
    reader, reader_headers, make_article, make_banner
):
    make_banner(Banner.Slot.SITE_TOP)
    make_banner(Banner.Slot.ARTICLE_SIDE, weight=3)
    make_banner(Banner.Slot.ARTICLE_SIDE, weight=1)
    article = make_article()

    pages = [Client(headers=reader_headers).get(article.get_absolute_url()).content for _ in range(5)]

    assert len(set(pages)) == 1
    assert b"js/banners.js" in pages[0]
    assert b'data-banner-beacon="/banners/seen"' in pages[0]
    assert not BannerStat.objects.exists()


def test_an_editors_preview_sends_no_banner_beacon(admin_client, make_article, make_banner):
    from articles.models import Article

    make_banner(Banner.Slot.ARTICLE_SIDE, alt_text="미리보기 광고")
    article = make_article(status=Article.Status.DRAFT)

    page = admin_client.get(reverse("admin:articles_article_preview", args=[article.pk])).text

    assert "미리보기 광고" in page  # shown, with the script that picks among the candidates
    assert "js/banners.js" in page
    assert "data-banner-beacon" not in page
    assert "/banners/seen" not in page
    assert not BannerStat.objects.exists()


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


def test_the_desk_sees_impressions_clicks_and_rate(client, reader, banners_seen, make_banner, make_member):
    banner = make_banner(Banner.Slot.SITE_TOP, name="봄 캠페인")
    for _ in range(4):
        banners_seen(banner)
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

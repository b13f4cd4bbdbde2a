"""In a real browser, a page lists every running banner of a slot and the browser shows one of them, picked by
weight, and counts it by one beacon; without JavaScript the heaviest is shown and counted by its pixel."""

import pytest

from ads.models import Banner, BannerStat

pytestmark = pytest.mark.e2e

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
LOADS = 40

# static/js/banners.js draws its number from window.bannersRandom when a test sets one. Here the n-th load of the
# tab draws (n + 0.5) / LOADS: the loads sweep [0, 1) evenly, so the share each banner gets is exactly its weight's
# share, with no chance in it (a test left to chance would fail now and then).
SWEEP = f"""
const n = Number(sessionStorage.getItem("bannerLoad") || 0);
sessionStorage.setItem("bannerLoad", String(n + 1));
window.bannersRandom = () => (n + 0.5) / {LOADS};
"""


def impressions() -> dict[int, int]:
    shown: dict[int, int] = {}
    for stat in BannerStat.objects.all():
        shown[stat.banner_id] = shown.get(stat.banner_id, 0) + stat.impressions
    return shown


def is_banner_beacon(response) -> bool:
    return response.url.endswith("/banners/seen") and response.request.method == "POST"


def shown_in(page, slot: str) -> list[str]:
    """The alt texts of the banners a person sees in a slot (hidden ones are not in the accessibility tree)."""
    return [img.get_attribute("alt") for img in page.locator(f".banner--{slot}").get_by_role("img").all()]


@pytest.fixture
def two_banners_in_a_slot(make_article, make_banner):
    heavy = make_banner(Banner.Slot.ARTICLE_SIDE, alt_text="무거운 광고", weight=3)
    light = make_banner(Banner.Slot.ARTICLE_SIDE, alt_text="가벼운 광고", weight=1)
    return heavy, light, make_article("첫눈 소식")


def test_banners_of_one_slot_take_turns_by_weight_and_each_load_counts_the_one_shown(
    live_server, open_page, two_banners_in_a_slot
):
    heavy, light, article = two_banners_in_a_slot
    page = open_page()
    page.add_init_script(SWEEP)
    seen = []

    for _ in range(LOADS):
        with page.expect_response(is_banner_beacon) as beacon:
            page.goto(live_server.url + article.get_absolute_url())
        assert beacon.value.status == 204
        seen.extend(shown_in(page, "article_side"))

    assert len(seen) == LOADS  # one banner in the slot on every load
    assert (seen.count("무거운 광고"), seen.count("가벼운 광고")) == (30, 10)
    assert impressions() == {heavy.pk: 30, light.pk: 10}


def test_the_browser_picks_by_chance_when_no_test_chooses(live_server, open_page, two_banners_in_a_slot):
    article = two_banners_in_a_slot[2]
    page = open_page()

    with page.expect_response(is_banner_beacon) as beacon:
        page.goto(live_server.url + article.get_absolute_url())

    assert beacon.value.status == 204
    assert shown_in(page, "article_side") in (["무거운 광고"], ["가벼운 광고"])
    assert sum(impressions().values()) == 1


def test_the_slot_keeps_its_label_and_name_and_its_box_before_its_image_arrives(
    live_server, open_page, two_banners_in_a_slot
):
    page = open_page()
    page.route("**/media/banners/**", lambda route: None)  # the images never arrive

    page.goto(live_server.url + two_banners_in_a_slot[2].get_absolute_url(), wait_until="domcontentloaded")
    slot = page.get_by_role("complementary", name="기사 옆 광고")

    assert slot.get_by_text("광고", exact=True).is_visible()
    assert slot.get_by_role("link").count() == 1
    # The banner's box is its image's size already: the page does not move when the image comes.
    box = slot.locator("a:not([hidden]) img").bounding_box()
    assert (box["width"], box["height"]) == (300, 100)


def test_a_reader_without_javascript_sees_the_heaviest_banner_counted_by_its_pixel(
    live_server, open_page, two_banners_in_a_slot
):
    heavy, _, article = two_banners_in_a_slot
    page = open_page(java_script_enabled=False)

    with page.expect_response(lambda response: "/banners/seen?b=" in response.url) as pixel:
        page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("load")

    assert pixel.value.status == 200
    assert shown_in(page, "article_side") == ["무거운 광고"]
    assert impressions() == {heavy.pk: 1}


def test_a_bots_visit_counts_no_impression(live_server, open_page, two_banners_in_a_slot):
    page = open_page(user_agent=GOOGLEBOT)

    with page.expect_response(is_banner_beacon) as beacon:
        page.goto(live_server.url + two_banners_in_a_slot[2].get_absolute_url())

    assert beacon.value.status == 403
    assert impressions() == {}


def test_a_beacon_sent_again_for_the_same_page_load_counts_nothing(live_server, open_page, two_banners_in_a_slot):
    page = open_page()
    with page.expect_response(is_banner_beacon) as beacon:
        page.goto(live_server.url + two_banners_in_a_slot[2].get_absolute_url())
    first = beacon.value

    again = page.request.post(
        first.url,
        data=first.request.post_data,
        headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"},
    )

    assert (first.status, again.status) == (204, 204)
    assert sum(impressions().values()) == 1

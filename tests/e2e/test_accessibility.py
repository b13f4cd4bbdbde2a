"""Accessibility of the reader's pages in a real browser: axe-core on every kind of page, the keyboard, alt texts."""

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from articles.models import Article

pytestmark = pytest.mark.e2e

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (landmarks, heading order, unique ids…).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}
ARTICLE_SLOTS = ("article_top", "article_inline", "article_side", "article_bottom")
# A desktop and a phone: the layout changes at 860px (one column, the weather strip scrolling sideways).
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def model_article() -> Article:
    """The demo paper's fullest page: a lead photo, a series prefix, five related picks and a banner in every slot."""
    return Article.objects.get(headline__contains="헤게만")


def _day_of(article: Article) -> str:
    day = timezone.localdate(article.published_at)
    return reverse("articles:date", args=[day.year, day.month, day.day])


PAGES: dict[str, Callable[[], str]] = {
    "home": lambda: "/",
    "article": lambda: model_article().get_absolute_url(),
    "section": lambda: model_article().section.get_absolute_url(),
    "series": lambda: model_article().series.get_absolute_url(),
    "reporter": lambda: model_article().byline_reporters[0].get_absolute_url(),
    "popular": lambda: reverse("audience:popular"),
    "not_found": lambda: "/articles/999999999/",
    "date": lambda: _day_of(model_article()),
    "search": lambda: reverse("search:results") + "?q=%EB%A9%94%ED%83%80",  # 메타: results with highlights
    "search_empty": lambda: reverse("search:results") + "?q=%ED%99%94%EC%84%B1+%ED%83%90%EC%82%AC",  # no results
}


def violations_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} [{violation['impact']}] {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict]:
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violation_on_the_reader_pages(live_server, demo, page, name):
    response = page.goto(live_server.url + PAGES[name]())
    assert response.status == (404 if name == "not_found" else 200)
    if name == "article":
        # the check covers every banner slot of the article page, not a page that happens to show none
        for slot in ARTICLE_SLOTS:
            expect(page.locator(f".banner--{slot} img")).to_have_count(1)
        expect(page.locator(".article__lead img")).to_have_count(1)
        expect(page.locator(".related__list > li")).to_have_count(5)

    reports = []
    for viewport_name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        violations = axe_violations(page)

        blocking = [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
        if blocking:
            reports.append(f"axe-core on {PAGES[name]()} ({viewport_name}):\n{violations_report(blocking)}")
    assert not reports, "\n".join(reports)


def focused(page: Page) -> dict:
    """What has the keyboard focus, and whether it shows: an outline or a box shadow."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            return {
                tag: element.tagName.toLowerCase(),
                id: element.id,
                className: element.className,
                text: element.textContent.trim(),
                href: element.getAttribute("href"),
                inNav: element.closest(".section-nav") !== null,
                indicated: outlined || style.boxShadow !== "none",
            };
        }"""
    )


def tab_until(page: Page, reached: Callable[[dict], bool], limit: int = 200) -> list[dict]:
    """Press Tab until `reached` holds for the focused element; every stop on the way, the last one included."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if reached(stops[-1]):
            return stops
    raise AssertionError(f"not reached in {limit} Tabs; stops: {[stop['text'][:30] for stop in stops]}")


def test_keyboard_reader_skips_to_the_news_and_reaches_the_menu_and_headlines(live_server, demo, page):
    page.goto(live_server.url + "/")
    skip = page.get_by_role("link", name="본문 바로가기")
    expect(skip).not_to_be_in_viewport()

    page.keyboard.press("Tab")

    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focused(page)["indicated"]

    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()
    top_headline = page.locator(".top-story__headline a")
    stops = tab_until(page, lambda stop: stop["tag"] == "a")
    # the top story's photo repeats its headline link and is left out of the tab order
    expect(top_headline).to_be_focused()
    assert stops[-1]["indicated"]

    page.goto(live_server.url + "/")
    sections = page.locator(".section-nav a").all_text_contents()
    assert len(sections) == 5
    stops = tab_until(page, lambda stop: stop["href"] == top_headline.get_attribute("href"))
    assert stops[0]["text"] == "본문 바로가기"
    assert [stop["text"] for stop in stops if stop["inNav"]] == sections
    not_indicated = [stop["text"] for stop in stops if not stop["indicated"]]
    assert not not_indicated, f"focus not visible on: {not_indicated}"


def test_keyboard_reader_reaches_the_related_articles_and_the_link_to_all_of_them(live_server, demo, page):
    page.goto(live_server.url + model_article().get_absolute_url())
    related = page.locator(".related__headline").all_text_contents()
    assert len(related) == 5

    stops = tab_until(page, lambda stop: "related__more" in stop["className"])

    assert stops[-1]["text"] == "8건의 관련기사 더보기"
    assert [stop["text"] for stop in stops if "related__headline" in stop["className"]] == related
    not_indicated = [stop["text"] for stop in stops if not stop["indicated"]]
    assert not not_indicated, f"focus not visible on: {not_indicated}"


def images_without_alt(page: Page) -> list[str]:
    """Images a screen reader would meet without a text: no alt, or alt="" outside a hidden or presentational part."""
    return page.evaluate(
        """() => [...document.querySelectorAll("img")]
            .filter(img => {
                const alt = img.getAttribute("alt");
                if (alt === null) return true;
                if (alt.trim() !== "") return false;
                return img.closest('[aria-hidden="true"], [role="presentation"], [role="none"]') === null;
            })
            .map(img => img.outerHTML)"""
    )


@pytest.mark.parametrize("name", ["home", "article"])
def test_every_image_has_a_text_alternative_or_is_hidden_as_decoration(live_server, demo, page, name):
    page.goto(live_server.url + PAGES[name]())
    assert page.locator("img").count() >= 4  # banners and lead photos: the check has images to look at

    assert images_without_alt(page) == []

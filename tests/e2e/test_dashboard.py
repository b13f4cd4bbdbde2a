"""The desk dashboard in a real browser: a reporter sends an article, the desk finds it waiting and returns it with a
note, and the reporter finds it under 반려 with the note and the notification at the top."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from articles.models import Article, Byline, Reporter, Section

pytestmark = pytest.mark.e2e
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
PASSWORD = "pw-for-browser-tests"


def member(username: str, role: str, name: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Reporter.objects.create(name=name, user=user)
    return user


def screenshots(page, name: str) -> None:
    """The page at a desktop's width and at a phone's, for a person to look at (test-results/)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for width, height in [(1280, 900), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=SCREENSHOTS / f"dashboard-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_reporter_sends_the_desk_returns_it_with_a_note_and_the_reporter_reads_it(live_server, browser, demo, log_in):
    yoon = member("yoon", "기자", "윤슬기")
    member("chief", "데스크", "한데스크")
    section = Section.objects.get(slug="society")
    article = Article.objects.create(
        headline="한파 특보 발효", section=section, status=Article.Status.DRAFT, body="<p>영하 15도.</p>"
    )
    Article.objects.filter(pk=article.pk).update(created_by=yoon)
    Byline.objects.create(article=article, reporter=yoon.reporter)
    reporter = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul").new_page()
    desk = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul").new_page()

    log_in(reporter, "yoon", PASSWORD)
    expect(reporter.locator(".desk-block--drafts")).to_contain_text("한파 특보 발효")
    reporter.locator(".desk-block--drafts").get_by_role("link", name="한파 특보 발효").click()
    reporter.get_by_role("button", name="저장하고 데스크에 넘기기").click()
    expect(reporter.locator(".messagelist")).to_contain_text("데스크에 넘겼습니다")

    log_in(desk, "chief", PASSWORD)
    waiting = desk.locator(".desk-block--waiting")
    expect(waiting).to_contain_text("한파 특보 발효")
    expect(waiting.locator(".desk-item", has_text="한파 특보 발효")).to_contain_text("방금")
    expect(desk.locator(".desk-block--popular .desk-ranking li").first).to_be_visible()  # the demo's views
    expect(desk.locator(".desk-block--daily svg rect").first).to_be_attached()
    screenshots(desk, "desk")

    waiting.get_by_role("link", name="한파 특보 발효").click()
    desk.get_by_label("상태:").select_option(label="반려")
    desk.get_by_label("데스크 메모:").fill("기상청 발표 시각과 지역별 기온을 넣어 주세요.")
    desk.get_by_role("button", name="저장", exact=True).click()
    expect(desk.locator(".messagelist")).to_contain_text("반려했습니다")
    desk.goto(f"{live_server.url}/admin/")
    expect(desk.locator(".desk-block--returned")).to_contain_text("한파 특보 발효")
    expect(desk.locator(".desk-block--waiting")).not_to_contain_text("한파 특보 발효")

    reporter.goto(f"{live_server.url}/admin/")
    notices = reporter.locator(".desk-notices")
    expect(notices).to_contain_text("‘한파 특보 발효’ 기사가 반려되었습니다.")
    expect(notices).to_contain_text("기상청 발표 시각과 지역별 기온을 넣어 주세요.")
    returned = reporter.locator(".desk-block--returned")
    expect(returned).to_contain_text("한파 특보 발효")
    expect(returned.locator(".desk-note")).to_contain_text("기상청 발표 시각과 지역별 기온을 넣어 주세요.")
    box = notices.bounding_box()
    assert box["y"] < returned.bounding_box()["y"]  # the notification comes first
    screenshots(reporter, "reporter")

    reporter.goto(f"{live_server.url}/admin/articles/article/")
    expect(reporter.locator(".desk-notices")).to_contain_text("반려되었습니다")
    screenshots(reporter, "reporter-articles")
    reporter.locator(".desk-notice").get_by_role("button", name="읽음으로 표시").click()
    expect(reporter).to_have_url(f"{live_server.url}/admin/")
    expect(reporter.locator(".desk-notices")).to_have_count(0)
    expect(reporter.locator(".desk-block--returned")).to_contain_text("한파 특보 발효")

"""The desk in a real browser: a scheduled release readers see only from its time, and two editors at once."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Byline, KeptEdit, Reporter, Section

pytestmark = pytest.mark.e2e
PASSWORD = "pw-for-browser-tests"


def desk_member(username: str, name: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="데스크"))
    Reporter.objects.create(name=name, user=user)
    return user


@pytest.fixture
def desk_log_in(log_in):
    def sign_in(page, username: str) -> None:
        log_in(page, username, PASSWORD)
        expect(page.get_by_text("편집국 관리")).to_be_visible()

    return sign_in


@pytest.fixture
def submitted(transactional_db):
    section = Section.objects.create(name="사회", slug="society")
    article = Article.objects.create(
        headline="한파 특보 발효", section=section, status=Article.Status.SUBMITTED, body="<p>영하 15도.</p>"
    )
    Byline.objects.create(article=article, reporter=Reporter.objects.create(name="정다은"))
    return article


def test_the_desk_schedules_a_release_a_minute_ahead_and_readers_see_it_only_then(
    live_server, browser, submitted, desk_log_in
):
    desk_member("desk", "윤슬")
    desk = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul")
    page = desk.new_page()
    desk_log_in(page, "desk")
    at = timezone.localtime() + timedelta(minutes=1)

    page.goto(f"{live_server.url}/admin/articles/article/{submitted.pk}/change/")
    page.get_by_label("상태:").select_option(label="출고")
    page.locator("#id_published_at_0").fill(f"{at:%Y-%m-%d}")
    page.locator("#id_published_at_1").fill(f"{at:%H:%M:%S}")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("출고되도록 예약했습니다")
    expect(page.locator("#result_list")).to_contain_text("예약 출고")

    reader = browser.new_context(locale="ko-KR").new_page()
    reader.goto(live_server.url + submitted.get_absolute_url())
    expect(reader.get_by_role("heading", name="페이지를 찾을 수 없습니다")).to_be_visible()
    with time_machine.travel(at + timedelta(seconds=1)):
        reader.goto(live_server.url + submitted.get_absolute_url())
        expect(reader.get_by_role("heading", level=1)).to_have_text("한파 특보 발효")
    desk.close()


def test_two_editors_on_one_article_the_stale_save_is_refused_and_nothing_is_lost(
    live_server, browser, submitted, desk_log_in
):
    desk_member("yoonseul", "윤슬")
    desk_member("jonghwa", "이종화")
    first = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul").new_page()
    second = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul").new_page()
    desk_log_in(first, "yoonseul")
    desk_log_in(second, "jonghwa")
    url = f"{live_server.url}/admin/articles/article/{submitted.pk}/change/"

    first.goto(url)
    second.goto(url)
    expect(second.locator("#edit-lock")).to_have_text(re.compile("윤슬 님이 편집 중입니다"))
    first.get_by_label("제목:").fill("한파 특보 발효…서울 영하 15도")
    first.get_by_role("button", name="저장", exact=True).click()
    expect(first.locator(".messagelist")).to_contain_text("저장했습니다")
    second.get_by_label("부제:").fill("이종화가 덧붙인 부제")
    second.get_by_role("button", name="저장", exact=True).click()

    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.get_by_text(re.compile("윤슬 님이 .*먼저 저장해서 이 저장은 반영하지 않았습니다"))).to_be_visible()
    submitted.refresh_from_db()
    assert (submitted.headline, submitted.subheadline) == ("한파 특보 발효…서울 영하 15도", "")
    assert KeptEdit.objects.get().subheadline == "이종화가 덧붙인 부제"

"""A draft typed in the article form survives a closed tab: it is autosaved, offered back and restored; leaving the
form with unsaved changes asks first."""

import re
import time

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from articles.models import Article, AutosavedCopy, Byline, Reporter, Section

pytestmark = pytest.mark.e2e

BODY = ".prose-editor .ProseMirror[contenteditable]"
AUTOSAVED = re.compile(r"^자동 저장됨 \d\d:\d\d:\d\d$")


@pytest.fixture
def draft(live_server, transactional_db, settings):
    """윤슬's draft, and an autosave every second."""
    settings.ARTICLE_AUTOSAVE_SECONDS = 1
    user = User.objects.create_user("yoon", password="pw-for-browser-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="기자"))
    reporter = Reporter.objects.create(name="윤슬", user=user)
    article = Article.objects.create(
        headline="첫눈 예보",
        body="<p>내일 첫눈이 온다.</p>",
        section=Section.objects.create(name="사회", slug="society"),
        status=Article.Status.DRAFT,
        created_by=user,
    )
    Byline.objects.create(article=article, reporter=reporter)
    return article


def open_form(page, live_server, article: Article) -> None:
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.locator(BODY)).to_be_visible()


def autosaved(**fields) -> bool:
    """Waits up to 10 s for the autosaved copy to hold `fields`, as the autosave once its interval has passed."""
    for _ in range(100):
        if AutosavedCopy.objects.filter(**fields).exists():
            return True
        time.sleep(0.1)
    return False


def type_at_end_of_body(page, text: str):
    body = page.locator(BODY)
    body.click()
    page.keyboard.press("Control+End")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.insertText", {"text": text})
    return cdp


def test_a_draft_typed_before_the_tab_closed_is_offered_back_and_restored(page, live_server, log_in, draft):
    log_in(page, "yoon", "pw-for-browser-tests")
    first = page.context.new_page()
    open_form(first, live_server, draft)
    first.get_by_label("제목:").fill("서울에 첫눈")
    type_at_end_of_body(first, " 서울은 오후부터 눈.")
    assert autosaved(headline="서울에 첫눈", body="<p>내일 첫눈이 온다. 서울은 오후부터 눈.</p>")
    expect(first.locator("#autosave-status")).to_have_text(AUTOSAVED)
    first.close()  # no save: the tab is simply gone

    open_form(page, live_server, draft)
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("저장하지 않은 자동 저장본이 있습니다")
    expect(page.get_by_label("제목:")).to_have_value("첫눈 예보")
    offer.get_by_role("button", name="자동 저장본 되살리기").click()

    expect(offer).to_have_count(0)
    expect(page.get_by_label("제목:")).to_have_value("서울에 첫눈")
    expect(page.locator(BODY)).to_have_text("내일 첫눈이 온다. 서울은 오후부터 눈.")
    expect(page.locator("#autosave-status")).to_have_text("자동 저장본을 되살렸습니다. 저장해야 기사에 반영됩니다.")
    article = Article.objects.get(pk=draft.pk)
    assert (article.headline, article.body) == ("첫눈 예보", "<p>내일 첫눈이 온다.</p>")  # restored, not saved

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.get_by_role("button", name="저장", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("저장했습니다")
    assert dialogs == []  # saving is not leaving with unsaved changes
    article.refresh_from_db()
    assert (article.headline, article.body) == ("서울에 첫눈", "<p>내일 첫눈이 온다. 서울은 오후부터 눈.</p>")
    assert not AutosavedCopy.objects.exists()


def test_discarding_the_offer_deletes_the_copy(page, live_server, log_in, draft):
    log_in(page, "yoon", "pw-for-browser-tests")
    first = page.context.new_page()
    open_form(first, live_server, draft)
    first.get_by_label("제목:").fill("버릴 제목")
    assert autosaved(headline="버릴 제목")
    first.close()

    open_form(page, live_server, draft)
    page.get_by_role("button", name="버리기").click()

    expect(page.locator("#autosave-status")).to_have_text("자동 저장본을 버렸습니다.")
    expect(page.locator("#autosave-offer")).to_have_count(0)
    assert not AutosavedCopy.objects.exists()
    open_form(page, live_server, draft)
    expect(page.get_by_role("button", name="자동 저장본 되살리기")).to_have_count(0)


def test_no_autosave_while_a_syllable_is_being_composed(page, live_server, log_in, draft, compose):
    log_in(page, "yoon", "pw-for-browser-tests")
    open_form(page, live_server, draft)
    cdp = type_at_end_of_body(page, " 눈")
    assert autosaved(body="<p>내일 첫눈이 온다. 눈</p>")

    compose(cdp, "ㅇ", "이")
    time.sleep(3)  # three autosave intervals pass while 이 is still being composed
    assert AutosavedCopy.objects.get().body == "<p>내일 첫눈이 온다. 눈</p>"

    cdp.send("Input.insertText", {"text": "이"})
    expect(page.locator(BODY)).to_have_text("내일 첫눈이 온다. 눈이")
    assert autosaved(body="<p>내일 첫눈이 온다. 눈이</p>")


def test_leaving_the_form_with_unsaved_changes_asks_first(page, live_server, log_in, draft):
    log_in(page, "yoon", "pw-for-browser-tests")
    open_form(page, live_server, draft)
    form_url = page.url
    page.get_by_label("제목:").click()
    page.keyboard.type(" 속보")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))

    page.locator(".breadcrumbs a").last.click()  # 기사: the list of articles

    expect(page.get_by_label("제목:")).to_have_value("첫눈 예보 속보")
    assert dialogs == ["beforeunload"]
    assert page.url == form_url
    assert autosaved(headline="첫눈 예보 속보")  # and nothing is left to send when the test closes the page


def test_leaving_the_form_unchanged_asks_nothing(page, live_server, log_in, draft):
    log_in(page, "yoon", "pw-for-browser-tests")
    open_form(page, live_server, draft)
    page.get_by_label("제목:").click()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))

    page.locator(".breadcrumbs a").last.click()

    expect(page).to_have_url(re.compile(r"/admin/articles/article/$"))
    assert dialogs == []


def test_closing_the_tab_keeps_what_was_typed_since_the_last_autosave(page, live_server, log_in, draft, settings):
    settings.ARTICLE_AUTOSAVE_SECONDS = 600  # no autosave comes by itself during the test
    log_in(page, "yoon", "pw-for-browser-tests")
    tab = page.context.new_page()
    open_form(tab, live_server, draft)
    tab.get_by_label("제목:").fill("닫기 직전 제목")

    tab.close()

    assert autosaved(headline="닫기 직전 제목")


def test_a_save_made_since_the_form_was_opened_is_told_in_the_status_line(page, live_server, log_in, draft):
    log_in(page, "yoon", "pw-for-browser-tests")
    open_form(page, live_server, draft)
    desk = User.objects.create_user("desk", password="pw-for-browser-tests", is_staff=True)
    draft.headline, draft.updated_by = "데스크가 고친 제목", desk
    draft.save()

    page.get_by_label("제목:").fill("윤슬이 고친 제목")

    status = page.locator("#autosave-status")
    expect(status).to_contain_text("desk 님이 ")
    expect(status).to_contain_text("에 먼저 저장해서 자동 저장하지 않았습니다.")
    expect(status).to_contain_text("지금 저장하면 고친 내용은 '보관된 편집'에 남습니다.")
    assert not AutosavedCopy.objects.exists()

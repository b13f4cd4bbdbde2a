"""The admin screens an editor uses every day speak Korean: no English word left on the history, the comparison,
the restore and recover pages or the article form, read in a real browser."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect
from reversion.models import Version

from articles.history import save_in_revision
from articles.models import Article, Byline, Reporter, Section

pytestmark = pytest.mark.e2e
PASSWORD = "pw-for-browser-tests"
# Latin words an editor reads as Korean does: web terms written in capitals.
ALLOWED = {"URL", "RSS", "HTML", "API"}
ADDRESS = re.compile(r"(https?://|www\.)\S+")


def english_words(text: str) -> set[str]:
    return {word for word in re.findall(r"[A-Za-z]{3,}", ADDRESS.sub(" ", text)) if word not in ALLOWED}


@pytest.fixture
def chief(transactional_db) -> User:
    user = User.objects.create_user("chief", password=PASSWORD, is_staff=True, first_name="하늘", last_name="김")
    user.groups.add(Group.objects.get(name="관리자"))
    return user


@pytest.fixture
def revised(chief) -> Article:
    """A live story with three revisions, the first a draft."""
    section = Section.objects.create(name="사회", slug="society")
    article = Article.objects.create(headline="한파 특보 발효", section=section, body="<p>영하 15도.</p>")
    Byline.objects.create(article=article, reporter=Reporter.objects.create(name="정다은"))
    save_in_revision(article, chief, "처음 저장.")
    article.body = "<p>영하 15도까지 내려갔다.</p>"
    save_in_revision(article, chief, "본문을 고쳤습니다.")
    save_in_revision(article, chief, "출고.", save=article.publish)
    return article


def test_the_desks_screens_have_no_english(live_server, browser, log_in, chief, revised):
    gone = Article.objects.create(headline="지울 기사", section=revised.section, body="<p>지울 문단.</p>")
    save_in_revision(gone, chief, "처음 저장.")
    gone_version = Version.objects.get_for_object(gone).get()
    gone.delete()
    first, _, last = Version.objects.get_for_object(revised).order_by("pk")
    page = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul").new_page()
    log_in(page, "chief", PASSWORD)
    base = f"{live_server.url}/admin/articles/article"
    screens = {
        "기사 목록": f"{base}/",
        "기사 편집": f"{base}/{revised.pk}/change/",
        "변경 이력": f"{base}/{revised.pk}/history/",
        "두 판 비교": f"{base}/{revised.pk}/history/compare/?from={first.pk}&to={last.pk}",
        "되돌리기": f"{base}/{revised.pk}/history/{first.pk}/",
        "삭제된 기사": f"{base}/recover/",
        "되살리기": f"{base}/recover/{gone_version.pk}/",
    }
    found = {}
    for name, url in screens.items():
        page.goto(url)
        expect(page.locator("#content")).to_be_visible()
        page.wait_for_timeout(300)  # the editor and the date widgets draw their labels
        # The editor's menu draws its icons from ligature names ("format_bold"): not words anyone reads.
        page.evaluate("document.querySelectorAll('.material-icons').forEach((icon) => icon.replaceChildren())")
        found[name] = english_words(page.locator("body").inner_text())

    assert found == {name: set() for name in screens}


def test_restoring_a_draft_revision_in_the_browser_keeps_the_story_live(live_server, browser, log_in, chief, revised):
    released_at = Article.objects.get(pk=revised.pk).published_at
    first = Version.objects.get_for_object(revised).order_by("pk").first()
    page = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul").new_page()
    log_in(page, "chief", PASSWORD)

    page.goto(f"{live_server.url}/admin/articles/article/{revised.pk}/history/")
    page.get_by_role("row").filter(has_text="처음 저장").get_by_role("link", name="이 판으로 되돌리기").click()
    expect(page.locator(".restore-notice")).to_contain_text("상태와 출고 시각은 지금 그대로 둡니다: 출고")
    expect(page.locator(".restore-diff")).to_contain_text("본문: 영하 15도까지 내려갔다. 15도.")
    page.screenshot(path="test-results/restore-page.png", full_page=True)
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("판의 글로 되돌렸습니다. 출고 상태와 시각은 그대로입니다.")

    reader = browser.new_context(locale="ko-KR").new_page()
    reader.goto(live_server.url + revised.get_absolute_url())
    expect(reader.locator("article")).to_contain_text("영하 15도.")
    article = Article.objects.get(pk=revised.pk)
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, released_at)
    assert first.pk  # the revision restored was the draft's

"""The body editor in the admin keeps Korean typed through an IME, down to the syllable still being composed."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from articles.models import Article, Section

pytestmark = pytest.mark.e2e

COUNTERS_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "editor-counters.js"


@pytest.fixture
def add_article_page(live_server, transactional_db, page, log_in):
    """The add-article page with the body editor, open for a logged-in superuser; a section to file under."""
    Section.objects.create(name="사회", slug="society")
    User.objects.create_superuser("desk", password="pw-for-tests-only")
    log_in(page, "desk", "pw-for-tests-only", then="/admin/articles/article/add/")
    expect(page.locator(".prose-editor .ProseMirror[contenteditable]")).to_be_visible()
    return page


def test_syllable_still_being_composed_is_saved_when_the_editor_clicks_save(add_article_page, compose):
    page = add_article_page
    page.get_by_label("제목:").fill("한국 첫눈")
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search__field").fill("사회")
    page.locator(".select2-results__option", has_text="사회").click()
    counters = page.locator(".editor-counters")
    expect(counters).to_have_text("글자수 0자 (공백 제외 0자) · 원고지 0매")
    page.locator(".prose-editor .ProseMirror[contenteditable]").click()
    cdp = page.context.new_cdp_session(page)
    # 199 characters (33 of them spaces) typed as committed text, so the next two syllables cross into sheet 2.
    cdp.send("Input.insertText", {"text": "가나다라마 " * 33 + "바"})
    expect(counters).to_have_text("글자수 199자 (공백 제외 166자) · 원고지 1매")

    compose(cdp, "ㅎ", "하", "한")
    cdp.send("Input.insertText", {"text": "한"})
    expect(counters).to_have_text("글자수 200자 (공백 제외 167자) · 원고지 1매")
    compose(cdp, "ㄱ", "구", "국")
    # Counted while it is still being composed, and already in what an autosave would send.
    expect(counters).to_have_text("글자수 201자 (공백 제외 168자) · 원고지 2매")
    autosaved = page.locator("#id_body").evaluate("body => new FormData(body.form).get('body')")
    assert autosaved.endswith("바한국</p>")

    page.get_by_role("button", name="저장", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("저장했습니다")
    article = Article.objects.get(headline="한국 첫눈")
    assert article.body == "<p>" + "가나다라마 " * 33 + "바한국</p>"
    assert article.status == Article.Status.DRAFT


def test_counters_count_the_text_a_reader_sees_not_the_markup(page):
    page.set_content("<!doctype html><meta charset='utf-8'><title>counters</title>")
    page.add_script_tag(path=str(COUNTERS_JS))

    def counted(html: str) -> str:
        return page.evaluate("html => editorCounters.format(editorCounters.countHtml(html))", html)

    assert counted("") == "글자수 0자 (공백 제외 0자) · 원고지 0매"
    assert counted('<p><strong>메타</strong>는 <a href="https://a.example/">AI</a>&amp;칩</p>') == (
        "글자수 8자 (공백 제외 7자) · 원고지 1매"
    )
    # Blocks and line breaks separate text without counting as spaces; runs of white space count once.
    assert counted("<h2>소제목</h2><p>첫  줄<br>둘째\n줄</p><ul><li>하나</li><li>둘</li></ul><hr>") == (
        "글자수 13자 (공백 제외 11자) · 원고지 1매"
    )
    # A syllable stored as separate jamo (NFD, as macOS pastes it) is one character; sheets round up.
    assert counted("<p>" + "\u1112\u1161\u11ab" * 1234 + "</p>") == "글자수 1,234자 (공백 제외 1,234자) · 원고지 7매"

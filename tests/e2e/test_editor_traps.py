"""The body editor has no traps: typing after a photo writes the article, not the photo's caption; typing after a
link is not linked; and every label of the editor, its menus and its dialogs is in Korean."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from articles.models import Article, Section
from demo.images import lead_image
from photos.models import Photo

pytestmark = pytest.mark.e2e

EDITOR = ".prose-editor .ProseMirror[contenteditable]"
CAPTION = "4일 눈이 내린 광화문 광장 사진=뉴스스페이스"


@pytest.fixture
def add_article_page(live_server, transactional_db, page, log_in):
    """The add-article page with the body editor, open for a logged-in superuser; a section to file under."""
    Section.objects.create(name="사회", slug="society")
    User.objects.create_superuser("desk", password="pw-for-tests-only")
    log_in(page, "desk", "pw-for-tests-only", then="/admin/articles/article/add/")
    expect(page.locator(EDITOR)).to_be_visible()
    page.get_by_label("제목:").fill("서울에 첫눈")
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search__field").fill("사회")
    page.locator(".select2-results__option", has_text="사회").click()
    return page


def insert_photo(page) -> None:
    """Puts a photo at the cursor through the upload control under the editor, as a reporter does."""
    photo = page.locator(".body-photo")
    photo.locator("[name=body_photo_file]").set_input_files(
        {"name": "snow.jpg", "mimeType": "image/jpeg", "buffer": lead_image("snow").read()}
    )
    photo.get_by_label("대체 텍스트").fill("눈 내리는 광화문 광장")
    photo.get_by_label("사진 설명").fill("4일 눈이 내린 광화문 광장")
    photo.get_by_label("사진 출처").fill("뉴스스페이스")
    photo.get_by_role("button", name="사진 올려서 넣기").click()
    expect(photo.locator(".body-photo__status")).to_have_text("본문에 사진을 넣었습니다.")
    expect(page.locator(EDITOR)).to_be_focused()  # the cursor is back in the body, a frame after the insertion


def click_into_caption(page) -> None:
    page.locator(f"{EDITOR} figcaption").click()
    # The photo's own button shows once the cursor is in it (Chromium places it a moment after the click).
    expect(page.locator(".prose-menubar--floating").get_by_role("button", name="사진 설명 빼기")).to_be_visible()


def saved_body(page) -> str:
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("저장했습니다")
    return Article.objects.get(headline="서울에 첫눈").body


def figure() -> str:
    """The photo as the body stores it."""
    image = f'<img src="{Photo.objects.get().fallback_url}" alt="눈 내리는 광화문 광장">'
    return f"<figure>{image}<figcaption>{CAPTION}</figcaption></figure>"


def test_typing_on_after_a_photo_and_enter_in_its_caption_write_paragraphs_below_it(add_article_page, compose):
    page = add_article_page
    page.locator(EDITOR).click()
    page.keyboard.type("서울에 첫눈이 내렸다.")
    insert_photo(page)

    # The reporter keeps typing, through the IME, as if nothing had happened.
    cdp = page.context.new_cdp_session(page)
    compose(cdp, "ㄴ", "누", "눈")
    cdp.send("Input.insertText", {"text": "눈"})
    page.keyboard.type("은 오후까지 이어졌다.")
    page.keyboard.press("Enter")
    page.keyboard.type("기상청은 대설주의보를 내렸다.")
    expect(page.locator(f"{EDITOR} figcaption")).to_have_text(CAPTION)

    # Back in the caption: Enter at its end opens a paragraph under the photo, not a second line of caption.
    click_into_caption(page)
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("사진 바로 밑 문단.")
    page.keyboard.press("Enter")
    page.keyboard.type("그 밑 문단.")

    assert saved_body(page) == (
        "<p>서울에 첫눈이 내렸다.</p>"
        + figure()
        + "<p>사진 바로 밑 문단.</p><p>그 밑 문단.</p>"
        + "<p>눈은 오후까지 이어졌다.</p><p>기상청은 대설주의보를 내렸다.</p>"
    )


@pytest.mark.parametrize("key", ["ArrowDown", "ArrowRight"])
def test_an_arrow_key_at_the_end_of_the_last_caption_reaches_a_new_line_below_the_photo(add_article_page, key):
    page = add_article_page
    page.locator(EDITOR).click()
    page.keyboard.type("서울에 첫눈이 내렸다.")
    insert_photo(page)
    # The empty line after the photo taken away, the photo ends the body, the cursor at its caption's end: a
    # character typed now would be caption. (Each step waits for the body the form would send, as a person would.)
    body = page.locator("#id_body")
    page.keyboard.press("Backspace")
    expect(body).to_have_value(re.compile(r"</figure>$"))
    page.keyboard.type("!")
    expect(body).to_have_value(re.compile(r"사진=뉴스스페이스!</figcaption></figure>$"))
    page.keyboard.press("Backspace")
    expect(body).to_have_value(re.compile(r"사진=뉴스스페이스</figcaption></figure>$"))

    page.keyboard.press(key)
    page.keyboard.type("사진 밑에 쓴 문단.")

    assert saved_body(page) == "<p>서울에 첫눈이 내렸다.</p>" + figure() + "<p>사진 밑에 쓴 문단.</p>"


def test_a_click_below_the_photo_that_ends_the_body_opens_a_line_there(add_article_page):
    page = add_article_page
    editor = page.locator(EDITOR)
    editor.click()
    page.keyboard.type("서울에 첫눈이 내렸다.")
    insert_photo(page)
    page.keyboard.press("Backspace")  # the photo ends the body
    expect(page.locator("#id_body")).to_have_value(re.compile(r"</figcaption></figure>$"))

    caption = page.locator(f"{EDITOR} figcaption").bounding_box()
    box = editor.bounding_box()
    assert box["y"] + box["height"] - (caption["y"] + caption["height"]) > 20, "no room below the photo to click"
    editor.click(position={"x": 40, "y": box["height"] - 10})
    page.keyboard.type("클릭해서 쓴 문단.")

    assert saved_body(page) == "<p>서울에 첫눈이 내렸다.</p>" + figure() + "<p>클릭해서 쓴 문단.</p>"


def test_a_photo_left_last_with_nothing_typed_after_it_saves_no_empty_paragraph(add_article_page):
    page = add_article_page
    page.locator(EDITOR).click()
    page.keyboard.type("서울에 첫눈이 내렸다.")
    insert_photo(page)

    assert saved_body(page) == "<p>서울에 첫눈이 내렸다.</p>" + figure()


def make_link(page, text: str, address: str) -> None:
    """Selects the `text` just typed and links it through the menu's link dialog."""
    # The editor reads typed text from the page a moment later, and moving the cursor before it has would lose the
    # selection: wait for the text, then select it and check that it is what is selected.
    expect(page.locator(EDITOR)).to_contain_text(text)
    for _ in range(3):
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        for _ in text:
            page.keyboard.press("Shift+ArrowLeft")
        if page.evaluate("() => window.getSelection().toString()") == text:
            break
        page.keyboard.press("End")
    assert page.evaluate("() => window.getSelection().toString()") == text
    page.locator(".prose-menubar").get_by_role("button", name="링크 (글자를 먼저 고르세요)").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("링크 넣기")
    dialog.get_by_label("주소 (URL)").fill(address)
    dialog.get_by_role("button", name="넣기").click()
    expect(dialog).to_have_count(0)
    expect(page.locator(EDITOR)).to_be_focused()
    page.keyboard.press("End")


def test_text_typed_right_after_a_link_is_not_part_of_it(add_article_page, compose):
    page = add_article_page
    page.locator(EDITOR).click()
    page.keyboard.type("기상청")
    make_link(page, "기상청", "https://www.kma.go.kr/")
    page.keyboard.type("은 4일 대설주의보를 내렸다. ")
    # A Korean syllable composed by the IME right after a link stays out of it too.
    page.keyboard.type("자세한 내용은 날씨누리")
    make_link(page, "날씨누리", "www.weather.go.kr")
    cdp = page.context.new_cdp_session(page)
    compose(cdp, "ㅇ", "에")
    cdp.send("Input.insertText", {"text": "에"})
    page.keyboard.type(" 있다.")
    # A click on a link in the editor places the cursor there; it does not open the linked page.
    page.locator(f"{EDITOR} a", has_text="기상청").click()
    page.wait_for_timeout(300)
    assert len(page.context.pages) == 1

    assert saved_body(page) == (
        '<p><a href="https://www.kma.go.kr/" rel="noopener noreferrer">기상청</a>은 4일 대설주의보를 내렸다. '
        '자세한 내용은 <a href="https://www.weather.go.kr" rel="noopener noreferrer">날씨누리</a>에 있다.</p>'
    )


LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
ALLOWED_WORDS = {"URL", "RSS", "AI", "HTML"}


def latin_words(page) -> list[str]:
    """Latin words of three letters or more in what the editor shows: its text (the menu's icons aside, which are
    drawn from their ligature names), every title, label and placeholder, in the editor, its menus and dialogs."""
    texts = page.evaluate(
        """() => {
            const roots = [...document.querySelectorAll('.body-editor, .prose-menubar--floating')];
            const texts = [];
            for (const root of roots) {
                const copy = root.cloneNode(true);
                copy.querySelectorAll('.material-icons, textarea').forEach((icon) => (icon.textContent = ''));
                texts.push(copy.textContent);
                for (const element of [root, ...root.querySelectorAll('*')]) {
                    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
                        if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
                    }
                    if (element.matches('input[type=submit], input[type=button]')) texts.push(element.value);
                }
            }
            return texts;
        }"""
    )
    return sorted({word for text in texts for word in LATIN_WORD.findall(text) if word not in ALLOWED_WORDS})


def test_every_label_of_the_editor_its_menus_and_dialogs_is_korean(add_article_page):
    page = add_article_page
    menu = page.locator(".prose-menubar").first
    page.locator(EDITOR).click()
    page.keyboard.type("서울에 첫눈")
    assert latin_words(page) == []
    expect(menu.get_by_role("button", name="굵게")).to_be_visible()
    expect(menu.get_by_role("button", name="되돌리기")).to_be_visible()

    # The block type menu, open.
    menu.locator(".prose-menubar__selected").click()
    picker = page.locator(".prose-menubar__picker")
    expect(picker).to_be_visible()
    expect(picker.locator("button")).to_have_text(["소제목 2", "소제목 3", "소제목 4", "본문"])
    assert latin_words(page) == []
    page.screenshot(path="test-results/editor-block-menu.png")
    picker.get_by_role("button", name="소제목 2").click()
    expect(page.locator(f"{EDITOR} h2")).to_have_text("서울에 첫눈")
    expect(menu.locator(".prose-menubar__selected button")).to_have_attribute("title", "소제목 2")

    # The link dialog.
    for _ in "첫눈":
        page.keyboard.press("Shift+ArrowLeft")
    menu.get_by_role("button", name="링크 (글자를 먼저 고르세요)").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("링크 넣기")
    expect(dialog.get_by_role("button")).to_have_text(["넣기", "취소"])
    assert latin_words(page) == []
    page.screenshot(path="test-results/editor-link-dialog.png")
    dialog.get_by_role("button", name="취소").click()
    expect(dialog).to_have_count(0)
    # Cancelled: back in the text, with the words still selected.
    expect(page.locator(EDITOR)).to_be_focused()
    page.wait_for_function("getSelection().toString() === '첫눈'")

    # A photo: its caption button, the cursor in its caption (where the block type menu shows none of its types),
    # and the photo dialog of the menu's photo button.
    page.keyboard.press("End")
    insert_photo(page)
    click_into_caption(page)
    expect(menu.locator(".prose-menubar__selected button")).to_have_attribute("title", "문단 형식")
    assert latin_words(page) == []
    page.locator(f"{EDITOR} img").click()
    menu.get_by_role("button", name="사진 넣기·고치기 (주소로)").click()
    expect(dialog.get_by_role("heading")).to_have_text("사진 고치기")
    expect(dialog.get_by_label("사진 주소 (URL)")).to_be_visible()
    expect(dialog.get_by_label("대체 텍스트")).to_have_value("눈 내리는 광화문 광장")
    assert latin_words(page) == []
    page.screenshot(path="test-results/editor-photo-dialog.png")
    dialog.get_by_role("button", name="취소").click()
    expect(page.locator(f"{EDITOR} h2")).to_have_text("서울에 첫눈")

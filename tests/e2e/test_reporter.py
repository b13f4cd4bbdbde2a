"""A reporter (기자) writes a Korean article through the IME, puts a photo in the body and sends it to the desk."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from articles.models import Article, Reporter, Section
from demo.images import lead_image
from photos.models import Photo

pytestmark = pytest.mark.e2e


@pytest.fixture
def reporter_page(live_server, page, log_in):
    Section.objects.create(name="사회", slug="society")
    user = User.objects.create_user("yoon", password="pw-for-browser-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="기자"))
    Reporter.objects.create(name="윤슬", user=user)
    log_in(page, "yoon", "pw-for-browser-tests", then="/admin/articles/article/add/")
    expect(page.locator(".prose-editor .ProseMirror[contenteditable]")).to_be_visible()
    return page


def test_a_reporter_writes_in_korean_adds_a_body_photo_and_submits_to_the_desk(reporter_page, compose):
    page = reporter_page
    page.get_by_label("제목:").fill("서울에 첫눈")
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search__field").fill("사회")
    page.locator(".select2-results__option", has_text="사회").click()
    page.locator(".prose-editor .ProseMirror[contenteditable]").click()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.insertText", {"text": "서울에 "})
    compose(cdp, "ㅊ", "처", "첫")
    cdp.send("Input.insertText", {"text": "첫"})
    compose(cdp, "ㄴ", "누", "눈")
    cdp.send("Input.insertText", {"text": "눈"})
    cdp.send("Input.insertText", {"text": "이 내렸다."})
    expect(page.locator(".editor-counters")).to_have_text("글자수 12자 (공백 제외 10자) · 원고지 1매")

    photo = page.locator(".body-photo")
    photo.locator("[name=body_photo_file]").set_input_files(
        {"name": "snow.jpg", "mimeType": "image/jpeg", "buffer": lead_image("snow").read()}
    )
    photo.get_by_label("대체 텍스트").fill("눈 내리는 광화문 광장")
    photo.get_by_label("사진 설명").fill("4일 눈이 내린 광화문 광장")
    photo.get_by_label("사진 출처").fill("뉴스스페이스")
    photo.get_by_role("button", name="사진 올려서 넣기").click()
    expect(photo.locator(".body-photo__status")).to_have_text("본문에 사진을 넣었습니다.")
    expect(page.locator(".ProseMirror figure img")).to_have_attribute("alt", "눈 내리는 광화문 광장")

    page.get_by_role("button", name="저장하고 데스크에 넘기기").click()

    expect(page.locator(".messagelist")).to_contain_text("데스크에 넘겼습니다")
    article = Article.objects.get(headline="서울에 첫눈")
    assert (article.status, article.created_by.username) == (Article.Status.SUBMITTED, "yoon")
    assert article.body.startswith("<p>서울에 첫눈이 내렸다.</p>")
    stored = Photo.objects.get()
    assert stored.alt_text == "눈 내리는 광화문 광장"
    assert re.search(
        rf'<figure><img src="{re.escape(stored.fallback_url)}" alt="눈 내리는 광화문 광장">'
        r"<figcaption>4일 눈이 내린 광화문 광장 사진=뉴스스페이스</figcaption></figure>",
        article.body,
    )

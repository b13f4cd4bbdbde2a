import re

import pytest
from playwright.sync_api import expect

from accounts.twofactor import new_backup_codes
from articles.models import Article
from demo.loader import ensure_demo_editor

pytestmark = pytest.mark.e2e


def test_reader_sees_headline_byline_and_related_box_of_the_model_article(live_server, demo, page):
    article = Article.objects.get(headline__contains="헤게만")

    page.goto(live_server.url + article.get_absolute_url())

    expect(page.locator("h1.article__headline")).to_have_text(re.compile(r"^\[빅테크칼럼\] .*헤게만"))
    expect(page.locator(".article__body .byline")).to_have_text("[뉴스스페이스=윤슬 기자]")
    expect(page.locator(".article__section")).to_have_text("빅테크")
    strip = page.locator(".weather-strip")
    expect(strip.locator("li")).to_have_count(16)
    expect(strip.locator("li").first).to_have_text("구름조금 동두천 3.2℃")
    expect(strip.locator("li").last).to_have_text("구름조금 거제 7.2℃")
    expect(strip.locator(".weather-strip__credit")).to_contain_text("기상청 제공")
    related = page.locator("section.related")
    expect(related.get_by_role("heading", name="관련기사")).to_be_visible()
    expect(related.locator(".related__list > li")).to_have_count(5)
    # the eight other 빅테크 articles of the demo paper: its picks are all in the same section
    expect(related.locator(".related__more")).to_have_text("8건의 관련기사 더보기")
    for slot in ("article_top", "article_side", "article_bottom"):
        banner = page.locator(f".banner--{slot} img")
        banner.scroll_into_view_if_needed()  # lazy images far below the fold load only as the reader scrolls
        expect(banner).to_be_visible()

    related.locator(".related__more").click()

    expect(page).to_have_url(re.compile(rf"/articles/{article.pk}/related/$"))
    expect(page.locator(".list-header__kicker")).to_have_text("관련기사 8건")
    expect(page.locator(".article-list > li")).to_have_count(8)


def test_editor_logs_in_and_publishes_an_article_that_appears_on_the_home_page(live_server, demo, page):
    editor, _ = ensure_demo_editor("editor", "newsroom-demo")
    backup_code = new_backup_codes(editor)[0]  # as `make run` prints them
    draft = Article.objects.get(headline__contains="헤게만")
    headline = "서울 첫눈, 평년보다 엿새 빨라"
    Article.objects.filter(pk=draft.pk).update(headline=headline, status="draft", published_at=None)

    page.goto(live_server.url + "/")
    expect(page.get_by_text(headline)).to_have_count(0)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("사용자 이름:").fill("editor")
    page.get_by_label("비밀번호:").fill("newsroom-demo")
    page.get_by_role("button", name="로그인").click()
    page.get_by_label("인증 코드").fill(backup_code)
    page.get_by_role("button", name="확인").click()
    page.locator("tr.model-article").get_by_role("link", name="기사", exact=True).click()
    page.get_by_role("link", name=f"[빅테크칼럼] {headline}").click()
    page.get_by_label("상태:").select_option(label="출고")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("출고했습니다")

    page.goto(live_server.url + "/")

    expect(page.get_by_role("link", name=f"[빅테크칼럼] {headline}").first).to_be_visible()
    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED

"""Korean search in a real browser: a reader's query finds the word in its other forms and spacing, not inside
other words, and a spelling the desk adds in the admin applies to the next search."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Section

pytestmark = pytest.mark.e2e
PASSWORD = "pw-for-browser-tests"


@pytest.fixture
def newsroom(transactional_db):
    section = Section.objects.create(name="산업", slug="industry")
    now = timezone.now()
    for minutes, headline, body in [
        (10, "데이터 센터 건립에 주민 반대", "주민들이 마을 옆 데이터 센터 건립에 반대했다."),
        (20, "메탄올 추진 선박 첫 출항", "메탄올을 연료로 쓰는 선박이 처음 출항했다."),
        (30, "메타, 광고 도구 공개", "메타가 광고 문구를 만드는 도구를 내놓았다."),
        (40, "스마트폰 어플 시장 커져", "어플 이용자가 한 해 새 20% 늘었다."),
    ]:
        Article.objects.create(
            headline=headline,
            body=f"<p>{body}</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=now - timezone.timedelta(minutes=minutes),
        )


def search_from_the_masthead(page, url: str, query: str) -> None:
    page.goto(url)
    page.get_by_placeholder("기사 검색").fill(query)
    page.get_by_placeholder("기사 검색").press("Enter")


def test_a_reader_finds_data_center_written_apart_and_not_methanol_for_meta(live_server, newsroom, page):
    search_from_the_masthead(page, live_server.url + "/", "데이터센터")

    expect(page.locator(".search-total")).to_have_text("1건")
    expect(page.get_by_role("link", name="데이터 센터 건립에 주민 반대")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("데이터")

    page.get_by_placeholder("검색어를 입력하세요").fill("메타")
    page.get_by_placeholder("검색어를 입력하세요").press("Enter")

    expect(page.locator(".search-total")).to_have_text("1건")
    expect(page.get_by_role("link", name="메타, 광고 도구 공개")).to_be_visible()
    expect(page.get_by_text("메탄올 추진 선박 첫 출항")).to_have_count(0)


def test_a_spelling_the_desk_adds_finds_the_word_on_the_next_search(live_server, newsroom, page, log_in):
    user = User.objects.create_user("desk", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="데스크"))
    log_in(page, "desk", PASSWORD, then="/admin/search/spellingvariant/add/")

    page.get_by_label("표준 표기:").fill("애플리케이션")
    page.get_by_label("다른 표기:").fill("어플; 앱!")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.get_by_text("고칠 표기: 어플; 앱!")).to_be_visible()

    page.get_by_label("다른 표기:").fill("어플, 앱")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("저장했습니다: 표기 변형 “애플리케이션 (어플, 앱)”")

    search_from_the_masthead(page, live_server.url + "/", "애플리케이션")

    expect(page.get_by_role("link", name="스마트폰 어플 시장 커져")).to_be_visible()

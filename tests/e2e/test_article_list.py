"""The desk's article list in a real browser: a day's work readable at a glance on a laptop, and on a phone."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Byline, Reporter, Section, Series

pytestmark = pytest.mark.e2e
PASSWORD = "pw-for-browser-tests"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"

HEADLINES = [
    "메타 수익 총괄 존 헤게만, CRO 1년도 못 채우고 창업 위해 떠난다",
    "1년 걸린 사내 프로젝트를 AI가 한 시간 만에…구글 엔지니어의 고백에 개발 현장 술렁",
    "얼음낚시·눈썰매·빛 축제…새해 첫 주말 떠나는 겨울 축제 여섯 곳",
    "새해 첫 거래일 맞은 증시…증권가 “올해도 반도체·AI가 방향타”",
    "CES 2026 개막 앞두고…올해 키워드는 ‘손에 잡히는 AI’와 로봇",
    "반도체가 끌어올린 2025년 수출…새해엔 ‘쏠림’ 해소가 과제",
    "병오년 첫 해 보러 몰린 인파…해맞이 명소마다 “올해는 힘차게”",
    "원·달러 환율 1400원대서 한 해 마감…새해에도 변동성 경계",
    "빅테크 AI 투자 ‘쩐의 전쟁’…2026년 데이터센터 경쟁 더 뜨거워진다",
    "2025 K콘텐츠 결산…OTT 드라마·애니메이션, 국경 넘은 흥행 이어가",
    "정시 원서 접수 앞둔 수험생 ‘막판 고심’…세 장의 원서 어떻게 쓸까",
    "연말정산 ‘13월의 월급’ 챙기려면…놓치기 쉬운 공제 항목 일곱 가지",
    "성탄 전야 무료 급식소에 이어진 온정…추위 녹인 이웃의 손길",
    "AI 데이터센터 전력 수요 급증…‘전기 확보’가 새 경쟁력으로 떠올라",
    "석유화학업계 구조조정 본궤도…‘덩치 줄이고 고부가로’ 체질 바꾼다",
    "코드 짜는 AI 에이전트, 개발팀의 하루를 바꾸다…도입 기업 절반 넘어",
    "국산 AI 반도체 스타트업, ‘추론 시장’ 정조준…데이터센터 공략 속도",
    "포근한 일요일 뒤 다시 ‘냉동고’…다음 주 한파 대비해야 하는 이유",
    "서울 아파트값 상승폭 석 달 만에 축소…대출 규제에 관망세 짙어져",
    "전기차 보조금 새해 개편안 발표…중저가 차량에 혜택 몰아준다",
    "지방 소멸 위기 속 ‘작은 학교’의 반격…전교생 열두 명의 기적",
    "겨울 바다 품은 동해안 해돋이 명소, 새벽 기차표 매진 행렬",
    "플랫폼 노동자 산재보험 확대 시행…배달 기사들 “이제야 숨통”",
    "K팝 월드투어 공연 매출 사상 최대…북미·유럽 관객 두 배로 늘어",
    "‘1인 가구 1000만 시대’ 편의점 도시락이 바꾼 밥상 풍경",
    "국립중앙박물관 관람객 연 500만 명 돌파…굿즈 ‘뮷즈’도 품절 행진",
    "중소기업 10곳 중 6곳 “내년 채용 줄인다”…고용 한파 우려 커져",
    "노후 아파트 재건축 안전진단 문턱 낮춘다…사업 기간 3년 단축 기대",
    "프로야구 FA 시장 막바지 눈치싸움…대어급 투수 행선지 안갯속",
    "한강 리버버스 정식 운항 앞두고 시범 운행…출퇴근길 대안 될까",
]
NEWEST = "방금 송고한 기사: 새해 첫 수출입 통계, 반도체 호조 속 대중 수출은 감소세"


def sign_in(browser, log_in, username: str, viewport: dict):
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", viewport=viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, username, PASSWORD, then="/admin/articles/article/")
    expect(page.locator("#result_list")).to_be_visible()
    return context, page


@pytest.fixture
def a_days_work(transactional_db):
    """Thirty articles of a newsroom's day by two reporters, in several series and states; then one just filed."""
    desk = User.objects.create_user("desk", password=PASSWORD, is_staff=True)
    desk.groups.add(Group.objects.get(name="데스크"))
    sections = [Section.objects.create(name="경제", slug="economy"), Section.objects.create(name="사회", slug="town")]
    series = [
        Series.objects.create(name=name, slug=slug, section=sections[0])
        for name, slug in [("빅테크칼럼", "bigtech"), ("마켓브리프", "market"), ("현장에서", "field")]
    ]
    reporters = [Reporter.objects.create(name="정다은"), Reporter.objects.create(name="이종화")]
    states = [Article.Status.PUBLISHED, Article.Status.SUBMITTED, Article.Status.DRAFT, Article.Status.PUBLISHED]
    now = timezone.now()
    start = now - timedelta(hours=len(HEADLINES))
    for i, headline in enumerate(HEADLINES):
        with time_machine.travel(start + timedelta(hours=i), tick=False):
            status = states[i % len(states)]
            # Every seventh release is for a time still to come (예약 출고).
            released = {"published_at": now + timedelta(hours=i) if i % 7 == 0 else timezone.now()}
            article = Article.objects.create(
                headline=headline,
                body="<p>본문입니다.</p>",
                section=sections[i % 2],
                series=series[i % 3] if i % 2 else None,
                status=status,
                **(released if status == Article.Status.PUBLISHED else {}),
            )
            for position, reporter in enumerate(reporters[: 1 + i % 2] if i % 3 else reporters[::-1]):
                Byline.objects.create(article=article, reporter=reporter, position=position)
    newest = Article.objects.create(
        headline=NEWEST, body="<p>본문입니다.</p>", section=sections[0], status=Article.Status.SUBMITTED
    )
    Byline.objects.create(article=newest, reporter=reporters[1])


def test_a_laptop_shows_at_least_fifteen_whole_rows_the_newest_work_first(live_server, browser, log_in, a_days_work):
    context, page = sign_in(browser, log_in, "desk", {"width": 1280, "height": 800})

    rows = page.locator("#result_list tbody tr")
    whole = page.evaluate(
        """() => [...document.querySelectorAll('#result_list tbody tr')].filter((row) => {
            const box = row.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }).length"""
    )
    headline_width = page.locator("#result_list tbody th.field-display_headline").first.bounding_box()["width"]
    page.screenshot(path=SCREENSHOTS / "article_list_1280.png")

    assert rows.count() == 31
    assert whole >= 15
    assert headline_width >= 500
    expect(rows.first.locator(".field-display_headline")).to_have_text(NEWEST)
    expect(rows.first.locator(".field-state")).to_have_text("데스크 대기")
    expect(page.locator("#result_list .field-state", has_text="예약 출고").first).to_be_visible()
    context.close()


def test_a_phone_shows_headline_and_state_without_scrolling_sideways(live_server, browser, log_in, a_days_work):
    context, page = sign_in(browser, log_in, "desk", {"width": 390, "height": 844})

    first = page.locator("#result_list tbody tr").first
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    page.screenshot(path=SCREENSHOTS / "article_list_390.png")

    assert widths[0] <= widths[1]
    expect(first.locator(".field-display_headline")).to_be_visible()
    expect(first.locator(".field-display_headline")).to_contain_text("방금 송고한 기사")
    expect(first.locator(".field-state")).to_be_visible()
    for cell in (first.locator(".field-display_headline"), first.locator(".field-state")):
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.locator(".filter-menu > summary", has_text="기자").click()  # a menu open across the bar still fits
    expect(page.get_by_role("link", name="이종화", exact=True)).to_be_visible()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
    context.close()


def test_the_reporter_menu_narrows_to_a_typed_name_and_filters_the_list(live_server, browser, log_in, a_days_work):
    for n in range(12):
        Reporter.objects.create(name=f"수습기자{n:02d}")
    context, page = sign_in(browser, log_in, "desk", {"width": 1280, "height": 800})

    page.locator(".filter-menu > summary", has_text="기자").click()
    page.get_by_label("기자 이름으로 찾기").fill("종화")
    expect(page.get_by_role("link", name="수습기자00", exact=True)).to_be_hidden()
    page.get_by_label("기자 이름으로 찾기").press("Enter")

    expect(page.locator("summary", has_text="기자: 이종화")).to_be_visible()
    reporters = page.locator("#result_list tbody td.field-reporter_names").all_inner_texts()
    assert reporters and all("이종화" in names for names in reporters)
    context.close()

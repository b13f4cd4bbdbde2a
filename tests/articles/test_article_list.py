"""The desk's article list: the last change first, filters by state, section, series, reporter and period, sorting
by reporter, and the same number of queries whatever the archive holds."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, Byline

LIST = "/admin/articles/article/"
# 10:00 on Wednesday 2 December 2026 in Seoul.
NOW = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


def seoul(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def headlines(response) -> list[str]:
    assert response.status_code == 200
    return [article.headline for article in response.context["cl"].result_list]


def changed_at(article: Article, moment: datetime) -> Article:
    """The article as if last saved at `moment` (a save stamps the present)."""
    Article.objects.filter(pk=article.pk).update(updated_at=moment)
    return article


def header_link(page: str, column: str) -> str:
    """The address behind a column's header, as the editor clicks it to sort."""
    header = re.search(rf'<th scope="col" class="[^"]*column-{column}[^"]*">.*?</th>', page, re.S)
    query = re.search(r'<div class="text"><a href="([^"]+)"', header.group(0)).group(1)
    return LIST + query.replace("&amp;", "&")


def menu_choices(page: str, title: str) -> list[str]:
    """The choices of a filter menu of the bar, in their order."""
    menu = re.search(rf"<summary>{title}</summary>.*?</details>", page, re.S).group(0)
    return re.findall(r'<a href="[^"]*"[^>]*>([^<]+)</a>', menu)


@pytest.fixture
def desk_client(client, desk):
    client.force_login(desk)
    return client


def test_the_newest_work_comes_first_a_new_draft_above_older_releases(desk_client, make_article):
    with time_machine.travel(NOW - timedelta(hours=3), tick=False):
        make_article("오전에 출고한 기사", age=timedelta(minutes=5))
    with time_machine.travel(NOW - timedelta(hours=2), tick=False):
        make_article("데스크에 넘긴 기사", status=Article.Status.SUBMITTED)
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        make_article("방금 쓰기 시작한 초안", status=Article.Status.DRAFT)

    with time_machine.travel(NOW, tick=False):
        listed = headlines(desk_client.get(LIST))

    assert listed == ["방금 쓰기 시작한 초안", "데스크에 넘긴 기사", "오전에 출고한 기사"]


def test_an_edited_article_moves_to_the_top(desk_client, make_article, article_form, change):
    with time_machine.travel(NOW - timedelta(hours=5), tick=False):
        old = make_article("어제 출고한 기사")
    with time_machine.travel(NOW - timedelta(hours=4), tick=False):
        make_article("나중에 출고한 기사")

    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        assert change(desk_client, old, headline="어제 출고한 기사 (고침)").status_code == 302
    with time_machine.travel(NOW, tick=False):
        listed = headlines(desk_client.get(LIST))

    assert listed == ["어제 출고한 기사 (고침)", "나중에 출고한 기사"]


@time_machine.travel(NOW, tick=False)
def test_the_list_shows_state_section_reporters_and_both_times(desk_client, make_article, make_reporter):
    scheduled = make_article("내일 아침 풀리는 엠바고", published_at=seoul(3, 9), reporters=[make_reporter("한지원")])
    changed_at(scheduled, seoul(2, 9, 40))
    released = make_article("오늘 아침 출고", published_at=seoul(2, 8, 15))
    changed_at(released, seoul(2, 8, 15))
    draft = make_article("지난주 초안", status=Article.Status.DRAFT)
    changed_at(draft, seoul(25, 17, 5, month=11))

    page = desk_client.get(LIST).text

    for header in ["제목", "상태", "섹션", "기자", "송고/수정 시각", "출고 시각"]:
        assert f">{header}</a>" in page
    rows = re.findall(r"<tr>.*?</tr>", page, re.S)
    first, second, third = (re.sub(r"<[^>]+>", " ", row).split() for row in rows[1:4])
    assert first[:4] == ["내일", "아침", "풀리는", "엠바고"]
    assert first[4:] == ["예약", "출고", "빅테크", "한지원", "09:40", "예약", "12.03", "09:00"]
    assert second[3:] == ["출고", "빅테크", "윤슬", "08:15", "08:15"]
    assert third[2:] == ["작성중", "빅테크", "윤슬", "11.25", "17:05", "—"]


@pytest.fixture
def every_state(make_article):
    """One article in each state the list tells apart, at 10:00 in Seoul."""
    with time_machine.travel(NOW, tick=False):
        make_article("작성중인 기사", status=Article.Status.DRAFT)
        make_article("넘긴 기사", status=Article.Status.SUBMITTED)
        make_article("반려된 기사", status=Article.Status.RETURNED, review_note="출처를 보강하세요.")
        make_article("내일 풀릴 기사", published_at=seoul(3, 6))
        make_article("출고된 기사", published_at=seoul(2, 7))
        make_article("내린 기사", status=Article.Status.WITHDRAWN)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("draft", "작성중인 기사"),
        ("submitted", "넘긴 기사"),
        ("returned", "반려된 기사"),
        ("scheduled", "내일 풀릴 기사"),
        ("published", "출고된 기사"),
        ("withdrawn", "내린 기사"),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_the_state_filter_tells_each_state_apart_scheduled_releases_too(desk_client, every_state, state, expected):
    assert headlines(desk_client.get(LIST, {"state": state})) == [expected]


@time_machine.travel(NOW, tick=False)
def test_the_state_menu_offers_scheduled_release_as_a_state_of_its_own(desk_client, every_state):
    choices = menu_choices(desk_client.get(LIST).text, "상태")

    assert choices == ["모두", "작성중", "데스크 대기", "반려", "예약 출고", "출고", "출고 취소"]
    chosen = desk_client.get(LIST, {"state": "scheduled"}).text
    assert "<summary>상태: <strong>예약 출고</strong></summary>" in chosen


def test_the_section_and_series_filters_keep_to_theirs(desk_client, make_article, make_section, make_series):
    economy = make_section("경제", slug="economy")
    column = make_series("마켓브리프", slug="market-brief")
    make_article("빅테크 소식")
    make_article("환율 소식", section=economy)
    make_article("환율 브리프", section=economy, series=column)

    assert headlines(desk_client.get(LIST, {"section__id__exact": economy.pk})) == ["환율 브리프", "환율 소식"]
    assert headlines(desk_client.get(LIST, {"series__id__exact": column.pk})) == ["환율 브리프"]
    assert headlines(desk_client.get(LIST, {"series__isnull": "True"})) == ["환율 소식", "빅테크 소식"]


def test_the_reporter_filter_finds_every_article_the_reporter_is_bylined_on(
    desk_client, make_article, make_reporter, reporter
):
    lee = make_reporter("이종화")
    make_article("윤슬 단독")
    make_article("둘이 함께 쓴 기사", reporters=[reporter, lee])
    make_article("이종화 단독", reporters=[lee])

    assert headlines(desk_client.get(LIST, {"reporter": lee.pk})) == ["이종화 단독", "둘이 함께 쓴 기사"]
    assert headlines(desk_client.get(LIST, {"reporter": reporter.pk})) == ["둘이 함께 쓴 기사", "윤슬 단독"]


def test_the_reporter_menu_lists_me_first_and_who_left_last(client, make_member, make_reporter, make_article):
    desk = make_member("park", "데스크")
    make_reporter("박서연", user=desk)
    make_reporter("강민수")
    make_reporter("김퇴사", is_active=False)
    make_article("기사 하나")
    client.force_login(desk)

    choices = menu_choices(client.get(LIST).text, "기자")

    assert choices == ["모두", "박서연 (나)", "강민수", "윤슬", "김퇴사 (퇴사)"]


@pytest.mark.parametrize("value", ["abc", "1; DROP", "99999999999999999999999", "٣"])
def test_a_reporter_filter_that_names_no_reporter_shows_the_whole_list_with_a_notice(desk_client, make_article, value):
    make_article("남아 있는 기사")

    response = desk_client.get(LIST, {"reporter": value})

    assert response.status_code == 302
    assert response.url == f"{LIST}?e=1"
    page = desk_client.get(response.url).text
    assert "알 수 없는 필터 값이 있어 필터 없이 전체 기사를 보여 드립니다." in page
    assert "남아 있는 기사" in page


@pytest.mark.parametrize("params", [{"state": "lost"}, {"changed": "decade"}, {"released": "0001-01-01"}])
def test_an_unknown_filter_value_is_no_server_error(desk_client, make_article, params):
    make_article("남아 있는 기사")

    response = desk_client.get(LIST, params, follow=True)

    assert response.status_code == 200
    assert "남아 있는 기사" in response.text


def test_a_reporter_filtering_by_a_colleague_sees_only_what_is_released(client, yoon, make_article, make_reporter):
    lee = make_reporter("이종화")
    make_article("이종화의 초안", status=Article.Status.DRAFT, reporters=[lee])
    make_article("이종화의 엠바고", published_at=timezone.now() + timedelta(hours=3), reporters=[lee])
    make_article("이종화의 출고 기사", reporters=[lee])
    client.force_login(yoon)

    assert headlines(client.get(LIST, {"reporter": lee.pk})) == ["이종화의 출고 기사"]


@pytest.fixture
def filed_over_time(make_article):
    """Articles last changed at times around today's midnight, the week's start, the month's and the year's."""
    for headline, moment in [
        ("오늘 아침", seoul(2, 9, 30)),
        ("오늘 자정 직후", seoul(2, 0, 10)),  # 15:10 the day before in UTC
        ("어제 밤", seoul(1, 23, 50)),
        ("엿새 전", seoul(26, 12, month=11)),
        ("이레 전", seoul(25, 12, month=11)),
        ("지난해 말", seoul(31, 12, month=12, year=2025)),
    ]:
        changed_at(make_article(headline, status=Article.Status.DRAFT), moment)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("today", ["오늘 아침", "오늘 자정 직후"]),
        ("yesterday", ["어제 밤"]),
        ("week", ["오늘 아침", "오늘 자정 직후", "어제 밤", "엿새 전"]),
        ("month", ["오늘 아침", "오늘 자정 직후", "어제 밤"]),
        ("year", ["오늘 아침", "오늘 자정 직후", "어제 밤", "엿새 전", "이레 전"]),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_the_filed_time_filter_counts_days_in_seoul(desk_client, filed_over_time, period, expected):
    assert headlines(desk_client.get(LIST, {"changed": period})) == expected


@time_machine.travel(NOW, tick=False)
def test_the_release_time_filter_takes_a_release_later_today_as_today(desk_client, make_article):
    make_article("오늘 오후 예약", published_at=seoul(2, 15))
    make_article("오늘 아침 출고", published_at=seoul(2, 7))
    make_article("어제 출고", published_at=seoul(1, 18))
    make_article("초안", status=Article.Status.DRAFT)

    assert sorted(headlines(desk_client.get(LIST, {"released": "today"}))) == ["오늘 아침 출고", "오늘 오후 예약"]


def test_an_out_of_range_filed_date_in_the_address_is_no_server_error(desk_client, make_article):
    make_article("남아 있는 기사")

    response = desk_client.get(LIST, {"updated_at__gte": "0001-01-01 00:00:00"}, follow=True)

    assert response.status_code == 200
    assert "남아 있는 기사" in response.text


def test_sorting_by_reporter_goes_by_the_first_name_in_the_byline(desk_client, make_article, make_reporter):
    kang, park, lee = make_reporter("강민수"), make_reporter("박서연"), make_reporter("이도현")
    make_article("박서연 기사", reporters=[park])
    make_article("이도현·강민수 기사", reporters=[lee, kang])
    make_article("기자 없는 초안", status=Article.Status.DRAFT, reporters=[])
    make_article("강민수 기사", reporters=[kang])

    ascending = desk_client.get(header_link(desk_client.get(LIST).text, "reporter_names"))
    descending = desk_client.get(header_link(ascending.text, "reporter_names"))

    assert headlines(ascending) == ["강민수 기사", "박서연 기사", "이도현·강민수 기사", "기자 없는 초안"]
    # The exact reverse: an article with no byline yet comes first.
    assert headlines(descending) == ["기자 없는 초안", "이도현·강민수 기사", "박서연 기사", "강민수 기사"]


@pytest.mark.parametrize("sorted_by", [None, "reporter_names"])
@pytest.mark.parametrize("role", ["데스크", "기자"])
def test_the_list_reads_the_same_number_of_queries_for_five_articles_or_fifty(
    client, django_assert_num_queries, make_member, make_article, make_reporter, make_series, role, sorted_by
):
    user = make_member("member", role)
    colleague = make_reporter("이종화")
    me = make_reporter("윤슬", user=user)
    series = make_series("마켓브리프")

    def grow(n: int) -> None:
        for i in range(n):
            draft = i % 3 == 0
            make_article(
                f"환율 1400원대 마감…새해에도 변동성 경계 {i}",
                status=Article.Status.DRAFT if draft else Article.Status.PUBLISHED,
                series=series if i % 2 else None,
                reporters=[me, colleague] if i % 2 else [colleague, me],
            )

    client.force_login(user)
    grow(5)
    url = header_link(client.get(LIST).text, sorted_by) if sorted_by else LIST
    # session, user, the device the session gave its second factor from (데스크: django-otp), the user's own and its
    # groups' permissions, the user's unread notifications, the menus' sections, series and reporters, the count,
    # the page of articles (with their section and series), their bylines (with their reporters)
    budget = 12 if role == "데스크" else 11
    with django_assert_num_queries(budget):
        small = client.get(url)
    grow(45)
    with django_assert_num_queries(budget) as queries:
        large = client.get(url)

    assert len(small.context["cl"].result_list) == 5
    assert len(large.context["cl"].result_list) == 50
    assert "이종화" in large.text
    page_of_articles = queries.captured_queries[budget - 3]["sql"]
    assert '"articles_article"."headline"' in page_of_articles
    assert '"articles_article"."body"' not in page_of_articles  # fifty bodies the list does not show


def test_bulk_actions_and_the_recover_link_stay_on_the_list(client, desk, make_member, make_article):
    make_article("일괄 출고할 초안", status=Article.Status.DRAFT)
    client.force_login(desk)

    desk_page = client.get(LIST).text
    client.force_login(make_member("admin", "관리자"))
    admin_page = client.get(LIST).text

    for action in ["선택한 기사를 데스크에 넘기기", "선택한 기사 출고", "선택한 기사 출고 취소"]:
        assert action in desk_page
    assert "삭제된 기사 되살리기" not in desk_page
    assert "삭제된 기사 되살리기" in admin_page


def test_byline_order_decides_the_reporter_column(desk_client, make_article, make_reporter):
    article = make_article("바이라인 순서", reporters=[make_reporter("이도현"), make_reporter("강민수")])
    Byline.objects.filter(article=article, reporter__name="강민수").update(position=0)
    Byline.objects.filter(article=article, reporter__name="이도현").update(position=1)

    page = desk_client.get(LIST).text

    assert "강민수·이도현" in page

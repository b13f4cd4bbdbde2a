"""The admin's home is the desk dashboard: what the desk has to do, and for a reporter their own work."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from articles.history import save_in_revision
from articles.models import Article
from audience.models import ArticleViewCount

SEOUL = ZoneInfo("Asia/Seoul")
# A Wednesday afternoon in Seoul; the tests that read times travel here.
NOON = datetime(2026, 3, 4, 12, 0, tzinfo=SEOUL)


def dashboard(client, user) -> str:
    client.force_login(user)
    page = client.get("/admin/")
    assert page.status_code == 200
    return page.text


def block(page: str, title: str) -> str:
    """The text of the dashboard's block whose heading starts with `title`, tags removed."""
    match = re.search(rf"<h2 id=\"desk-[a-z]+-title\">{re.escape(title)}.*?</section>", page, re.S)
    assert match, f"no block {title}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0)))


def submit(article: Article, user) -> None:
    article.status = Article.Status.SUBMITTED
    save_in_revision(article, user, "데스크에 넘김")


def test_the_desk_sees_what_waits_oldest_first_with_how_long_each_has_waited(client, desk, yoon, make_article):
    first = make_article("먼저 넘긴 기사", status=Article.Status.DRAFT)
    second = make_article("나중에 넘긴 기사", status=Article.Status.DRAFT)
    with time_machine.travel(NOON - timedelta(hours=2, minutes=10), tick=False):
        submit(first, yoon)
    with time_machine.travel(NOON - timedelta(minutes=35), tick=False):
        submit(second, yoon)

    with time_machine.travel(NOON, tick=False):
        waiting = block(dashboard(client, desk), "데스크 대기")

    assert "데스크 대기 2건" in waiting
    assert waiting.index("먼저 넘긴 기사") < waiting.index("나중에 넘긴 기사")
    assert re.search(r"먼저 넘긴 기사 .*2시간 10분째 .*나중에 넘긴 기사 .*35분째", waiting)


def test_waiting_counts_from_the_submission_not_from_a_later_edit_by_the_desk(client, desk, yoon, make_article):
    article = make_article("한파 특보", status=Article.Status.DRAFT)
    with time_machine.travel(NOON - timedelta(hours=3), tick=False):
        submit(article, yoon)
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        article.headline = "한파 특보 발효"
        save_in_revision(article, desk, "제목 다듬음")

    with time_machine.travel(NOON, tick=False):
        waiting = block(dashboard(client, desk), "데스크 대기")

    assert "한파 특보 발효" in waiting
    assert "3시간째" in waiting


def test_an_article_sent_before_the_desk_kept_stamps_waits_from_its_last_save(client, desk, make_article):
    with time_machine.travel(NOON - timedelta(days=1, hours=4), tick=False):
        make_article("예전에 넘긴 기사", status=Article.Status.SUBMITTED)

    with time_machine.travel(NOON, tick=False):
        waiting = block(dashboard(client, desk), "데스크 대기")

    assert "1일 4시간째" in waiting


def test_the_desk_sees_what_it_returned_what_is_scheduled_and_what_went_out_today(
    client, desk, make_member, make_article
):
    other_desk = make_member("desk2", "데스크")
    mine = make_article("내가 반려한 기사", status=Article.Status.SUBMITTED)
    theirs = make_article("남이 반려한 기사", status=Article.Status.SUBMITTED)
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        for article, by in [(mine, desk), (theirs, other_desk)]:
            article.status, article.review_note = Article.Status.RETURNED, "출처를 밝혀 주세요."
            save_in_revision(article, by, "반려")
        make_article("내일 아침 기사", status=Article.Status.PUBLISHED, published_at=NOON + timedelta(hours=18))
        make_article("오늘 아침 기사", published_at=NOON - timedelta(hours=3))
        make_article("어제 기사", published_at=NOON - timedelta(hours=13))

    with time_machine.travel(NOON, tick=False):
        page = dashboard(client, desk)

    returned = block(page, "내가 반려한 기사")
    assert "내가 반려한 기사" in returned and "출처를 밝혀 주세요." in returned
    assert "남이 반려한 기사" not in returned
    assert "내일 아침 기사" in block(page, "예약 출고")
    assert "출고 예정 내일 06:00" in block(page, "예약 출고")
    today = block(page, "오늘 출고")
    assert "오늘 출고 1건" in today and "오늘 아침 기사" in today and "출고 시각 09:00" in today
    assert "어제 기사" not in today  # 23:00 yesterday in Seoul, though the same day in UTC


def test_every_article_on_the_dashboard_links_to_its_change_page(client, desk, make_article):
    article = make_article("링크 확인 기사", status=Article.Status.SUBMITTED)

    page = dashboard(client, desk)

    assert f'href="/admin/articles/article/{article.pk}/change/">링크 확인 기사</a>' in page


def test_an_empty_dashboard_says_so_and_still_lists_the_models(client, desk):
    page = dashboard(client, desk)

    assert "데스크 대기 기사가 없습니다." in page
    assert "예약 출고 기사가 없습니다." in page
    assert "오늘 출고한 기사가 없습니다." in page
    assert "최근 24시간 동안 조회된 기사가 없습니다." in page
    assert 'class="model-article"' in page and 'class="model-photo"' in page and 'class="model-banner"' in page
    assert page.index("데스크 대기") < page.index('class="model-article"')  # the dashboard comes first


def test_most_viewed_of_the_last_24_hours_with_the_hourly_views_chart_and_its_table(client, desk, make_article):
    with time_machine.travel(NOON, tick=False):
        busy = make_article("많이 본 기사")
        quiet = make_article("덜 본 기사")
        old = make_article("이틀 전에 많이 본 기사")
        hour = timezone.now().replace(minute=0)
        ArticleViewCount.objects.bulk_create(
            [
                ArticleViewCount(article=busy, hour=hour, shard=0, views=120),
                ArticleViewCount(article=busy, hour=hour, shard=1, views=30),
                ArticleViewCount(article=busy, hour=hour - timedelta(hours=2), shard=0, views=50),
                ArticleViewCount(article=quiet, hour=hour - timedelta(hours=2), shard=0, views=40),
                ArticleViewCount(article=old, hour=hour - timedelta(hours=48), shard=0, views=999),
            ]
        )
        page = dashboard(client, desk)

    popular = block(page, "많이 본 뉴스")
    assert re.search(r"1 많이 본 기사 200회 2 덜 본 기사 40회", popular)
    assert "이틀 전에 많이 본 기사" not in popular
    assert "<svg" in page and 'role="img"' in page
    assert "최근 24시간 조회수 240회. 가장 많이 본 시간은 12시 (150회)입니다." in page
    assert re.search(r'<th scope="row">12시</th><td>150</td>', page)
    assert re.search(r'<th scope="row">10시</th><td>90</td>', page)


def test_releases_per_day_by_section_for_30_days_with_a_table(client, desk, make_article, make_section):
    economy = make_section("경제")
    with time_machine.travel(NOON, tick=False):
        make_article("오늘 빅테크 1", published_at=NOON - timedelta(hours=1))
        make_article("오늘 빅테크 2", published_at=NOON - timedelta(hours=2))
        make_article("오늘 경제", section=economy, published_at=NOON - timedelta(hours=2))
        make_article("어제 경제", section=economy, published_at=NOON - timedelta(days=1))
        make_article("31일 전", published_at=NOON - timedelta(days=31))
        page = dashboard(client, desk)

    table = block(page, "일별 출고")
    assert "날짜 경제 빅테크 합계" in table  # the sections in their order (position, then name)
    assert "3/4 1 2 3" in table
    assert "3/3 1 0 1" in table
    assert "합계 2/3 0 0 0 2/4" in table  # 30 days: 2/3 to 3/4 (February has 28)
    assert " 2/2 " not in table and " 2/1 " not in table
    assert "최근 30일 출고 4건" in page


def test_a_reporter_sees_their_own_work_and_not_others_drafts(client, yoon, lee, make_article):
    _, lee_byline = lee
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        make_article("내 초안", status=Article.Status.DRAFT)
        make_article("이종화의 초안", status=Article.Status.DRAFT, reporters=[lee_byline])
        sent = make_article("내가 넘긴 기사", status=Article.Status.DRAFT)
        submit(sent, yoon)
        make_article("이종화가 넘긴 기사", status=Article.Status.SUBMITTED, reporters=[lee_byline])
        make_article("반려된 내 기사", status=Article.Status.RETURNED, review_note="숫자 출처를 확인해 주세요.")
        make_article("내 출고 기사")
        make_article("이종화의 출고 기사", reporters=[lee_byline])

    with time_machine.travel(NOON, tick=False):
        page = dashboard(client, yoon)

    assert "내 초안" in block(page, "작성 중인 기사")
    assert "이종화의 초안" not in page
    waiting = block(page, "데스크 대기")
    assert "내가 넘긴 기사" in waiting and "1시간째" in waiting
    assert "이종화가 넘긴 기사" not in page
    returned = block(page, "반려된 기사")
    assert "반려된 내 기사" in returned and "데스크 메모 숫자 출처를 확인해 주세요." in returned
    released = block(page, "내 출고 기사")
    assert "내 출고 기사" in released and "이종화의 출고 기사" not in released
    assert "많이 본 뉴스" not in page  # the desk's part


def test_what_a_reporter_created_counts_as_theirs_without_a_byline(client, yoon, make_article):
    make_article("바이라인 없는 내 초안", status=Article.Status.DRAFT, reporters=[], created_by=yoon)

    assert "바이라인 없는 내 초안" in block(dashboard(client, yoon), "작성 중인 기사")


def _newsroom(make_article, make_section, yoon, desk, count: int) -> None:
    """`count` articles of each kind the dashboards list, over a few sections, with views."""
    sections = [make_section() for _ in range(3)]
    now = timezone.now()
    for n in range(count):
        section = sections[n % 3]
        make_article(f"초안 {n}", section=section, status=Article.Status.DRAFT)
        make_article(f"대기 {n}", section=section, status=Article.Status.SUBMITTED)
        make_article(f"반려 {n}", section=section, status=Article.Status.RETURNED, review_note="메모", updated_by=desk)
        make_article(f"예약 {n}", section=section, published_at=now + timedelta(hours=n + 1))
        released = make_article(f"출고 {n}", section=section, age=timedelta(days=n % 20, minutes=1))
        ArticleViewCount.objects.create(article=released, hour=now.replace(minute=0), shard=0, views=n + 1)


@pytest.mark.parametrize("count", [3, 30])
def test_the_desks_dashboard_takes_the_same_queries_for_3_or_30_articles_of_each_kind(
    client, desk, yoon, make_article, make_section, count, django_assert_num_queries
):
    _newsroom(make_article, make_section, yoon, desk, count)
    client.force_login(desk)

    # session, user; the device the session gave its second factor from (django-otp); the user's permissions (own,
    # groups) for the app list and the role; unread notifications; the four lists, each with its total (데스크 대기,
    # 반려, 예약 출고, 오늘 출고); their bylines; 많이 본 뉴스; their headlines; views by hour; releases by day and
    # section
    with django_assert_num_queries(15):
        page = client.get("/admin/")

    assert page.status_code == 200
    assert f'데스크 대기 <span class="desk-count">{count}건</span>' in page.text


@pytest.mark.parametrize("count", [3, 30])
def test_a_reporters_dashboard_takes_the_same_queries_for_3_or_30_articles_of_each_kind(
    client, desk, yoon, make_article, make_section, count, django_assert_num_queries
):
    _newsroom(make_article, make_section, yoon, desk, count)
    client.force_login(yoon)

    # session, user; the user's permissions (own, groups); unread notifications; the four lists with their
    # totals (작성 중, 데스크 대기, 반려, 출고); their bylines
    with django_assert_num_queries(10):
        page = client.get("/admin/")

    assert page.status_code == 200
    assert f'작성 중인 기사 <span class="desk-count">{count}건</span>' in page.text


def test_a_long_list_shows_ten_and_links_to_the_article_list_of_all_of_them(client, desk, make_article):
    now = timezone.now()
    for n in range(12):
        make_article(f"예약 {n}", published_at=now + timedelta(hours=n + 1))
    make_article("지난 출고")
    page = dashboard(client, desk)
    scheduled = block(page, "예약 출고")

    link = re.search(r'<p class="desk-more"><a href="([^"]+)">예약 출고 12건 모두 보기', page)
    listing = client.get(link.group(1).replace("&amp;", "&")).text

    assert "예약 출고 12건" in scheduled
    assert "예약 9" in scheduled and "예약 10" not in scheduled  # the ten soonest
    assert "예약 11" in listing and "지난 출고" not in listing

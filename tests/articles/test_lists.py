from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from photos.models import Photo
from tests.photos import images


def headlines(response) -> list[str]:
    return [article.headline for article in response.context["page"].object_list]


def test_home_shows_latest_articles_and_a_block_per_section(client, make_article, make_section):
    economy = make_section("경제", slug="economy")
    make_section("빈 섹션", slug="empty")
    make_article("빅테크 기사", age=timedelta(hours=2))
    make_article("환율 기사", section=economy)

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["top"].headline == "환율 기사"
    assert [article.headline for article in response.context["headlines"]] == ["빅테크 기사"]
    blocks = {section.name: [a.headline for a in articles] for section, articles in response.context["section_blocks"]}
    assert blocks == {"빅테크": ["빅테크 기사"], "경제": ["환율 기사"]}
    assert '<a href="/sections/empty/">빈 섹션</a>' in response.text  # still in the menu


def test_home_section_block_holds_the_five_newest(client, make_article):
    for n in range(8):
        make_article(f"기사 {n}", age=timedelta(hours=n + 1))

    response = client.get("/")

    [(_, articles)] = response.context["section_blocks"]
    assert [article.headline for article in articles] == [f"기사 {n}" for n in range(5)]


def test_home_lists_the_newest_of_all_sections_while_a_quiet_section_keeps_its_five(client, make_article, make_section):
    quiet = make_section("조용한 섹션", slug="quiet")
    for n in range(5):
        make_article(f"지난주 기사 {n}", section=quiet, age=timedelta(days=7, hours=n))
    for n in range(20):
        make_article(f"오늘 기사 {n}", age=timedelta(minutes=n + 1))

    response = client.get("/")

    newest = [response.context["top"], *response.context["headlines"], *response.context["latest"]]
    assert [article.headline for article in newest] == [f"오늘 기사 {n}" for n in range(17)]
    blocks = {section.name: [a.headline for a in articles] for section, articles in response.context["section_blocks"]}
    assert blocks["조용한 섹션"] == [f"지난주 기사 {n}" for n in range(5)]
    assert blocks["빅테크"] == [f"오늘 기사 {n}" for n in range(5)]


def test_home_series_block_shows_each_series_newest_headline_most_recent_first(client, make_article, make_series):
    older, newer = make_series("오래된연재"), make_series("새연재")
    unseen, ended = make_series("예약만있는연재"), make_series("끝난연재", is_active=False)
    make_article("오래된연재 첫 회", series=older, age=timedelta(days=3))
    make_article("오래된연재 둘째 회", series=older, age=timedelta(days=2))
    make_article("새연재 첫 회", series=newer, age=timedelta(hours=5))
    make_article("예약된 회", series=unseen, published_at=timezone.now() + timedelta(hours=1))
    make_article("끝난연재 마지막 회", series=ended)

    response = client.get("/")

    shown = [(series.name, article.headline) for series, article in response.context["series_blocks"]]
    assert shown == [("새연재", "새연재 첫 회"), ("오래된연재", "오래된연재 둘째 회")]
    assert f'href="{newer.get_absolute_url()}">새연재</a>' in response.text


def test_home_top_story_shows_its_photo_every_byline_in_order_and_its_teaser(client, make_article, make_reporter):
    upload = images.upload("top.jpg", images.jpeg((1200, 800)))
    photo = Photo.objects.create_from_upload(upload, alt_text="반도체 공장 전경")
    first, second, third = make_reporter("윤슬"), make_reporter("이종화"), make_reporter("가나다")
    make_article(
        "반도체 수출 반등",
        reporters=[first, second, third],
        lead_photo=photo,
        body="<p>반도체 수출이 석 달 만에 늘었다.</p>",
    )
    make_article("사진 없는 새 기사", age=timedelta(minutes=5))

    response = client.get("/")

    top = response.context["top"]
    assert top.headline == "반도체 수출 반등"  # the newest with a photo, not the newest
    assert f"[{settings.SITE_NAME}=윤슬·이종화·가나다 기자] 반도체 수출이 석 달 만에 늘었다." in response.text
    assert f'srcset="{photo.srcset("webp")}"' in response.text
    assert 'alt="반도체 공장 전경" width="1200" height="800"' in response.text
    assert "-320w.jpg 320w, " in photo.srcset("jpeg")  # narrowest first, each once


def test_home_top_story_without_a_photo_among_the_newest_is_the_newest_with_its_byline(
    client, make_article, make_reporter
):
    upload = images.upload("old.jpg", images.jpeg((1200, 800)))
    make_article("지난달 사진 기사", lead_photo=Photo.objects.create_from_upload(upload), age=timedelta(days=30))
    for n in range(17):
        make_article(f"사진 없는 기사 {n}", age=timedelta(minutes=n + 1))
    newest_by = [make_reporter("윤슬"), make_reporter("이종화")]
    make_article("가장 새 기사", reporters=newest_by, body="<p>첫 문장.</p>", age=timedelta(seconds=1))

    response = client.get("/")

    assert response.context["top"].headline == "가장 새 기사"
    assert f"[{settings.SITE_NAME}=윤슬·이종화 기자] 첫 문장." in response.text
    assert "지난달 사진 기사" not in [a.headline for a in response.context["latest"]]


def test_home_of_an_empty_newspaper_says_so(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "아직 출고된 기사가 없습니다." in response.text


def test_section_page_lists_its_articles_newest_first_in_pages(client, settings, make_article, make_section, section):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(3):
        make_article(f"빅테크 {n}", age=timedelta(hours=n + 1))
    make_article("다른 섹션 기사", section=make_section("경제"))

    first = client.get(section.get_absolute_url())
    second = client.get(section.get_absolute_url(), {"page": 2})

    assert headlines(first) == ["빅테크 0", "빅테크 1"]
    assert headlines(second) == ["빅테크 2"]
    assert "총 3건" in first.text
    assert 'href="?page=2"' in first.text


def test_series_page_lists_only_its_articles(client, make_article, make_series):
    column = make_series("빅테크칼럼", slug="bigtech-column", description="빅테크를 읽는 칼럼")
    make_article("칼럼 기사", series=column)
    make_article("연재 아닌 기사")

    response = client.get("/series/bigtech-column/")

    assert headlines(response) == ["칼럼 기사"]
    assert "빅테크를 읽는 칼럼" in response.text
    assert "[빅테크칼럼] 칼럼 기사" in response.text


def test_reporter_page_lists_articles_they_wrote_alone_or_with_others(client, make_article, make_reporter, reporter):
    colleague = make_reporter("이종화")
    make_article("단독 기사", age=timedelta(hours=3))
    make_article("공동 기사", reporters=[colleague, reporter], age=timedelta(hours=2))
    make_article("동료 기사", reporters=[colleague])

    response = client.get(reporter.get_absolute_url())

    assert headlines(response) == ["공동 기사", "단독 기사"]
    assert "윤슬 기자" in response.text
    assert "[뉴스스페이스=이종화·윤슬 기자]" in response.text


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99", "9" * 40, "%FF"])
def test_bad_page_numbers_answer_404(client, make_article, section, page):
    make_article()

    assert client.get(f"{section.get_absolute_url()}?page={page}").status_code == 404


@pytest.mark.parametrize("url", ["/sections/nope/", "/series/nope/", "/reporters/999999/", "/reporters/0x1/"])
def test_unknown_lists_answer_404(client, db, url):
    assert client.get(url).status_code == 404


def test_a_long_list_says_how_many_it_counted_and_still_reaches_its_oldest_article(
    client, settings, monkeypatch, make_article, section
):
    monkeypatch.setattr("newsroom.pages.COUNT_LIMIT", 5)  # 1,000 on the site: a section of 100,000 counts to there
    settings.ARTICLES_PER_PAGE = 2
    for n in range(9):
        make_article(f"빅테크 {n}", age=timedelta(hours=n + 1))

    first = client.get(section.get_absolute_url())
    counted = client.get(section.get_absolute_url(), {"page": 3})
    past_the_count = client.get(section.get_absolute_url(), {"page": 4})
    last = client.get(section.get_absolute_url(), {"page": 5})

    assert "총 5건 이상 · 1쪽" in first.text
    assert 'href="?page=2" rel="next"' in first.text
    assert headlines(counted) == ["빅테크 4", "빅테크 5"]
    assert headlines(past_the_count) == ["빅테크 6", "빅테크 7"]
    assert 'href="?page=5" rel="next"' in past_the_count.text
    assert headlines(last) == ["빅테크 8"]
    assert 'rel="next"' not in last.text
    for page in ("6", "9" * 40):
        assert client.get(section.get_absolute_url(), {"page": page}).status_code == 404

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from ads.models import Banner
from articles.models import Article
from newsroom.context_processors import korean_date_line


def test_date_line_names_the_korean_weekday():
    assert korean_date_line(datetime(2026, 1, 4).date()) == "2026.01.04 (일)"
    assert korean_date_line(datetime(2026, 11, 30).date()) == "2026.11.30 (월)"


@time_machine.travel(datetime(2026, 1, 3, 16, 30, tzinfo=UTC), tick=False)  # 01:30 on Sunday in Seoul
def test_masthead_shows_todays_date_in_seoul_not_utc(client, make_article):
    article = make_article()

    response = client.get(article.get_absolute_url())

    assert "2026.01.04 (일)" in response.text


def test_article_page_shows_every_part_of_the_model_page(
    client, make_article, make_series, make_reporter, section, reporter, make_banner
):
    column = make_series("빅테크칼럼", slug="bigtech-column", section=section)
    colleague = make_reporter("이종화")
    older = make_article("구글 엔지니어가 본 코딩 에이전트", series=column, body="<p>구글의 한 엔지니어가 놀랐다.</p>")
    article = make_article(
        "메타 최고수익책임자, 1년도 안 돼 회사 떠난다",
        subheadline="AI 투자 확대 속 경영진 재편",
        series=column,
        reporters=[reporter, colleague],
        body="<p>메타의 최고수익책임자가 회사를 떠난다.</p><h2>리더십 변화</h2><p>두 번째 문단.</p>",
        age=timedelta(minutes=5),
    )
    for slot in (Banner.Slot.ARTICLE_TOP, Banner.Slot.ARTICLE_SIDE, Banner.Slot.ARTICLE_BOTTOM):
        make_banner(slot, alt_text=f"{slot} 광고 문구")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = response.text
    assert '<p class="article__section"><a href="/sections/bigtech/">빅테크</a></p>' in page
    assert "<title>[빅테크칼럼] 메타 최고수익책임자, 1년도 안 돼 회사 떠난다 - 뉴스스페이스</title>" in page
    assert 'href="/series/bigtech-column/">[빅테크칼럼]</a> 메타 최고수익책임자, 1년도 안 돼 회사 떠난다</h1>' in page
    assert "AI 투자 확대 속 경영진 재편" in page
    assert "입력 <time" in page
    assert '<p class="byline">[뉴스스페이스=윤슬·이종화 기자]</p>' in page
    assert "<h2>리더십 변화</h2>" in page
    for slot in ("article_top", "article_side", "article_bottom"):
        assert f'alt="{slot} 광고 문구"' in page
    assert "관련기사" in page
    assert "[빅테크칼럼] 구글 엔지니어가 본 코딩 에이전트" in page
    assert "[뉴스스페이스=윤슬 기자] 구글의 한 엔지니어가 놀랐다." in page
    assert f'<a class="related__more" href="/articles/{article.pk}/related/">1건의 관련기사 더보기</a>' in page
    assert older.get_absolute_url() in page


def test_headline_of_an_article_without_series_has_no_prefix(client, make_article):
    article = make_article("서울 아침 영하 10도")

    page = client.get(article.get_absolute_url()).text

    assert "<title>서울 아침 영하 10도 - 뉴스스페이스</title>" in page
    assert "[]" not in page


def test_lead_photo_shows_in_renditions_with_caption_and_credit(client, make_article):
    from demo.images import lead_image
    from photos.models import Photo

    upload = lead_image("x")
    upload.name = "lead.jpg"
    photo = Photo.objects.create_from_upload(
        upload, alt_text="메타 본사 표지판", caption="메타 본사", credit="뉴스스페이스 그래픽"
    )
    article = make_article(lead_photo=photo)

    page = client.get(article.get_absolute_url()).text

    assert 'alt="메타 본사 표지판"' in page
    assert '<source type="image/webp" srcset="' in page
    assert "640w" in page
    assert '메타 본사 <span class="credit">사진=뉴스스페이스 그래픽</span>' in page


def test_empty_banner_slots_render_nothing(client, make_article):
    article = make_article()

    page = client.get(article.get_absolute_url()).text

    assert 'class="banner' not in page


def test_expired_and_future_banners_are_not_shown(client, make_article, make_banner):
    from django.utils import timezone

    now = timezone.now()
    make_banner(
        Banner.Slot.ARTICLE_TOP,
        alt_text="지난 광고",
        starts_at=now - timedelta(days=9),
        ends_at=now - timedelta(days=1),
    )
    make_banner(Banner.Slot.ARTICLE_SIDE, alt_text="다음 주 광고", starts_at=now + timedelta(days=7))
    make_banner(Banner.Slot.ARTICLE_BOTTOM, alt_text="꺼 둔 광고", is_active=False)
    article = make_article()

    page = client.get(article.get_absolute_url()).text

    assert "지난 광고" not in page
    assert "다음 주 광고" not in page
    assert "꺼 둔 광고" not in page


def test_revised_article_shows_its_update_time(client, make_article):
    article = make_article(age=timedelta(hours=3))
    Article.objects.filter(pk=article.pk).update(updated_at=article.published_at + timedelta(hours=2))

    page = client.get(article.get_absolute_url()).text

    assert "수정 <time" in page


def test_body_html_is_sanitized_when_saved(make_article):
    article = make_article(body='<p onclick="steal()">안녕<script>alert(1)</script></p><iframe src="x"></iframe>')

    article.refresh_from_db()
    assert article.body == "<p>안녕</p>"


@pytest.mark.parametrize("url", ["/articles/99999999/", "/articles/123456789012345678901234567890/", "/articles/abc/"])
def test_unknown_article_urls_answer_404(client, db, url):
    assert client.get(url).status_code == 404


def test_related_list_url_for_unknown_article_is_404(client, db):
    assert client.get(reverse("articles:related", args=[424242])).status_code == 404


def test_not_found_page_is_in_korean(client, db):
    response = client.get("/articles/424242/")

    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.text


def test_a_renamed_or_new_section_is_in_the_menu_of_the_next_page(client, settings, make_article, make_section):
    settings.PAGE_CACHE = False  # the menu's own keeping, not the kept page's
    article = make_article()
    other = make_section("국제")
    assert "국제</a>" in client.get(article.get_absolute_url()).content.decode()

    other.name = "세계"
    other.save()
    make_section("과학")
    menu = client.get(article.get_absolute_url()).content.decode().split('aria-label="섹션"')[1].split("</nav>")[0]

    assert "세계</a>" in menu and "과학</a>" in menu and "국제" not in menu

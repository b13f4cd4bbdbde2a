from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article


def headlines(response) -> list[str]:
    return [article.headline for article in response.context["page"].object_list]


def in_the_box(response) -> list[str]:
    """The headlines of the 관련기사 box under the article, in their order."""
    return [item.headline for item in response.context["related"]]


def test_related_box_puts_picks_first_then_series_then_section_newest_first(
    client, settings, make_article, make_series, make_section, section
):
    settings.RELATED_ARTICLES_LIMIT = 10
    series = make_series("빅테크칼럼", section=section)
    elsewhere = make_section("경제")
    picked_far = make_article("직접 고른 다른 섹션 기사", section=elsewhere, age=timedelta(days=30))
    picked_near = make_article("직접 고른 같은 섹션 기사", age=timedelta(days=20))
    make_article("같은 연재 예전 기사", series=series, age=timedelta(days=5))
    make_article("같은 연재 최근 기사", series=series, age=timedelta(days=1))
    make_article("같은 섹션 예전 기사", age=timedelta(days=4))
    make_article("같은 섹션 최근 기사", age=timedelta(hours=2))
    make_article("관계없는 기사", section=elsewhere)
    article = make_article("메타 기사", series=series, related=[picked_far, picked_near])

    response = client.get(article.get_absolute_url())

    assert in_the_box(response) == [
        "직접 고른 다른 섹션 기사",
        "직접 고른 같은 섹션 기사",
        "같은 연재 최근 기사",
        "같은 연재 예전 기사",
        "같은 섹션 최근 기사",
        "같은 섹션 예전 기사",
    ]
    assert "6건의 관련기사 더보기" in response.text


def test_related_box_shows_each_article_once_with_its_bylines_in_order_and_nothing_readers_cannot_see(
    client, settings, make_article, make_series, make_reporter, section
):
    settings.RELATED_ARTICLES_LIMIT = 10
    series = make_series("빅테크칼럼", section=section)
    first, second = make_reporter("이종화"), make_reporter("가나다")
    picked_in_series = make_article("연재이면서 고른 기사", series=series, reporters=[first, second])
    make_article("같은 연재 다른 기사", series=series, age=timedelta(days=2))
    make_article("게재가 끝난 연재 기사", series=series, ends_at=timezone.now() - timedelta(minutes=1))
    make_article("예약된 연재 기사", series=series, published_at=timezone.now() + timedelta(hours=1))
    make_article("작성중인 같은 섹션 기사", status=Article.Status.DRAFT)
    make_article("같은 섹션 기사", age=timedelta(days=3))
    article = make_article("기준 기사", series=series, related=[picked_in_series])

    response = client.get(article.get_absolute_url())

    assert in_the_box(response) == [
        "연재이면서 고른 기사",
        "같은 연재 다른 기사",
        "같은 섹션 기사",
    ]
    assert "[빅테크칼럼] 연재이면서 고른 기사" in response.text
    assert "[뉴스스페이스=이종화·가나다 기자]" in response.text
    assert "3건의 관련기사 더보기" in response.text


def test_related_box_shows_only_the_configured_number_but_counts_them_all(client, settings, make_article):
    settings.RELATED_ARTICLES_LIMIT = 3
    for n in range(7):
        make_article(f"같은 섹션 기사 {n}", age=timedelta(days=n + 1))
    article = make_article("기준 기사")

    response = client.get(article.get_absolute_url())

    assert in_the_box(response) == [
        "같은 섹션 기사 0",
        "같은 섹션 기사 1",
        "같은 섹션 기사 2",
    ]
    assert "7건의 관련기사 더보기" in response.text


def test_article_is_never_in_its_own_related_box_or_count(client, make_article):
    make_article("같은 섹션 다른 기사")
    article = make_article("기준 기사")

    response = client.get(article.get_absolute_url())

    assert in_the_box(response) == ["같은 섹션 다른 기사"]
    assert "1건의 관련기사 더보기" in response.text


def test_the_database_refuses_an_article_picking_itself(make_article):
    from django.db import IntegrityError, transaction

    article = make_article()

    with pytest.raises(IntegrityError), transaction.atomic():
        article.related_picks.create(to_article=article, position=0)


def test_picks_left_at_the_same_position_keep_the_order_they_were_added_in_box_and_list(client, make_article):
    older, newer = make_article("먼저 고른 옛 기사", age=timedelta(days=9)), make_article("나중에 고른 새 기사")
    article = make_article("기준 기사", related=[])
    article.related_picks.create(to_article=older, position=0)
    article.related_picks.create(to_article=newer, position=0)

    box = client.get(article.get_absolute_url()).context["related"]
    listed = client.get(reverse("articles:related", args=[article.pk])).context["page"].object_list

    assert [item.headline for item in box] == ["먼저 고른 옛 기사", "나중에 고른 새 기사"]
    assert [item.headline for item in listed] == ["먼저 고른 옛 기사", "나중에 고른 새 기사"]


def test_article_with_nothing_related_shows_no_box(client, make_article):
    article = make_article("외톨이 기사")

    page = client.get(article.get_absolute_url()).text

    assert "관련기사 더보기" not in page


def test_related_list_pages_through_all_related_articles_in_box_order(client, settings, make_article, make_section):
    settings.ARTICLES_PER_PAGE = 2
    other = make_section("경제")
    picked = make_article("직접 고른 기사", section=other, age=timedelta(days=9))
    for n in range(3):
        make_article(f"같은 섹션 기사 {n}", age=timedelta(days=n + 1))
    article = make_article("기준 기사", related=[picked])
    url = reverse("articles:related", args=[article.pk])

    first, second = client.get(url), client.get(url, {"page": 2})

    assert headlines(first) == ["직접 고른 기사", "같은 섹션 기사 0"]
    assert headlines(second) == ["같은 섹션 기사 1", "같은 섹션 기사 2"]
    assert "관련기사 4건" in first.text
    assert client.get(url, {"page": 3}).status_code == 404


def test_unpublishing_a_related_article_removes_it_from_box_and_count(client, make_article):
    neighbour = make_article("이웃 기사")
    article = make_article("기준 기사")
    make_article("남은 이웃 기사")
    Article.objects.filter(pk=neighbour.pk).update(status=Article.Status.DRAFT, published_at=None)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert in_the_box(response) == ["남은 이웃 기사"]
    assert "1건의 관련기사 더보기" in response.text


def test_a_large_section_counts_its_related_articles_to_a_limit_and_lists_the_first_ones(
    client, settings, monkeypatch, make_article, make_series, make_section
):
    # 1,000 on the site: a section of 98,000 articles is counted only that far, its series outside it not at all.
    monkeypatch.setattr("articles.models.RELATED_COUNT_LIMIT", 3)
    monkeypatch.setattr("articles.views.RELATED_COUNT_LIMIT", 3)
    settings.ARTICLES_PER_PAGE = 2
    series = make_series("기획")
    make_article("다른 섹션의 연재", section=make_section("경제"), series=series, age=timedelta(days=9))
    for n in range(5):
        make_article(f"같은 섹션 기사 {n}", age=timedelta(days=n + 1))
    article = make_article("기준 기사", series=series)
    url = reverse("articles:related", args=[article.pk])

    page = client.get(article.get_absolute_url())
    first, second = client.get(url), client.get(url, {"page": 2})

    assert "3건 이상의 관련기사 더보기" in page.text
    assert "관련기사 3건 이상" in first.text
    assert headlines(first) == ["다른 섹션의 연재", "같은 섹션 기사 0"]
    assert headlines(second) == ["같은 섹션 기사 1"]
    assert client.get(url, {"page": 3}).status_code == 404

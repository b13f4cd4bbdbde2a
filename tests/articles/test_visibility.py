"""No unpublished article reaches an anonymous reader: not by its URL, a list, or the 관련기사 box."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article


@pytest.fixture
def hidden(make_article, make_series, section):
    """A draft and an article scheduled for tomorrow, both in the same section and series as a visible one."""
    series = make_series("빅테크칼럼", slug="bigtech-column", section=section)
    visible = make_article("공개된 기사", series=series)
    draft = make_article("초안 기사", series=series, status=Article.Status.DRAFT)
    scheduled = make_article("예약된 기사", series=series, published_at=timezone.now() + timedelta(days=1))
    RelatedPicks = visible.related_picks.model
    RelatedPicks.objects.create(from_article=visible, to_article=draft, position=0)
    RelatedPicks.objects.create(from_article=visible, to_article=scheduled, position=1)
    return visible, draft, scheduled


def test_unpublished_article_pages_answer_404(client, hidden):
    _, draft, scheduled = hidden
    for article in (draft, scheduled):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert client.get(reverse("articles:related", args=[article.pk])).status_code == 404


def test_unpublished_articles_are_in_no_list(client, hidden, reporter):
    visible, _, _ = hidden
    urls = [
        "/",
        visible.section.get_absolute_url(),
        visible.series.get_absolute_url(),
        reporter.get_absolute_url(),
        reverse("articles:related", args=[visible.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "공개된 기사" in response.text, url
        assert "초안 기사" not in response.text, url
        assert "예약된 기사" not in response.text, url


def test_related_box_and_its_count_leave_out_unpublished_picks(client, hidden, make_article):
    visible, _, _ = hidden
    make_article("같은 섹션의 다른 기사")

    response = client.get(visible.get_absolute_url())

    assert [item.headline for item in response.context["related"]] == ["같은 섹션의 다른 기사"]
    assert "초안 기사" not in response.text
    assert "예약된 기사" not in response.text
    assert "1건의 관련기사 더보기" in response.text


def test_scheduled_article_appears_once_its_time_has_come(client, make_article):
    article = make_article("예약된 기사", published_at=timezone.now() + timedelta(minutes=1))
    assert client.get(article.get_absolute_url()).status_code == 404

    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))

    assert client.get(article.get_absolute_url()).status_code == 200

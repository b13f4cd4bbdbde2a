"""A little desk: a reporter with a login on her byline, another reporter, a desk editor, and the article form as
the admin posts it."""

import pytest
from django.contrib.auth.models import User

from articles.models import Article, Reporter, Section


@pytest.fixture
def yoon(make_member, reporter) -> User:
    """윤슬, a reporter with a login linked to her byline (the `reporter` of make_article)."""
    user = make_member("yoon", "기자")
    Reporter.objects.filter(pk=reporter.pk).update(user=user)
    return user


@pytest.fixture
def lee(make_member, make_reporter) -> tuple[User, Reporter]:
    """이종화, another reporter, and his byline."""
    user = make_member("lee", "기자")
    return user, make_reporter("이종화", user=user)


@pytest.fixture
def desk(make_member) -> User:
    return make_member("desk", "데스크")


@pytest.fixture
def change():
    """Saves `article`'s change form as the admin posts it, with its bylines and what it holds now, `fields`
    changed; returns the response."""

    def post(client, article: Article, **fields):
        article.refresh_from_db()
        bylines = list(article.bylines.all())
        data = {
            "headline": article.headline,
            "subheadline": article.subheadline,
            "section": article.section_id,
            "series": article.series_id or "",
            "summary": article.summary,
            "body": article.body,
            "status": article.status,
            "published_at_0": "",
            "published_at_1": "",
            "review_note": article.review_note,
            "bylines-TOTAL_FORMS": str(len(bylines)),
            "bylines-INITIAL_FORMS": str(len(bylines)),
            "related_picks-TOTAL_FORMS": "0",
            "related_picks-INITIAL_FORMS": "0",
            "loaded_version": article.updated_at.isoformat(),
            "_save": "저장",
        }
        for i, byline in enumerate(bylines):
            data.update(
                {
                    f"bylines-{i}-id": byline.pk,
                    f"bylines-{i}-article": article.pk,
                    f"bylines-{i}-reporter": byline.reporter_id,
                    f"bylines-{i}-position": i,
                }
            )
        data.update(fields)
        return client.post(f"/admin/articles/article/{article.pk}/change/", data)

    return post


@pytest.fixture
def section_named(make_section):
    def make(name: str) -> Section:
        return make_section(name)

    return make

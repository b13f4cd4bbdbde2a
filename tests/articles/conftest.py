"""The desk at work in the admin: its people, and the article form as their browsers post it."""

import pytest
from django.contrib.auth.models import User

from articles.models import Article, Reporter, Section


@pytest.fixture
def yoon(make_member, reporter) -> User:
    """윤슬, a reporter with a login linked to her byline."""
    user = make_member("yoon", "기자")
    Reporter.objects.filter(pk=reporter.pk).update(user=user)
    return user


@pytest.fixture
def desk(make_member) -> User:
    return make_member("desk", "데스크")


@pytest.fixture
def article_form():
    """The add form's data for an article in `section` by `reporters`, as the admin posts it; `fields` override."""

    def form(section: Section, *, reporters: list[Reporter] = (), status: str = "published", **fields) -> dict:
        data = {
            "headline": "서울 첫눈 관측",
            "subheadline": "",
            "section": section.pk,
            "series": "",
            "summary": "",
            "body": "<p>서울에 첫눈이 내렸다.</p>",
            "status": status,
            "published_at_0": "",
            "published_at_1": "",
            "bylines-TOTAL_FORMS": str(len(reporters)),
            "bylines-INITIAL_FORMS": "0",
            "related_picks-TOTAL_FORMS": "0",
            "related_picks-INITIAL_FORMS": "0",
            "_save": "저장",
        }
        for i, reporter in enumerate(reporters):
            data[f"bylines-{i}-reporter"] = reporter.pk
            data[f"bylines-{i}-position"] = i
        data.update(fields)
        return data

    return form


@pytest.fixture
def change(article_form):
    """Saves `article`'s change form as it was opened (its headline, bylines, status, loaded version), with `fields`
    changed; returns the response."""

    def post(client, article: Article, **fields):
        data = article_form(
            article.section, reporters=[b.reporter for b in article.bylines.all()], headline=article.headline
        )
        for i, byline in enumerate(article.bylines.all()):
            data[f"bylines-{i}-id"] = byline.pk
            data[f"bylines-{i}-article"] = article.pk
        data["bylines-INITIAL_FORMS"] = str(article.bylines.count())
        data["status"] = article.status
        data["loaded_version"] = Article.objects.get(pk=article.pk).updated_at.isoformat()  # as the open form has it
        data.update(fields)
        return client.post(f"/admin/articles/article/{article.pk}/change/", data)

    return post


@pytest.fixture
def change_via_revision(article_form):
    """Saves the restore page of `article`'s revision `version` with `fields`; returns the response."""

    def post(client, article: Article, version, loaded_version=None, **fields):
        data = article_form(article.section, reporters=[b.reporter for b in article.bylines.all()], **fields)
        for i, byline in enumerate(article.bylines.all()):
            data[f"bylines-{i}-id"] = byline.pk
            data[f"bylines-{i}-article"] = article.pk
        data["bylines-INITIAL_FORMS"] = str(article.bylines.count())
        data["status"] = article.status
        # as the restore page has it: the article's last-saved time from before the restore
        data["loaded_version"] = loaded_version or Article.objects.get(pk=article.pk).updated_at.isoformat()
        return client.post(f"/admin/articles/article/{article.pk}/history/{version.pk}/", data)

    return post

"""이 판으로 되돌리기 brings back an old revision's words and never its release decision."""

import pytest
from reversion.models import Version

from articles.models import Article


@pytest.fixture
def live_with_a_draft_revision(client, desk, make_article, change):
    """A story saved once as a draft, then rewritten and released by the desk: live on the site."""
    article = make_article("초안 제목", status=Article.Status.DRAFT, body="<p>초안 문장입니다.</p>")
    client.force_login(desk)
    change(client, article, status="draft", body="<p>초안 문장입니다.</p>")
    draft = Version.objects.get_for_object(article).get()
    change(client, article, status="published", headline="출고 제목", body="<p>출고한 문장입니다.</p>")
    article.refresh_from_db()
    return article, draft


def test_restoring_a_draft_revision_of_a_live_story_keeps_it_live_with_the_restored_words(
    client, reader, live_with_a_draft_revision, change_via_revision
):
    article, draft = live_with_a_draft_revision
    released_at = article.published_at

    response = change_via_revision(
        client, article, draft, headline="초안 제목", body="<p>초안 문장입니다.</p>", status="draft"
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == released_at
    page = reader.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "초안 제목" in page.text and "초안 문장입니다." in page.text


def test_the_restore_page_says_in_korean_what_comes_back_and_what_stays(client, live_with_a_draft_revision):
    article, draft = live_with_a_draft_revision

    page = client.get(f"/admin/articles/article/{article.pk}/history/{draft.pk}/").text

    assert "판의 글을 되살립니다" in page
    assert "상태와 출고 시각은 지금 그대로 둡니다: <strong>출고</strong>" in page
    assert "<strong>제목</strong>: <del>출고</del> <ins>초안</ins> 제목" in page
    assert "<strong>본문</strong>: <del>출고한</del> <ins>초안</ins> 문장입니다." in page
    assert "Revert" not in page and "Press the save button" not in page
    assert 'name="status"' not in page  # the state is shown, not offered


def test_opening_the_restore_page_changes_nothing(client, live_with_a_draft_revision):
    article, draft = live_with_a_draft_revision

    client.get(f"/admin/articles/article/{article.pk}/history/{draft.pk}/")

    article.refresh_from_db()
    assert (article.headline, article.status) == ("출고 제목", Article.Status.PUBLISHED)


def test_the_history_says_the_restore_and_what_it_brought_back(client, live_with_a_draft_revision, change_via_revision):
    article, draft = live_with_a_draft_revision
    change_via_revision(client, article, draft, headline="초안 제목", body="<p>초안 문장입니다.</p>")

    page = client.get(f"/admin/articles/article/{article.pk}/history/").text

    assert "되돌리기. 제목, 본문을 그 판대로 되살렸습니다." in page
    assert "출고. 바꾼 항목" not in page

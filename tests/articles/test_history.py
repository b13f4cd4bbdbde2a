"""Every save keeps a revision; the admin shows who changed what, restores any revision and undeletes."""

import pytest
from reversion.models import Version

from articles.models import Article


@pytest.fixture
def edited(client, desk, make_article, change):
    """An article the desk saved twice in the admin: first as it was, then with a new headline and body."""
    article = make_article("첫 제목", status=Article.Status.SUBMITTED, body="<p>처음 쓴 문장입니다.</p>")
    client.force_login(desk)
    change(client, article, body="<p>처음 쓴 문장입니다.</p>")
    change(client, article, headline="고친 제목", body="<p>다시 쓴 문장입니다.</p>")
    return article


def test_each_admin_save_keeps_a_revision_with_who_saved_it(edited, desk):
    versions = Version.objects.get_for_object(edited)

    assert versions.count() == 2
    assert {version.revision.user for version in versions} == {desk}


def test_history_shows_who_and_a_word_diff_of_what_changed(client, edited):
    page = client.get(f"/admin/articles/article/{edited.pk}/history/").text

    assert "desk" in page
    assert "<strong>제목</strong>: <del>첫</del> <ins>고친</ins> 제목" in page
    assert "<strong>본문</strong>: <del>처음</del> <ins>다시</ins> 쓴 문장입니다." in page


def test_restoring_a_revision_saves_it_as_a_new_one_and_loses_nothing(client, edited, change_via_revision):
    first = Version.objects.get_for_object(edited).order_by("pk").first()

    response = change_via_revision(client, edited, first, headline="첫 제목", body="<p>처음 쓴 문장입니다.</p>")

    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.headline == "첫 제목"
    assert Version.objects.get_for_object(edited).count() == 3


def test_history_escapes_what_was_typed(client, desk, make_article, change):
    article = make_article("평범한 제목", status=Article.Status.SUBMITTED)
    client.force_login(desk)
    change(client, article)
    change(client, article, headline='<script>alert("x")</script><img src=x onerror=alert(1)>')

    page = client.get(f"/admin/articles/article/{article.pk}/history/").text

    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


def test_a_reporter_cannot_read_the_history_of_another_reporters_draft(
    client, make_article, make_reporter, make_member
):
    from django.contrib.auth.models import User

    lee = make_member("lee", "기자")
    theirs = make_article("이종화의 초안", status=Article.Status.DRAFT, reporters=[make_reporter("이종화", user=lee)])
    client.force_login(make_member("yoon", "기자"))

    assert client.get(f"/admin/articles/article/{theirs.pk}/history/").status_code == 404
    assert User.objects.filter(username="lee").exists()


def test_a_reporter_restoring_an_old_revision_cannot_bring_back_a_release(
    client, desk, make_article, reporter, change, change_via_revision, make_member
):
    yoon = make_member("yoon", "기자")
    type(reporter).objects.filter(pk=reporter.pk).update(user=yoon)
    article = make_article("기사", status=Article.Status.SUBMITTED)
    client.force_login(desk)
    change(client, article, status="published")
    released = Version.objects.get_for_object(article).order_by("pk").last()
    change(client, article, status="returned", review_note="다시 써 주세요.")

    client.force_login(yoon)
    article.refresh_from_db()
    response = change_via_revision(client, article, released, headline="기사")

    assert response.status_code == 302  # the words come back; the desk's decision (반려) stays
    article.refresh_from_db()
    assert article.status == Article.Status.RETURNED
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.fixture
def change_via_revision_recover(article_form):
    """Saves the recover page of the deleted article's `version`, released with its one `byline`."""

    def post(client, version, article, byline):
        data = article_form(article.section, reporters=[byline.reporter], headline=article.headline)
        data.update({"bylines-0-id": byline.pk, "bylines-0-article": article.pk, "bylines-INITIAL_FORMS": "1"})
        data["status"] = "published"
        data["published_at_0"], data["published_at_1"] = "2026-01-04", "09:00:00"
        data["loaded_version"] = version.field_dict["updated_at"].isoformat()
        return client.post(f"/admin/articles/article/recover/{version.pk}/", data)

    return post


def test_an_admin_undeletes_a_released_article_and_a_reporter_cannot(
    client, make_article, change_via_revision_recover, change, make_member
):
    chief = make_member("chief", "관리자")
    article = make_article("지운 기사")
    byline = article.bylines.get()
    client.force_login(chief)
    change(client, article)  # a first revision to recover from
    client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).get()

    client.force_login(make_member("yoon", "기자"))
    assert client.get("/admin/articles/article/recover/").status_code == 403
    client.force_login(chief)
    listing = client.get("/admin/articles/article/recover/")
    recovered = change_via_revision_recover(client, deleted, article, byline)

    assert "지운 기사" in listing.text
    assert recovered.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "지운 기사"
    told = [str(message) for message in client.get("/admin/articles/article/").context["messages"]]
    assert told == ["삭제된 기사 ‘지운 기사’를 되살렸습니다."]


def test_a_reporter_restoring_an_old_revision_keeps_the_desks_current_decisions(
    client, desk, make_article, reporter, change, change_via_revision, make_member
):
    yoon = make_member("yoon", "기자")
    type(reporter).objects.filter(pk=reporter.pk).update(user=yoon)
    article = make_article("기사", status=Article.Status.SUBMITTED)
    client.force_login(desk)
    change(client, article, status="returned", review_note="첫 메모")
    old = Version.objects.get_for_object(article).order_by("pk").last()
    change(client, article, status="returned", review_note="출처를 보강해 주세요.", headline="데스크가 고친 제목")

    client.force_login(yoon)
    article.refresh_from_db()
    response = change_via_revision(client, article, old, headline="기사")

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.status, article.review_note) == ("기사", "returned", "출처를 보강해 주세요.")


def test_only_those_who_may_undelete_are_offered_the_recover_link(client, db, make_member):
    client.force_login(make_member("yoon", "기자"))
    reporter_list = client.get("/admin/articles/article/").text
    client.force_login(make_member("chief", "관리자"))
    admin_list = client.get("/admin/articles/article/").text

    assert "삭제된 기사 되살리기" not in reporter_list
    assert "삭제된 기사 되살리기" in admin_list

"""Two editors on one article: each sees the other, a stale save is refused, and its text is kept."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import timezone

from articles import locking
from articles.models import Article, EditLock, KeptEdit


@pytest.fixture
def yoon_desk(db, reporter, make_member):
    user = make_member("yoonseul", "데스크")
    type(reporter).objects.filter(pk=reporter.pk).update(user=user)  # shown by her byline name, 윤슬
    return user


@pytest.fixture
def lee_desk(db, make_member):
    return make_member("jonghwa", "데스크")


def opened(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def loaded_form_version(client: Client, article: Article) -> str:
    page = client.get(f"/admin/articles/article/{article.pk}/change/")
    return page.context["adminform"].form["loaded_version"].value()


def test_the_second_save_over_a_newer_one_is_refused_and_its_text_kept(yoon_desk, lee_desk, make_article, change):
    article = make_article("초안 제목", status=Article.Status.SUBMITTED, body="<p>처음 문장.</p>")
    first, second = opened(yoon_desk), opened(lee_desk)
    first_version = loaded_form_version(first, article)
    second_version = loaded_form_version(second, article)

    saved = change(first, article, body="<p>윤슬이 고친 문장.</p>", loaded_version=first_version)
    refused = change(second, article, body="<p>이종화가 고친 문장.</p>", loaded_version=second_version)

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert "윤슬 님이" in refused.text
    assert "먼저 저장해서 이 저장은 반영하지 않았습니다" in refused.text
    article.refresh_from_db()
    assert article.body == "<p>윤슬이 고친 문장.</p>"
    kept = KeptEdit.objects.get()
    assert (kept.user, kept.body) == (lee_desk, "<p>이종화가 고친 문장.</p>")


def test_a_kept_edit_is_read_by_its_author_and_applied_back_to_the_article(yoon_desk, lee_desk, make_article, change):
    article = make_article("초안 제목", status=Article.Status.SUBMITTED)
    second = opened(lee_desk)
    stale = loaded_form_version(second, article)
    change(opened(yoon_desk), article, body="<p>먼저 저장된 문장.</p>")
    change(second, article, body="<p>늦게 저장한 문장.</p>", loaded_version=stale)
    kept = KeptEdit.objects.get()

    listing = second.get("/admin/articles/keptedit/")
    asked = second.post("/admin/articles/keptedit/", {"action": "apply_to_article", "_selected_action": [kept.pk]})
    article.refresh_from_db()
    assert article.body == "<p>먼저 저장된 문장.</p>"  # nothing overwritten before the diff is confirmed
    assert "<strong>본문</strong>: <del>먼저 저장된</del> <ins>늦게 저장한</ins> 문장." in asked.text
    second.post(
        "/admin/articles/keptedit/", {"action": "apply_to_article", "_selected_action": [kept.pk], "confirm": "yes"}
    )

    assert "초안 제목" in listing.text
    article.refresh_from_db()
    assert article.body == "<p>늦게 저장한 문장.</p>"


def test_a_reporter_sees_only_their_own_kept_edits(yoon_desk, lee_desk, make_article, make_member):
    article = make_article("초안 제목", status=Article.Status.SUBMITTED)
    KeptEdit.objects.create(article=article, user=lee_desk, headline="남의 보관본", body="<p>x</p>")
    reporter_client = opened(make_member("kim", "기자"))

    listing = reporter_client.get("/admin/articles/keptedit/")

    assert "남의 보관본" not in listing.text


def test_each_editor_sees_that_the_other_has_the_article_open(yoon_desk, lee_desk, make_article):
    article = make_article("열린 기사", status=Article.Status.SUBMITTED)
    first, second = opened(yoon_desk), opened(lee_desk)

    first_page = first.get(f"/admin/articles/article/{article.pk}/change/")
    second_page = second.get(f"/admin/articles/article/{article.pk}/change/")
    heartbeat = first.post(f"/admin/articles/article/{article.pk}/lock/")

    assert 'class="edit-lock edit-lock--quiet"' in first_page.text
    assert "윤슬 님이 편집 중입니다." in second_page.text
    assert "편집 넘겨받기" in second_page.text
    assert heartbeat.json() == {"held_by_me": True, "holder": "윤슬", "message": "jonghwa 님도 이 기사를 열었습니다."}


def test_taking_over_the_lock_is_logged_in_the_articles_history(yoon_desk, lee_desk, make_article):
    article = make_article("열린 기사", status=Article.Status.SUBMITTED)
    opened(yoon_desk).get(f"/admin/articles/article/{article.pk}/change/")
    second = opened(lee_desk)

    response = second.post(f"/admin/articles/article/{article.pk}/takeover/", follow=True)

    assert "윤슬 님의 편집 잠금을 넘겨받았습니다" in response.text
    assert EditLock.objects.get(article=article).user == lee_desk
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert (entry.user, entry.get_change_message()) == (lee_desk, "편집 잠금을 윤슬 님에게서 넘겨받음")


def test_a_lock_left_behind_expires(yoon_desk, lee_desk, make_article):
    article = make_article("열린 기사", status=Article.Status.SUBMITTED)
    locking.touch(article, yoon_desk, now=timezone.now() - timedelta(seconds=locking.LOCK_SECONDS + 1))

    page = opened(lee_desk).get(f"/admin/articles/article/{article.pk}/change/")

    assert "님이 편집 중입니다" not in page.text
    assert EditLock.objects.get(article=article).user == lee_desk


def test_lock_and_takeover_are_closed_to_those_who_may_not_edit(yoon_desk, make_article, make_reporter, make_member):
    theirs = make_article("남의 초안", status=Article.Status.DRAFT, reporters=[make_reporter("이종화")])
    outsider = opened(make_member("kim", "기자"))

    assert outsider.post(f"/admin/articles/article/{theirs.pk}/lock/").status_code == 404
    assert outsider.post(f"/admin/articles/article/{theirs.pk}/takeover/").status_code == 404
    assert not EditLock.objects.exists()


def test_a_save_without_the_loaded_version_is_treated_as_stale(yoon_desk, make_article, change):
    article = make_article("초안 제목", status=Article.Status.SUBMITTED)

    response = change(opened(yoon_desk), article, headline="몰래 고친 제목", loaded_version="")

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.headline == "초안 제목"


def test_lock_and_takeover_answer_only_a_post(yoon_desk, lee_desk, make_article):
    article = make_article("잠긴 기사", status=Article.Status.SUBMITTED)
    locking.touch(article, yoon_desk)
    second = opened(lee_desk)

    assert second.get(f"/admin/articles/article/{article.pk}/lock/").status_code == 405
    assert second.get(f"/admin/articles/article/{article.pk}/takeover/").status_code == 405
    assert EditLock.objects.get(article=article).user == yoon_desk

"""Autosave in the article form: what is typed is kept as the editor's own copy, never as a save, and offered back."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles import locking
from articles.models import Article, AutosavedCopy

URL = "/admin/articles/article/autosave/"


def opened(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def autosave(client: Client, article: Article | None, **fields):
    """Posts what the open form holds, as its script does: the typed fields and the version the form was loaded
    with (the article's last save unless told)."""
    data = {"article": article.pk if article else None, "headline": "", "subheadline": "", "summary": "", "body": ""}
    if article is not None and "loaded_version" not in fields:
        data["loaded_version"] = Article.objects.get(pk=article.pk).updated_at.isoformat()
    data.update(fields)
    return client.post(URL, json.dumps(data), content_type="application/json")


def offered_fields(page) -> dict:
    """The copy the page offers back, as its script reads it."""
    return json.loads(page.text.split('id="autosaved-fields" type="application/json">')[1].split("</script>")[0])


@pytest.fixture
def draft(make_article, yoon):
    """윤슬's own draft (`yoon` is linked to her byline)."""
    return make_article("초안 제목", status=Article.Status.DRAFT, body="<p>처음 문장.</p>")


def test_a_draft_is_kept_as_the_editors_copy_without_touching_the_article(yoon, draft):
    saved_before = Article.objects.get(pk=draft.pk).updated_at
    versions_before = Version.objects.count()

    response = autosave(opened(yoon), draft, headline="고친 제목", summary="요약", body="<p>고친 문장.</p>")

    assert response.status_code == 200
    assert response.json()["message"].startswith("자동 저장됨 ")
    copy = AutosavedCopy.objects.get()
    assert (copy.user, copy.article, copy.headline, copy.summary, copy.body) == (
        yoon,
        draft,
        "고친 제목",
        "요약",
        "<p>고친 문장.</p>",
    )
    assert copy.loaded_version == saved_before
    article = Article.objects.get(pk=draft.pk)
    assert (article.headline, article.body, article.updated_at) == ("초안 제목", "<p>처음 문장.</p>", saved_before)
    assert Version.objects.count() == versions_before


def test_each_autosave_replaces_the_copy_before(yoon, draft):
    client = opened(yoon)

    autosave(client, draft, headline="첫 번째")
    autosave(client, draft, headline="두 번째")

    assert list(AutosavedCopy.objects.values_list("headline", flat=True)) == ["두 번째"]


def test_the_body_is_kept_cleaned_as_the_article_would_be(yoon, draft):
    autosave(opened(yoon), draft, body='<p onclick="steal()">문장<script>steal()</script></p>')

    assert AutosavedCopy.objects.get().body == "<p>문장</p>"


def test_a_new_article_is_kept_as_one_copy_per_editor(yoon, desk):
    autosave(opened(yoon), None, headline="새 기사 첫 제목")
    autosave(opened(yoon), None, headline="새 기사 둘째 제목")
    autosave(opened(desk), None, headline="데스크의 새 기사")

    kept = AutosavedCopy.objects.order_by("user__username").values_list("user__username", "article", "headline")
    assert list(kept) == [("desk", None, "데스크의 새 기사"), ("yoon", None, "새 기사 둘째 제목")]


def test_another_reporters_draft_is_refused(yoon, make_article, make_reporter):
    theirs = make_article("남의 초안", status=Article.Status.DRAFT, reporters=[make_reporter("이종화")])

    response = autosave(opened(yoon), theirs, headline="몰래 고친 제목")

    assert response.status_code == 404
    assert response.json()["error"] == "기사를 찾을 수 없어 자동 저장하지 않았습니다."
    assert not AutosavedCopy.objects.exists()


def test_a_draft_handed_to_the_desk_is_no_longer_autosaved_for_its_reporter(yoon, draft):
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.SUBMITTED)

    response = autosave(opened(yoon), draft, headline="넘긴 뒤에 고친 제목")

    assert response.status_code == 403
    assert response.json()["error"] == "지금은 고칠 수 없는 기사라 자동 저장하지 않았습니다."
    assert not AutosavedCopy.objects.exists()


def test_an_article_under_someone_elses_lock_is_refused(yoon, desk, draft):
    locking.touch(draft, desk)

    response = autosave(opened(yoon), draft, headline="잠긴 동안 고친 제목")

    assert response.status_code == 409
    assert response.json()["error"] == "desk 님이 편집 중이라 자동 저장하지 않았습니다."
    assert not AutosavedCopy.objects.exists()


def test_an_expired_lock_or_my_own_does_not_stop_autosave(yoon, desk, draft):
    locking.touch(draft, desk, now=timezone.now() - timedelta(seconds=locking.LOCK_SECONDS + 1))
    assert autosave(opened(yoon), draft, headline="만료된 뒤").status_code == 200
    locking.touch(draft, yoon)
    assert autosave(opened(yoon), draft, headline="내 잠금").status_code == 200


def test_a_copy_of_a_form_opened_before_someone_elses_save_is_refused(yoon, desk, draft, change):
    loaded = Article.objects.get(pk=draft.pk).updated_at.isoformat()
    autosave(opened(yoon), draft, headline="윤슬이 먼저 고친 제목", loaded_version=loaded)
    change(opened(desk), draft, headline="데스크가 저장한 제목")

    response = autosave(opened(yoon), draft, headline="윤슬이 나중에 고친 제목", loaded_version=loaded)

    assert response.status_code == 409
    answer = response.json()
    assert answer["stale"] is True
    assert answer["error"].startswith("desk 님이 ")
    assert "에 먼저 저장해서 자동 저장하지 않았습니다." in answer["error"]
    assert list(AutosavedCopy.objects.values_list("headline", flat=True)) == ["윤슬이 먼저 고친 제목"]
    assert Article.objects.get(pk=draft.pk).headline == "데스크가 저장한 제목"


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        json.dumps({"article": "1", "headline": "제목"}).encode(),
        json.dumps({"article": 10**40, "headline": "제목"}).encode(),
        json.dumps({"article": None, "headline": ["제목"]}).encode(),
        "\ud800".encode("utf-8", "surrogatepass"),
    ],
)
def test_a_malformed_request_is_refused_with_a_message(yoon, body):
    response = opened(yoon).post(URL, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"] == "자동 저장 요청을 읽을 수 없습니다. 페이지를 새로 고쳐 주세요."
    assert not AutosavedCopy.objects.exists()


@pytest.mark.parametrize("loaded_version", ["", "어제", "2026-12-02T18:00:00", "2999-01-01T00:00:00+00:00"])
def test_a_copy_without_a_believable_loaded_version_is_refused(yoon, draft, loaded_version):
    response = autosave(opened(yoon), draft, headline="제목", loaded_version=loaded_version)

    assert response.status_code == 400
    assert response.json()["error"] == "불러온 기사의 저장 시각이 올바르지 않습니다. 페이지를 새로 고쳐 주세요."


def test_a_huge_copy_is_refused_before_it_is_kept(yoon, draft):
    response = autosave(opened(yoon), draft, body="<p>" + "가" * 400_000 + "</p>")

    assert response.status_code == 400
    assert response.json()["error"] == "자동 저장본이 너무 큽니다 (2MB까지). 저장 단추로 저장해 주세요."
    assert not AutosavedCopy.objects.exists()


def test_a_headline_longer_than_an_article_takes_is_refused(yoon, draft):
    response = autosave(opened(yoon), draft, headline="가" * 201)

    assert response.status_code == 400
    assert response.json()["error"] == "제목은 200자까지 쓸 수 있어 자동 저장하지 않았습니다."


def test_autosave_takes_only_a_post_with_the_csrf_token(yoon, draft):
    client = opened(yoon, enforce_csrf_checks=True)

    assert client.get(URL).status_code == 405
    assert autosave(client, draft, headline="토큰 없이").status_code == 403
    assert not AutosavedCopy.objects.exists()


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login(db, draft):
    response = autosave(Client(), draft, headline="로그인 없이")

    assert response.status_code == 302
    assert not AutosavedCopy.objects.exists()


def test_saving_the_article_deletes_the_editors_copy(yoon, draft, change):
    client = opened(yoon)
    autosave(client, draft, headline="자동 저장된 제목")

    response = change(client, draft, headline="저장한 제목", status=Article.Status.DRAFT)

    assert response.status_code == 302
    assert not AutosavedCopy.objects.exists()


def test_adding_the_article_deletes_the_editors_new_article_copy(yoon, section, reporter, article_form):
    client = opened(yoon)
    autosave(client, None, headline="새 기사")

    response = client.post(
        "/admin/articles/article/add/", article_form(section, reporters=[reporter], status="draft", headline="새 기사")
    )

    assert response.status_code == 302
    assert not AutosavedCopy.objects.exists()


def test_reopening_the_form_offers_a_copy_newer_than_the_last_save(yoon, draft):
    client = opened(yoon)
    autosave(client, draft, headline="닫히기 전에 고친 제목", body="<p>닫히기 전 문장.</p>")

    page = client.get(f"/admin/articles/article/{draft.pk}/change/")

    assert "저장하지 않은 자동 저장본이 있습니다" in page.text
    assert "자동 저장본 되살리기" in page.text
    assert "버리기" in page.text
    offered = offered_fields(page)
    assert offered["headline"] == "닫히기 전에 고친 제목"
    assert offered["body"] == "<p>닫히기 전 문장.</p>"


def test_no_copy_is_offered_when_the_article_was_saved_since(yoon, desk, draft, change):
    client = opened(yoon)
    autosave(client, draft, headline="닫히기 전에 고친 제목")
    change(opened(desk), draft, headline="데스크가 저장한 제목")

    page = client.get(f"/admin/articles/article/{draft.pk}/change/")

    assert "자동 저장본 되살리기" not in page.text
    assert 'id="autosave-status"' in page.text  # autosave goes on from the article as it is now


def test_a_copy_is_offered_only_to_its_own_editor(yoon, desk, draft):
    autosave(opened(yoon), draft, headline="윤슬의 자동 저장본")

    page = opened(desk).get(f"/admin/articles/article/{draft.pk}/change/")

    assert "자동 저장본 되살리기" not in page.text
    assert "윤슬의 자동 저장본" not in page.text


def test_a_copy_that_only_repeats_the_article_is_not_offered(yoon, draft):
    autosave(opened(yoon), draft, headline="초안 제목", body="<p>처음 문장.</p>")

    page = opened(yoon).get(f"/admin/articles/article/{draft.pk}/change/")

    assert "자동 저장본 되살리기" not in page.text


def test_the_add_form_offers_the_new_article_copy(yoon):
    autosave(opened(yoon), None, headline="쓰다 만 새 기사")

    page = opened(yoon).get("/admin/articles/article/add/")

    assert "자동 저장본 되살리기" in page.text
    assert offered_fields(page)["headline"] == "쓰다 만 새 기사"


def test_discarding_deletes_the_copy(yoon, draft):
    client = opened(yoon)
    autosave(client, draft, headline="버릴 제목")

    response = client.post(URL, json.dumps({"article": draft.pk, "discard": True}), content_type="application/json")

    assert response.json() == {"message": "자동 저장본을 버렸습니다."}
    assert not AutosavedCopy.objects.exists()


def test_discarding_is_refused_for_an_article_the_editor_may_not_edit(yoon, desk, make_article, make_reporter):
    theirs = make_article("남의 초안", status=Article.Status.DRAFT, reporters=[make_reporter("이종화")])
    AutosavedCopy.objects.create(user=desk, article=theirs, headline="데스크의 자동 저장본", saved_at=timezone.now())

    discard = json.dumps({"article": theirs.pk, "discard": True})
    response = opened(yoon).post(URL, discard, content_type="application/json")

    assert response.status_code == 404
    assert AutosavedCopy.objects.count() == 1


def test_the_form_autosaves_at_the_configured_interval(yoon, draft, settings):
    settings.ARTICLE_AUTOSAVE_SECONDS = 7

    page = opened(yoon).get(f"/admin/articles/article/{draft.pk}/change/")

    assert f'data-article="{draft.pk}"' in page.text
    assert 'data-interval="7000"' in page.text


def test_a_read_only_article_has_no_autosave(yoon, make_article, make_reporter):
    released = make_article("남의 출고 기사", reporters=[make_reporter("이종화")])

    page = opened(yoon).get(f"/admin/articles/article/{released.pk}/change/")

    assert page.status_code == 200
    assert 'id="autosave-status"' not in page.text


def test_an_autosave_reads_and_writes_a_fixed_number_of_rows(yoon, draft, make_article, django_assert_num_queries):
    client = opened(yoon)
    autosave(client, draft, headline="첫 자동 저장")  # the copy exists: from here on each autosave replaces it

    loaded = Article.objects.get(pk=draft.pk).updated_at.isoformat()

    def autosave_counted() -> None:
        # session, user, the user's permissions (2: own and groups'), the article as the user may open it,
        # its bylines (may the user edit it), someone else's lock, and keeping the copy: savepoint, the copy
        # locked, its update, savepoint released
        with django_assert_num_queries(11):
            assert autosave(client, draft, headline="다시 자동 저장", loaded_version=loaded).status_code == 200

    autosave_counted()
    for n in range(20):
        other = make_article(f"다른 기사 {n}", status=Article.Status.DRAFT)
        AutosavedCopy.objects.create(user=yoon, article=other, headline="다른 자동 저장본", saved_at=timezone.now())
    autosave_counted()

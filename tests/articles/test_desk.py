"""Roles on the server: what a reporter (기자), the desk (데스크) and an admin (관리자) may do to an article."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.models import Article, Reporter


@pytest.fixture
def lee(make_member, make_reporter) -> User:
    user = make_member("lee", "기자")
    make_reporter("이종화", user=user)
    return user


@pytest.fixture
def chief(make_member) -> User:
    return make_member("chief", "관리자")


def test_the_three_roles_exist_with_what_each_may_do(db):
    def perms(role):
        return {f"{p.content_type.app_label}.{p.codename}" for p in Group.objects.get(name=role).permissions.all()}

    assert {"articles.add_article", "articles.change_article"} <= perms("기자")
    assert "articles.publish_article" not in perms("기자")
    assert "articles.delete_article" not in perms("기자")
    assert "articles.publish_article" in perms("데스크")
    assert "articles.delete_published_article" not in perms("데스크")
    assert {"articles.delete_published_article", "auth.change_user"} <= perms("관리자")


def test_a_reporter_writes_a_draft_and_a_posted_release_changes_nothing(client, yoon, reporter, section, article_form):
    client.force_login(yoon)
    form = article_form(section, reporters=[reporter], status="published")
    form.update({"published_at_0": "2026-01-04", "published_at_1": "09:00:00"})

    response = client.post("/admin/articles/article/add/", form)

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.published_at, article.created_by) == ("draft", None, yoon)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_reporter_submits_to_the_desk_and_can_no_longer_edit(client, yoon, make_article, change):
    draft = make_article("내 초안", status=Article.Status.DRAFT)
    client.force_login(yoon)

    change(client, draft, _submit="저장하고 데스크에 넘기기")
    draft.refresh_from_db()
    refused = change(client, draft, headline="넘긴 뒤 고친 제목")

    assert draft.status == Article.Status.SUBMITTED
    assert refused.status_code == 403
    draft.refresh_from_db()
    assert draft.headline == "내 초안"


def test_a_reporter_cannot_see_or_touch_another_reporters_draft(client, yoon, lee, make_article, make_reporter, change):
    theirs = make_article("이종화의 초안", status=Article.Status.DRAFT, reporters=[Reporter.objects.get(user=lee)])
    client.force_login(yoon)

    listing = client.get("/admin/articles/article/")
    opened = client.get(f"/admin/articles/article/{theirs.pk}/change/")
    posted = change(client, theirs, headline="몰래 고친 제목")
    previewed = client.get(f"/admin/articles/article/{theirs.pk}/preview/")
    found = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "relatedpick", "field_name": "to_article", "term": "이종화"},
    )

    assert "이종화의 초안" not in listing.text
    assert opened.status_code == 302  # the admin's "no such article" redirect
    assert posted.status_code == 302
    assert previewed.status_code == 404
    assert found.json()["results"] == []
    theirs.refresh_from_db()
    assert theirs.headline == "이종화의 초안"


def test_a_reporter_reads_a_released_article_but_cannot_change_or_withdraw_it(client, yoon, make_article, change):
    live = make_article("출고된 기사")
    client.force_login(yoon)

    assert client.get(f"/admin/articles/article/{live.pk}/change/").status_code == 200
    assert change(client, live, headline="고친 제목").status_code == 403
    client.post("/admin/articles/article/", {"action": "unpublish_selected", "_selected_action": [live.pk]})
    client.post(f"/admin/articles/article/{live.pk}/delete/", {"post": "yes"})

    live.refresh_from_db()
    assert (live.headline, live.status) == ("출고된 기사", Article.Status.PUBLISHED)


def test_a_reporter_cannot_release_by_bulk_action(client, yoon, make_article):
    draft = make_article("내 초안", status=Article.Status.DRAFT)
    client.force_login(yoon)

    client.post("/admin/articles/article/", {"action": "publish_selected", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_the_desk_returns_an_article_only_with_a_note(client, desk, make_article, change):
    submitted = make_article("데스크 대기 기사", status=Article.Status.SUBMITTED)
    client.force_login(desk)

    without_note = change(client, submitted, status="returned")
    with_note = change(client, submitted, status="returned", review_note="출처를 보강해 주세요.")

    assert "반려할 때는 기자에게 남길 메모를 적어 주세요." in without_note.text
    assert with_note.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_note) == ("returned", "출처를 보강해 주세요.")


def test_the_desk_schedules_a_release_that_readers_see_only_from_that_time(client, desk, make_article, change):
    submitted = make_article("예약 기사", status=Article.Status.SUBMITTED)
    at = timezone.localtime() + timedelta(minutes=5)
    client.force_login(desk)

    change(client, submitted, status="published", published_at_0=f"{at:%Y-%m-%d}", published_at_1=f"{at:%H:%M:%S}")

    submitted.refresh_from_db()
    assert submitted.state_label == "예약 출고"
    client.logout()
    assert client.get(submitted.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=submitted.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(submitted.get_absolute_url()).status_code == 200


def test_an_end_time_takes_the_article_off_every_public_surface(client, make_article):
    neighbour = make_article("이웃 기사")
    ending = make_article("기한 지난 기사", ends_at=timezone.now() - timedelta(seconds=1))

    assert client.get(ending.get_absolute_url()).status_code == 404
    page = client.get(neighbour.get_absolute_url()).text
    assert "기한 지난 기사" not in page
    assert "관련기사 더보기" not in page
    assert "기한 지난 기사" not in client.get("/").text


def test_the_desk_withdraws_a_released_article(client, desk, make_article):
    live = make_article("내릴 기사")
    client.force_login(desk)

    client.post("/admin/articles/article/", {"action": "unpublish_selected", "_selected_action": [live.pk]})

    live.refresh_from_db()
    assert live.status == Article.Status.WITHDRAWN
    client.logout()
    assert client.get(live.get_absolute_url()).status_code == 404


def test_only_an_admin_deletes_a_released_article(client, desk, chief, make_article):
    live = make_article("출고된 기사")

    client.force_login(desk)
    refused = client.post(f"/admin/articles/article/{live.pk}/delete/", {"post": "yes"})
    client.force_login(chief)
    allowed = client.post(f"/admin/articles/article/{live.pk}/delete/", {"post": "yes"})

    assert refused.status_code == 403
    assert allowed.status_code == 302
    assert not Article.objects.filter(pk=live.pk).exists()


def test_bulk_delete_of_a_released_article_is_refused_without_the_admin_role(client, make_article, make_member):
    editor = make_member("deleter", "데스크")
    editor.user_permissions.add(
        *__import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.filter(
            codename="delete_article"
        )
    )
    live = make_article("출고된 기사")
    client.force_login(editor)

    client.post("/admin/articles/article/", {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes"})

    assert Article.objects.filter(pk=live.pk).exists()


def test_preview_shows_an_unreleased_article_to_those_who_may_edit_it(client, yoon, desk, make_article):
    draft = make_article("미리 볼 초안", status=Article.Status.DRAFT)
    url = f"/admin/articles/article/{draft.pk}/preview/"

    anonymous = client.get(url)
    client.force_login(yoon)
    own = client.get(url)
    client.force_login(desk)
    by_desk = client.get(url)

    assert anonymous.status_code == 302
    assert own.status_code == 200
    assert "미리보기 · 상태: 작성중 · 아직 독자에게 보이지 않습니다" in own.text
    assert '<p class="byline">[뉴스스페이스=윤슬 기자]</p>' in own.text
    assert by_desk.status_code == 200


def test_the_preview_of_an_article_never_released_says_so_where_the_time_goes(client, desk, make_article):
    draft = make_article("미리 볼 초안", status=Article.Status.DRAFT, published_at=None)
    client.force_login(desk)

    page = client.get(f"/admin/articles/article/{draft.pk}/preview/").text

    assert "<li>출고 전</li>" in page
    assert "<li>입력 <time" not in page


def test_release_needs_alt_text_on_the_lead_photo_and_on_body_images(client, desk, make_article, change):
    from demo.images import lead_image
    from photos.models import Photo

    upload = lead_image("alt")
    upload.name = "lead.jpg"
    photo = Photo.objects.create_from_upload(upload, alt_text="")
    article = make_article("사진 기사", status=Article.Status.SUBMITTED, lead_photo=photo)
    client.force_login(desk)

    no_lead_alt = change(client, article, status="published", lead_photo=photo.pk)
    Photo.objects.filter(pk=photo.pk).update(alt_text="서울 도심 전경")
    no_body_alt = change(client, article, status="published", lead_photo=photo.pk, body='<p>글</p><img src="/a.jpg">')
    with_alt = change(client, article, status="published", lead_photo=photo.pk, body='<img src="/a.jpg" alt="지도">')

    assert "사진의 대체 텍스트를 입력해야 출고할 수 있습니다." in no_lead_alt.text
    assert "본문 사진마다 대체 텍스트(alt)가 있어야 출고할 수 있습니다." in no_body_alt.text
    assert with_alt.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


@pytest.mark.parametrize(
    "typed", ["https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "dQw4w9WgXcQ"]
)
def test_a_video_is_stored_as_its_youtube_id_and_rendered_by_the_page(client, desk, make_article, typed, change):
    article = make_article("영상 기사", status=Article.Status.SUBMITTED)
    client.force_login(desk)

    change(client, article, status="published", video_youtube_id=typed)

    article.refresh_from_db()
    assert article.video_youtube_id == "dQw4w9WgXcQ"
    client.logout()
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in client.get(article.get_absolute_url()).text


def test_anything_but_a_youtube_video_is_refused(client, desk, make_article, change):
    article = make_article("영상 기사", status=Article.Status.SUBMITTED)
    client.force_login(desk)

    response = change(client, article, video_youtube_id='https://evil.example/"><script>x</script>')

    assert "유튜브 영상 주소나 ID가 아닙니다." in response.text
    article.refresh_from_db()
    assert article.video_youtube_id == ""


def test_the_ui_offers_a_reporter_no_release_controls_and_the_desk_all_of_them(client, yoon, desk, make_article):
    draft = make_article("내 초안", status=Article.Status.DRAFT)
    url = f"/admin/articles/article/{draft.pk}/change/"

    client.force_login(yoon)
    reporter_form, reporter_list = client.get(url).text, client.get("/admin/articles/article/").text
    client.force_login(desk)
    desk_form, desk_list = client.get(url).text, client.get("/admin/articles/article/").text

    assert '<select name="status"' not in reporter_form
    assert 'name="published_at_0"' not in reporter_form
    assert "저장하고 데스크에 넘기기" in reporter_form
    assert "선택한 기사 출고" not in reporter_list
    assert '<select name="status"' in desk_form
    assert 'name="published_at_0"' in desk_form
    assert "선택한 기사 출고" in desk_list

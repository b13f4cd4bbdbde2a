"""Crafted requests that must not get round the roles or lose anyone's edit."""

from datetime import timedelta

from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Byline, RelatedPick, Reporter
from demo.images import lead_image
from photos.models import Photo


def photo_by(user, alt: str = "사진") -> Photo:
    upload = lead_image(alt)
    upload.name = "p.jpg"
    return Photo.objects.create_from_upload(upload, alt_text=alt, user=user)


def test_a_version_of_another_object_with_the_same_id_cannot_be_restored(client, yoon, desk, make_article, change):
    mine = make_article("내 초안", status=Article.Status.DRAFT)
    theirs = make_article("남의 기사", reporters=[Reporter.objects.create(name="이종화")])
    client.force_login(desk)
    change(client, theirs)  # a revision holding theirs and its byline
    byline_version = Version.objects.get_for_model(Byline).filter(object_id=str(theirs.bylines.get().pk)).first()
    client.force_login(yoon)

    response = client.post(f"/admin/articles/article/{mine.pk}/history/{byline_version.pk}/", {})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.headline, theirs.status) == ("남의 기사", Article.Status.PUBLISHED)


def test_bulk_actions_give_each_article_its_own_revision(client, desk, make_article):
    first = make_article("첫째", status=Article.Status.SUBMITTED)
    second = make_article("둘째", status=Article.Status.SUBMITTED)
    client.force_login(desk)

    client.post("/admin/articles/article/", {"action": "publish_selected", "_selected_action": [first.pk, second.pk]})

    revisions = {
        version.revision_id for article in (first, second) for version in Version.objects.get_for_object(article)
    }
    assert len(revisions) == 2


def test_bulk_release_runs_the_same_checks_as_the_form(client, desk, make_article):
    no_alt = make_article("사진 기사", status=Article.Status.SUBMITTED, body='<p>글</p><img src="/a.jpg">')
    ended = make_article("지난 기사", status=Article.Status.SUBMITTED, ends_at=timezone.now() - timedelta(days=1))
    client.force_login(desk)

    response = client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [no_alt.pk, ended.pk]},
        follow=True,
    )

    assert "본문 사진마다 대체 텍스트(alt)가 있어야 출고할 수 있습니다." in response.text
    assert response.status_code == 200
    assert not Article.objects.filter(pk__in=[no_alt.pk, ended.pk], status=Article.Status.PUBLISHED).exists()


def test_a_reporter_cannot_pick_or_reveal_another_reporters_draft_by_posting_its_id(client, yoon, make_article, change):
    secret = make_article(
        "남의 초안 제목", status=Article.Status.DRAFT, reporters=[Reporter.objects.create(name="이종화")]
    )
    mine = make_article("내 초안", status=Article.Status.DRAFT)
    client.force_login(yoon)

    response = change(client, mine, **{"related_picks-TOTAL_FORMS": "1", "related_picks-0-to_article": secret.pk})

    assert response.status_code == 200
    assert "남의 초안 제목" not in response.text
    assert not RelatedPick.objects.exists()


def test_a_reporter_does_not_see_an_embargoed_article_before_its_time(client, yoon, make_article):
    make_article("엠바고 기사", published_at=timezone.now() + timedelta(hours=1), reporters=[])
    client.force_login(yoon)

    assert "엠바고 기사" not in client.get("/admin/articles/article/").text


def test_a_reporter_sees_only_their_own_photos(client, yoon, desk):
    photo_by(desk, "데스크가 올린 사진")
    photo_by(yoon, "내가 올린 사진")
    client.force_login(yoon)

    listing = client.get("/admin/photos/photo/").text

    assert "내가 올린 사진" in listing
    assert "데스크가 올린 사진" not in listing


def test_a_restore_posted_after_someone_elses_save_is_refused_and_kept(
    client, desk, make_article, change, change_via_revision, make_member
):
    article = make_article("원래 제목", status=Article.Status.SUBMITTED)
    client.force_login(desk)
    change(client, article, headline="첫 저장")
    old = Version.objects.get_for_object(article).first()
    stale_stamp = Article.objects.get(pk=article.pk).updated_at.isoformat()  # the restore page is opened now
    other = make_member("desk2", "데스크")
    client.force_login(other)
    change(client, article, headline="다른 사람이 고친 제목")

    client.force_login(desk)
    response = change_via_revision(client, article, old, headline="첫 저장", loaded_version=stale_stamp)

    assert response.status_code == 200
    assert "먼저 저장해서 이 저장은 반영하지 않았습니다" in response.text
    assert Article.objects.get(pk=article.pk).headline == "다른 사람이 고친 제목"


def test_a_save_refused_because_the_article_went_to_the_desk_keeps_the_text(client, yoon, make_article, change):
    article = make_article("내 기사", status=Article.Status.SUBMITTED)
    client.force_login(yoon)

    response = change(client, article, body="<p>넘긴 뒤에 쓴 문장.</p>")

    assert response.status_code == 403
    kept = article.kept_edits.get()
    assert (kept.user, kept.body) == (yoon, "<p>넘긴 뒤에 쓴 문장.</p>")


def test_a_reporter_corrects_the_alt_text_of_their_own_photo_but_not_anothers(client, yoon, desk):
    mine, theirs = photo_by(yoon, "틀린 설명"), photo_by(desk, "데스크 사진")
    client.force_login(yoon)

    client.post(f"/admin/photos/photo/{mine.pk}/change/", {"alt_text": "광화문 광장", "caption": "", "credit": ""})
    refused = client.post(
        f"/admin/photos/photo/{theirs.pk}/change/", {"alt_text": "바꾼 설명", "caption": "", "credit": ""}
    )

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.alt_text == "광화문 광장"
    assert refused.status_code == 403
    assert theirs.alt_text == "데스크 사진"

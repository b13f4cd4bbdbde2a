"""Notifications: the desk returns, releases or schedules an article, and its reporters and its creator are told at
the top of every admin page, until they mark it read."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from articles.history import save_in_revision
from articles.models import Article, Reporter
from desk.models import Notification


@pytest.fixture
def sent(make_article, yoon):
    """윤슬's article, waiting for the desk."""
    return make_article("한파 특보 발효", status=Article.Status.SUBMITTED, created_by=yoon)


def notices(user) -> list[tuple[str, str, str]]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", "article__headline", "note"))


def test_returning_with_a_note_notifies_the_reporter_not_the_desk(client, desk, yoon, sent, change):
    client.force_login(desk)

    response = change(client, sent, status="returned", review_note="기상청 발표 시각을 넣어 주세요.")

    assert response.status_code == 302
    assert notices(yoon) == [("returned", "한파 특보 발효", "기상청 발표 시각을 넣어 주세요.")]
    assert notices(desk) == []


def test_the_reporter_sees_the_return_and_its_note_at_the_top_of_an_admin_page(client, desk, yoon, sent, change):
    client.force_login(desk)
    change(client, sent, status="returned", review_note="기상청 발표 시각을 넣어 주세요.")
    client.force_login(yoon)

    page = client.get("/admin/articles/article/").text

    assert "새 알림" in page
    assert "‘한파 특보 발효’ 기사가 반려되었습니다." in page
    assert "기상청 발표 시각을 넣어 주세요." in page
    assert page.index("새 알림") < page.index('id="changelist"')
    assert "모두 읽음으로 표시" in page


def test_a_release_by_bulk_action_notifies_every_reporter_on_the_byline_and_the_creator(
    client, desk, yoon, lee, make_member, make_article
):
    lee_user, lee_byline = lee
    writer = make_member("writer", "기자")
    article = make_article(
        "공동 취재 기사", status=Article.Status.SUBMITTED, reporters=[Reporter.objects.get(user=yoon), lee_byline]
    )
    Article.objects.filter(pk=article.pk).update(created_by=writer)
    client.force_login(desk)

    response = client.post("/admin/articles/article/", {"action": "publish_selected", "_selected_action": [article.pk]})

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    for person in (yoon, lee_user, writer):
        assert notices(person) == [("released", "공동 취재 기사", "")]
    assert notices(desk) == []


def test_scheduling_notifies_with_the_time_of_release(client, desk, yoon, sent, change):
    client.force_login(desk)
    at = timezone.localtime() + timedelta(days=1)

    change(client, sent, status="published", published_at_0=f"{at:%Y-%m-%d}", published_at_1="06:00:00")

    notice = Notification.objects.get(recipient=yoon)
    assert notice.get_kind_display() == "예약 출고"
    assert timezone.localtime(notice.published_at).strftime("%H:%M") == "06:00"
    weekday = "월화수목금토일"[at.weekday()]
    expected = f"‘한파 특보 발효’ 기사가 {at.month}월 {at.day}일({weekday}) 06:00에 출고되도록 예약되었습니다."
    assert notice.message == expected


def test_a_rescheduled_release_notifies_again_but_an_edit_of_a_released_article_does_not(desk, yoon, make_article):
    later = timezone.now() + timedelta(hours=5)
    article = make_article("예약 기사", status=Article.Status.SUBMITTED, created_by=yoon)
    article.status, article.published_at = Article.Status.PUBLISHED, later
    save_in_revision(article, desk, "예약")
    article.published_at = later + timedelta(hours=1)
    save_in_revision(article, desk, "예약 시각 바꿈")
    article.headline = "예약 기사 (제목 고침)"
    save_in_revision(article, desk, "제목 고침")

    assert [kind for kind, _, _ in notices(yoon)] == ["scheduled", "scheduled"]

    released = make_article("출고된 기사", created_by=yoon)
    Notification.objects.all().delete()
    released.subheadline = "부제 추가"
    save_in_revision(released, desk, "부제 추가")

    assert notices(yoon) == []


def test_what_the_person_did_themselves_does_not_notify_them(client, make_member, make_article):
    desk_reporter = make_member("deskwriter", "데스크")
    byline = Reporter.objects.create(name="김데스크", user=desk_reporter)
    article = make_article("직접 쓴 기사", status=Article.Status.DRAFT, reporters=[byline], created_by=desk_reporter)

    save_in_revision(article, desk_reporter, "출고", save=article.publish)

    assert Notification.objects.count() == 0


def test_a_reporter_put_on_the_byline_in_the_releasing_save_is_notified(client, desk, yoon, reporter, section):
    client.force_login(desk)
    form = {
        "headline": "데스크가 쓰고 바로 출고",
        "section": section.pk,
        "body": "<p>본문.</p>",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-reporter": reporter.pk,
        "bylines-0-position": "0",
        "related_picks-TOTAL_FORMS": "0",
        "related_picks-INITIAL_FORMS": "0",
        "_save": "저장",
    }

    response = client.post("/admin/articles/article/add/", form)

    assert response.status_code == 302
    assert notices(yoon) == [("released", "데스크가 쓰고 바로 출고", "")]
    assert notices(desk) == []


def test_marking_one_read_takes_it_off_the_pages(client, desk, yoon, sent, change):
    client.force_login(desk)
    change(client, sent, status="returned", review_note="다시 써 주세요.")
    notice = Notification.objects.get(recipient=yoon)
    client.force_login(yoon)

    response = client.post(f"/admin/desk/notifications/{notice.pk}/read/", {"next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "새 알림" not in client.get("/admin/articles/article/").text


def test_marking_all_read(client, desk, yoon, make_article):
    for n in range(2):
        article = make_article(f"기사 {n}", status=Article.Status.SUBMITTED, created_by=yoon)
        article.status, article.review_note = Article.Status.RETURNED, "메모"
        save_in_revision(article, desk, "반려")
    client.force_login(yoon)

    response = client.post("/admin/desk/notifications/read/")

    assert response.status_code == 302
    assert Notification.objects.filter(recipient=yoon, read_at__isnull=True).count() == 0


def test_a_reporter_cannot_mark_anothers_notification_read(client, desk, yoon, lee, make_article):
    lee_user, lee_byline = lee
    article = make_article("이종화의 기사", status=Article.Status.SUBMITTED, reporters=[lee_byline])
    article.status, article.review_note = Article.Status.RETURNED, "메모"
    save_in_revision(article, desk, "반려")
    theirs = Notification.objects.get(recipient=lee_user)
    client.force_login(yoon)

    response = client.post(f"/admin/desk/notifications/{theirs.pk}/read/")
    client.post("/admin/desk/notifications/read/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_takes_a_post(client, yoon, desk, sent, change):
    client.force_login(desk)
    change(client, sent, status="returned", review_note="메모")
    notice = Notification.objects.get(recipient=yoon)
    client.force_login(yoon)

    assert client.get(f"/admin/desk/notifications/{notice.pk}/read/").status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_marking_read_needs_the_csrf_token(yoon, desk, sent):
    from django.test import Client

    sent.status, sent.review_note = Article.Status.RETURNED, "메모"
    save_in_revision(sent, desk, "반려")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(yoon)

    assert browser.post("/admin/desk/notifications/read/").status_code == 403
    assert Notification.objects.get(recipient=yoon).read_at is None


def test_the_top_of_a_page_shows_the_newest_three_and_says_there_are_more(client, desk, yoon, make_article):
    for n in range(5):
        article = make_article(f"반려 기사 {n}", status=Article.Status.SUBMITTED, created_by=yoon)
        article.status, article.review_note = Article.Status.RETURNED, "메모"
        save_in_revision(article, desk, "반려")
    client.force_login(yoon)

    page = client.get("/admin/articles/article/").text
    home = client.get("/admin/").text

    assert "반려 기사 4" in page and "반려 기사 2" in page and "‘반려 기사 1’" not in page
    assert "알림이 더 있습니다." in page
    assert "‘반려 기사 0’" in home  # the dashboard lists them all


def test_notifications_are_mailed_after_the_commit_when_turned_on(
    settings, desk, yoon, sent, django_capture_on_commit_callbacks
):
    settings.DESK_NOTIFY_EMAIL = True
    yoon.email = "yoon@newsspace.example"
    yoon.save()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent.status, sent.review_note = Article.Status.RETURNED, "출처를 밝혀 주세요."
        save_in_revision(sent, desk, "반려")
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()

    assert [message.to for message in mail.outbox] == [["yoon@newsspace.example"]]
    assert "반려되었습니다" in mail.outbox[0].subject
    assert "출처를 밝혀 주세요." in mail.outbox[0].body


def test_no_mail_by_default(desk, yoon, sent, django_capture_on_commit_callbacks):
    yoon.email = "yoon@newsspace.example"
    yoon.save()

    with django_capture_on_commit_callbacks(execute=True):
        sent.status, sent.review_note = Article.Status.RETURNED, "메모"
        save_in_revision(sent, desk, "반려")

    assert mail.outbox == []
    assert Notification.objects.filter(recipient=yoon).exists()


def test_a_mail_that_cannot_go_out_never_fails_the_save(settings, desk, yoon, sent, django_capture_on_commit_callbacks):
    settings.DESK_NOTIFY_EMAIL = True
    yoon.email = "yoon@newsspace.example"
    yoon.save()

    with (
        mock.patch("desk.signals.send_mail", side_effect=OSError("연결 거부")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sent.status, sent.review_note = Article.Status.RETURNED, "메모"
        save_in_revision(sent, desk, "반려")

    assert Article.objects.get(pk=sent.pk).status == Article.Status.RETURNED
    assert Notification.objects.filter(recipient=yoon).exists()

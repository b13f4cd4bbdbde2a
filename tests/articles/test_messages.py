"""What the desk reads after each save: the act it did, in Korean with the right particles, in the message and in
the article's history."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from articles.models import Article


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def submitted(make_article):
    return make_article("서울 첫눈 관측", status=Article.Status.SUBMITTED)


def test_releasing_says_released(client, desk, submitted, change):
    client.force_login(desk)

    response = change(client, submitted, status="published")

    assert said(response) == ["‘서울 첫눈 관측’을 출고했습니다. 지금 독자에게 보입니다."]


def test_scheduling_says_when(client, desk, submitted, change):
    client.force_login(desk)
    at = timezone.localtime(timezone.now() + timedelta(days=2)).replace(hour=9, minute=0, second=0)

    response = change(client, submitted, status="published", published_at_0=f"{at:%Y-%m-%d}", published_at_1="09:00:00")

    assert said(response) == [f"‘서울 첫눈 관측’을 {at.month}월 {at.day}일 09:00에 출고되도록 예약했습니다."]


def test_returning_says_returned(client, desk, submitted, change):
    client.force_login(desk)

    response = change(client, submitted, status="returned", review_note="출처를 더 적어 주세요.")

    assert said(response) == ["‘서울 첫눈 관측’을 반려했습니다. 기자가 데스크 메모를 봅니다."]


def test_withdrawing_says_withdrawn(client, desk, make_article, change):
    client.force_login(desk)
    live = make_article("반도체 호황 오나")

    response = change(client, live, status="withdrawn")

    assert said(response) == ["‘반도체 호황 오나’의 출고를 취소했습니다. 독자에게 더 이상 보이지 않습니다."]


def test_a_reporter_sending_to_the_desk_is_told_so(client, yoon, make_article, change):
    client.force_login(yoon)
    draft = make_article("반도체 호황 오나", status=Article.Status.DRAFT, created_by=yoon)

    response = change(client, draft, status="draft", _submit="저장하고 데스크에 넘기기")

    assert said(response) == ["‘반도체 호황 오나’를 데스크에 넘겼습니다. 데스크가 출고하거나 반려하면 알려 드립니다."]


def test_a_plain_save_says_saved(client, yoon, make_article, change):
    client.force_login(yoon)
    draft = make_article("반도체 호황 오나", status=Article.Status.DRAFT, created_by=yoon)

    response = change(client, draft, status="draft", summary="요약을 더했다.")

    assert said(response) == ["‘반도체 호황 오나’를 저장했습니다."]


def test_the_history_names_each_act_and_the_fields_with_their_particles(client, desk, submitted, change):
    client.force_login(desk)
    change(client, submitted, status="submitted", body="<p>고친 본문입니다.</p>")
    change(client, submitted, status="returned", review_note="출처를 더 적어 주세요.", body="<p>고친 본문입니다.</p>")
    edited = {"body": "<p>고친 본문입니다.</p>", "review_note": "출처를 더 적어 주세요."}
    change(client, submitted, status="published", headline="서울 첫눈 관측, 평년보다 빨라", **edited)

    page = client.get(f"/admin/articles/article/{submitted.pk}/history/").text

    assert "본문을 고쳤습니다." in page
    assert "반려. 상태, 데스크 메모를 고쳤습니다." in page
    assert "출고. 제목, 상태를 고쳤습니다." in page
    assert "본문가" not in page and "변경된 필드가 없습니다" not in page


def test_the_history_says_who_by_name_family_name_first(client, make_member, submitted, change):
    editor = make_member("park", "데스크")
    editor.first_name, editor.last_name = "지민", "박"
    editor.save()
    client.force_login(editor)
    change(client, submitted, status="submitted")

    page = client.get(f"/admin/articles/article/{submitted.pk}/history/").text

    assert '<td class="history-who">박지민</td>' in page


def test_editing_a_live_article_says_saved_not_released(client, desk, make_article, change):
    client.force_login(desk)
    live = make_article("반도체 호황 오나")  # released a moment ago, to the microsecond
    shown = timezone.localtime(live.published_at)  # as the form shows it: to the second

    response = change(
        client,
        live,
        headline="반도체 호황 오나(종합)",
        published_at_0=f"{shown:%Y-%m-%d}",
        published_at_1=f"{shown:%H:%M:%S}",
    )

    assert said(response) == ["‘반도체 호황 오나(종합)’를 저장했습니다."]


# What Django's own Korean writes where it cannot know the word before: 을/를, 이/가, 를(을) …
FALLBACK_PARTICLES = ("을/를", "이/가", "를(을)", "을(를)", "은/는", "와/과", "(으)로", "뷰 ", "보기위한")


def test_django_s_own_admin_messages_need_no_particle_guessed(client, make_member, make_article):
    chief = make_member("chief", "관리자")
    article = make_article("반도체 호황 오나")
    client.force_login(chief)

    missing = client.get("/admin/articles/article/99999/change/", follow=True).text
    deleting = client.get(f"/admin/articles/article/{article.pk}/delete/").text
    deleted = client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}, follow=True).text

    assert "번호 “99999”인 기사 항목이 없습니다." in missing
    assert "기사 “반도체 호황 오나” 항목을 정말 삭제할까요?" in deleting
    assert "기사 “반도체 호황 오나” 항목을 삭제했습니다." in deleted
    for page in (missing, deleting, deleted):
        assert not [form for form in FALLBACK_PARTICLES if form in page]


def test_a_reporter_s_read_only_pages_say_보기(client, yoon, make_article):
    client.force_login(yoon)
    released = make_article("반도체 호황 오나")

    page = client.get(f"/admin/articles/article/{released.pk}/change/").text
    kept = client.get("/admin/articles/keptedit/").text

    assert "기사 보기" in page
    assert "볼 보관된 편집 항목 선택" in kept
    for text in (page, kept):
        assert not [form for form in FALLBACK_PARTICLES if form in text]

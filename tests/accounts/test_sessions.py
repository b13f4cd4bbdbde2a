"""Staff sessions: they end after a working day idle, when the user's role or password changes, and when the user
or a 관리자 signs them out everywhere."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import StaffSession
from articles.models import Article, AutosavedCopy

IDLE = timedelta(seconds=settings.STAFF_SESSION_IDLE_SECONDS)
SIGNED_OUT = "9시간 넘게 사용하지 않아 로그아웃되었습니다. 다시 로그인해 주세요."


def is_signed_in(browser) -> bool:
    return browser.get("/admin/").status_code == 200


def login_page_after(response, browser) -> str:
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    return browser.get(response["Location"]).text


@pytest.fixture
def draft(make_article, yoon) -> Article:
    return make_article("반도체 수출 초안", status=Article.Status.DRAFT, created_by=yoon)


def autosave(browser, article: Article, **fields):
    payload = {"article": article.pk, "loaded_version": article.updated_at.isoformat(), **fields}
    return browser.post("/admin/articles/article/autosave/", json.dumps(payload), content_type="application/json")


# Idle


def test_the_default_idle_limit_is_nine_hours():
    assert settings.STAFF_SESSION_IDLE_SECONDS == 9 * 3600


def test_a_session_idle_past_the_limit_is_sent_to_the_login_page_saying_why(clock, signed_in, desk):
    browser = signed_in(desk)
    clock.shift(IDLE + timedelta(minutes=1))

    page = login_page_after(browser.get("/admin/"), browser)

    assert SIGNED_OUT in page
    assert not is_signed_in(browser)
    assert not StaffSession.objects.filter(user=desk).exists()


def test_a_session_used_within_the_limit_stays_signed_in_all_day_and_the_next(clock, signed_in, desk):
    browser = signed_in(desk)
    for _ in range(3):
        clock.shift(IDLE - timedelta(minutes=5))
        assert is_signed_in(browser)


def test_the_edit_locks_heartbeat_does_not_keep_a_session_alive(clock, signed_in, yoon, draft):
    browser = signed_in(yoon)
    assert browser.get(f"/admin/articles/article/{draft.pk}/change/").status_code == 200
    for _ in range(int(IDLE / timedelta(minutes=30))):  # the form left open on the desk
        clock.shift(timedelta(minutes=30))
        assert browser.post(f"/admin/articles/article/{draft.pk}/lock/").status_code == 200
    clock.shift(timedelta(minutes=30))

    assert SIGNED_OUT in login_page_after(browser.get("/admin/"), browser)


def test_a_heartbeat_after_the_limit_is_told_in_json_that_the_session_ended(clock, signed_in, yoon, draft):
    browser = signed_in(yoon)
    clock.shift(IDLE + timedelta(minutes=1))

    heartbeat = browser.post(f"/admin/articles/article/{draft.pk}/lock/")

    assert heartbeat.status_code == 403 and heartbeat.json()["signed_out"] is True
    assert SIGNED_OUT in login_page_after(browser.get("/admin/"), browser)  # told once back at the desk


def test_autosaving_what_is_typed_keeps_a_session_alive(clock, signed_in, yoon, draft):
    browser = signed_in(yoon)
    clock.shift(IDLE - timedelta(hours=1))
    assert autosave(browser, draft, headline="반도체 수출 고친 제목").status_code == 200
    clock.shift(IDLE - timedelta(hours=1))

    assert is_signed_in(browser)


def test_an_autosave_after_the_limit_is_refused_in_json_and_the_last_copy_is_offered_after_signing_in(
    clock, signed_in, yoon, draft
):
    browser = signed_in(yoon)
    clock.shift(timedelta(minutes=1))
    autosave(browser, draft, headline="퇴근 전에 고친 제목", body="<p>퇴근 전 문장.</p>")
    clock.shift(IDLE + timedelta(minutes=1))

    refused = autosave(browser, draft, headline="다음 날 고친 제목")

    assert refused.status_code == 403
    assert refused.json()["error"].startswith("9시간 넘게 사용하지 않아 로그아웃되었습니다.")
    assert AutosavedCopy.objects.get(user=yoon, article=draft).headline == "퇴근 전에 고친 제목"
    again = signed_in(yoon)
    form = again.get(f"/admin/articles/article/{draft.pk}/change/").text
    assert "저장하지 않은 자동 저장본이 있습니다 (3월 2일 09:01:00)." in form


def test_the_limit_is_a_setting(clock, signed_in, desk, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 30 * 60
    browser = signed_in(desk)
    clock.shift(timedelta(minutes=31))

    page = login_page_after(browser.get("/admin/"), browser)

    assert "30분 넘게 사용하지 않아 로그아웃되었습니다." in page


def test_a_readers_page_is_no_less_public_for_the_session_check(client, make_article):
    article = make_article("독자가 읽는 기사")

    page = client.get(article.get_absolute_url())

    assert "public" in page["Cache-Control"] and "Cookie" not in page.get("Vary", "")


# Where and since when


def test_a_sign_in_is_listed_on_the_users_page_for_a_manager_with_its_address_and_browser(
    clock, signed_in, desk, chief
):
    laptop = signed_in(desk, address="198.51.100.23")
    clock.shift(timedelta(minutes=90))
    laptop.get("/admin/")
    page = signed_in(chief).get(f"/admin/auth/user/{desk.pk}/change/").text

    assert "로그인한 기기" in page
    assert "<td>2026-03-02 09:00</td>" in page and "<td>2026-03-02 10:30</td>" in page
    assert "198.51.100.23" in page and "Chrome · Windows" in page
    assert "모든 기기에서 로그아웃시키기" in page


def test_signing_out_forgets_the_session(signed_in, desk):
    browser = signed_in(desk)
    browser.post("/admin/logout/")

    assert not StaffSession.objects.filter(user=desk).exists()


def test_last_activity_is_written_once_a_minute_at_most(clock, signed_in, desk):
    browser = signed_in(desk)
    clock.shift(timedelta(seconds=30))
    browser.get("/admin/")
    first = StaffSession.objects.get(user=desk).last_activity
    clock.shift(timedelta(seconds=40))
    browser.get("/admin/")

    assert StaffSession.objects.get(user=desk).last_activity - first == timedelta(seconds=70)


# Role and password changes


def user_form(user, **changes) -> dict:
    """The user admin's change form as it would be posted for `user`, with `changes`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "user_permissions": [],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_a_manager_changing_someones_role_in_the_admin_signs_them_out_everywhere(signed_in, desk, chief):
    laptop, phone, manager = signed_in(desk), signed_in(desk), signed_in(chief)
    reporters = str(Group.objects.get(name="기자").pk)

    saved = manager.post(f"/admin/auth/user/{desk.pk}/change/", user_form(desk, groups=[reporters]))

    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    assert list(desk.groups.values_list("name", flat=True)) == ["기자"]
    assert not is_signed_in(laptop) and not is_signed_in(phone)
    assert is_signed_in(manager)


@pytest.mark.parametrize("change", [{"is_staff": ""}, {"is_superuser": "on"}, {"is_active": ""}])
def test_a_manager_changing_someones_staff_superuser_or_active_box_signs_them_out(signed_in, desk, chief, change):
    laptop, manager = signed_in(desk), signed_in(chief)

    manager.post(f"/admin/auth/user/{desk.pk}/change/", user_form(desk, **change))

    assert not is_signed_in(laptop)


def test_saving_someone_with_their_role_unchanged_keeps_them_signed_in(signed_in, desk, chief):
    laptop, manager = signed_in(desk), signed_in(chief)

    manager.post(f"/admin/auth/user/{desk.pk}/change/", user_form(desk, first_name="데스크", last_name="박"))

    assert is_signed_in(laptop)


def test_a_role_changed_in_code_from_either_side_signs_the_user_out(signed_in, desk, yoon):
    desk_laptop, yoon_laptop = signed_in(desk), signed_in(yoon)

    Group.objects.get(name="데스크").user_set.remove(desk)
    yoon.groups.add(Group.objects.get(name="데스크"))

    assert not is_signed_in(desk_laptop) and not is_signed_in(yoon_laptop)


def test_a_password_set_by_a_manager_signs_the_user_out_everywhere(signed_in, desk, chief):
    laptop, manager = signed_in(desk), signed_in(chief)

    changed = manager.post(
        f"/admin/auth/user/{desk.pk}/password/",
        {"password1": "new-pw-for-tests-Xq7", "password2": "new-pw-for-tests-Xq7", "usable_password": "true"},
    )

    assert changed.status_code == 302
    assert not is_signed_in(laptop)
    assert is_signed_in(manager)


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(signed_in, desk):
    laptop, phone = signed_in(desk), signed_in(desk)

    changed = laptop.post(
        "/admin/password_change/",
        {
            "old_password": "pw-for-tests-only",
            "new_password1": "new-pw-for-tests-Xq7",
            "new_password2": "new-pw-for-tests-Xq7",
        },
    )

    assert changed.status_code == 302
    assert is_signed_in(laptop) and not is_signed_in(phone)
    assert StaffSession.objects.filter(user=desk).count() == 1  # the one kept, under its new key


def test_django_alone_refuses_other_sessions_after_a_password_change(signed_in, desk):
    """Without the rows (sessions signed in before they were recorded), the session's auth hash still does it."""
    phone = signed_in(desk)
    StaffSession.objects.all().delete()

    desk.set_password("new-pw-for-tests-Xq7")
    desk.save()

    assert not is_signed_in(phone)


# Signing out everywhere


def test_every_admin_page_has_the_sign_out_everywhere_button(signed_in, yoon):
    page = signed_in(yoon).get("/admin/").text

    assert 'action="/admin/accounts/staffsession/sign-out-everywhere/"' in page
    assert "모든 기기에서 로그아웃</button>" in page


def test_signing_out_everywhere_ends_every_session_of_mine_this_one_too(signed_in, yoon, desk):
    laptop, phone, colleague = signed_in(yoon), signed_in(yoon), signed_in(desk)

    response = laptop.post("/admin/accounts/staffsession/sign-out-everywhere/")

    assert "모든 기기에서 로그아웃했습니다 (2곳). 다시 로그인해 주세요." in login_page_after(response, laptop)
    assert not is_signed_in(laptop) and not is_signed_in(phone)
    assert is_signed_in(colleague)
    assert not StaffSession.objects.filter(user=yoon).exists()


def test_signing_out_everywhere_takes_a_post_only(signed_in, yoon):
    laptop = signed_in(yoon)

    assert laptop.get("/admin/accounts/staffsession/sign-out-everywhere/").status_code == 405
    assert is_signed_in(laptop)


def test_a_manager_signs_someone_out_everywhere_from_their_page(signed_in, desk, chief):
    laptop, phone, manager = signed_in(desk), signed_in(desk), signed_in(chief)

    response = manager.post(f"/admin/auth/user/{desk.pk}/sessions/end/")

    assert response.status_code == 302
    assert "Desk 님을 모든 기기에서 로그아웃시켰습니다 (2곳)." in manager.get(response["Location"]).text
    assert not is_signed_in(laptop) and not is_signed_in(phone)
    assert is_signed_in(manager)


def test_a_manager_signs_several_out_from_the_user_list(signed_in, desk, yoon, chief):
    desk_laptop, yoon_laptop, manager = signed_in(desk), signed_in(yoon), signed_in(chief)

    manager.post(
        "/admin/auth/user/",
        {"action": "sign_out_everywhere", "_selected_action": [str(desk.pk), str(yoon.pk), str(chief.pk)]},
    )

    assert not is_signed_in(desk_laptop) and not is_signed_in(yoon_laptop)
    assert is_signed_in(manager)


@pytest.mark.parametrize("who", ["yoon", "desk"])
def test_a_reporter_or_the_desk_cannot_sign_out_someone_else(signed_in, yoon, desk, chief, who):
    others = signed_in(chief)
    browser = signed_in(yoon if who == "yoon" else desk)

    response = browser.post(f"/admin/auth/user/{chief.pk}/sessions/end/")

    assert response.status_code == 403
    assert is_signed_in(others)


def test_a_reporter_has_no_sessions_list_to_see_on_anyones_page(signed_in, yoon, desk):
    assert signed_in(yoon).get(f"/admin/auth/user/{desk.pk}/change/").status_code in (302, 403)


# Queries


def test_the_session_check_adds_no_query_within_a_minute_and_two_writes_once_a_minute(
    clock, signed_in, desk, django_assert_num_queries
):
    browser = signed_in(desk)
    with CaptureQueriesContext(connection) as before:
        browser.get("/admin/")
    with django_assert_num_queries(len(before)):
        browser.get("/admin/")
    clock.shift(timedelta(minutes=1))

    # and the last activity: the StaffSession row's UPDATE; the session's UPDATE in its savepoint (3)
    with django_assert_num_queries(len(before) + 4):
        browser.get("/admin/")

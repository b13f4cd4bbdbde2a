"""Signing in to the admin: wrong passwords lock out one username from one address for a while (429 and when to
come back), never the whole office behind that address; 관리자 see and lift lockouts; every try is logged."""

import logging
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from django.utils import timezone

PASSWORD = "pw-for-tests-only"
OFFICE = "203.0.113.7"


def sign_in(username: str, password: str, address: str = OFFICE, client: Client | None = None, **headers):
    client = client or Client()
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


@pytest.fixture
def desk(make_member):
    return make_member("desk", "데스크")


@pytest.fixture
def reporter(make_member):
    return make_member("yoon", "기자")


def test_fifty_wrong_passwords_are_refused_with_429_before_the_tenth(desk, settings):
    statuses = [sign_in("desk", f"wrong-{n}").status_code for n in range(50)]

    limit = settings.LOGIN_FAILURE_LIMIT
    assert limit < 10
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(statuses[limit - 1 :]) == {429}


def test_the_lockout_page_says_in_korean_when_to_try_again(desk, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in("desk", "wrong")

    with time_machine.travel(timezone.now(), tick=False):
        page = sign_in("desk", "wrong")
        until = timezone.localtime(timezone.now() + timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES))

    assert page.status_code == 429
    assert "로그인이 잠시 잠겼습니다" in page.text
    assert f"{until:%H:%M} 이후" in page.text
    assert 0 < int(page["Retry-After"]) <= settings.LOGIN_COOLOFF_MINUTES * 60


def test_a_locked_account_cannot_sign_in_even_with_the_right_password_until_the_cool_off(desk, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in("desk", "wrong")

    assert sign_in("desk", PASSWORD).status_code == 429

    with time_machine.travel(timezone.now() + timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES, seconds=1)):
        signed_in = sign_in("desk", PASSWORD)
    assert signed_in.status_code == 302  # on to the second factor


def test_another_account_from_the_same_address_still_signs_in(desk, reporter, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 3):
        sign_in("desk", "wrong")

    client = Client()
    assert sign_in("yoon", PASSWORD, client=client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_same_account_from_another_address_still_signs_in(desk, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 3):
        sign_in("desk", "wrong", address=OFFICE)

    assert sign_in("desk", PASSWORD, address="198.51.100.20").status_code == 302


def test_a_right_password_starts_the_count_again(desk, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        sign_in("desk", "wrong")
    assert sign_in("desk", PASSWORD).status_code == 302

    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        sign_in("desk", "wrong")
    assert sign_in("desk", PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_each_reader_address_is_counted_apart(desk, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 1):
        sign_in("desk", "wrong", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert sign_in("desk", "wrong", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    other = sign_in("desk", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302


def test_a_guesser_cannot_dodge_the_lock_by_writing_x_forwarded_for_itself(desk, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in("desk", "wrong", address=OFFICE, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    assert sign_in("desk", "wrong", address=OFFICE, HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_sign_ins_and_failures_are_logged_with_the_address_and_never_the_password(desk, caplog):
    caplog.set_level(logging.INFO)
    sign_in("desk", "a-secret-guess")
    sign_in("desk", PASSWORD)

    logged = caplog.text
    assert f"failed sign-in: desk from {OFFICE}" in logged
    assert f"sign-in: desk from {OFFICE}" in logged
    assert "a-secret-guess" not in logged
    assert PASSWORD not in logged


def test_an_admin_sees_the_lockout_and_lifts_it(desk, make_member, client, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in("desk", "wrong")
    client.force_login(make_member("boss", "관리자"))

    listed = client.get("/admin/axes/accessattempt/")
    assert listed.status_code == 200
    assert "로그인 잠금" in listed.text
    assert OFFICE in listed.text and ">desk<" in listed.text
    lifted = client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True))},
        follow=True,
    )
    assert "잠금 1건을 풀었습니다" in lifted.text
    assert sign_in("desk", PASSWORD).status_code == 302


def test_the_failed_sign_ins_are_listed_for_an_admin_without_the_password(desk, make_member, client):
    sign_in("desk", "a-secret-guess")
    client.force_login(make_member("boss", "관리자"))

    page = client.get("/admin/axes/accessfailurelog/")
    assert page.status_code == 200
    assert "로그인 실패 기록" in page.text and OFFICE in page.text
    failure = AccessFailureLog.objects.get()
    detail = client.get(f"/admin/axes/accessfailurelog/{failure.pk}/change/")
    assert detail.status_code == 200 and ">desk<" in detail.text
    assert "a-secret-guess" not in detail.text


def test_a_desk_editor_cannot_see_or_lift_lockouts(desk, make_member, client, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in("desk", "wrong")
    client.force_login(make_member("other-desk", "데스크"))

    assert client.get("/admin/axes/accessattempt/").status_code == 403
    refused = client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True))},
    )
    assert refused.status_code == 403
    assert AccessAttempt.objects.count() == 1


def test_a_username_longer_than_any_account_s_is_refused_like_a_wrong_one(db):
    for length in (151, 256, 10_000):
        page = sign_in("가" * length, "wrong")
        assert page.status_code == 200

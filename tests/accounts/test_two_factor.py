"""The second factor: 데스크 and 관리자 give a code from an authenticator app after their password (or set one up
first, never refused), wrong codes are slowed down, backup codes work once, and a 관리자 resets a lost phone."""

import re
import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "pw-for-tests-only"


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the account's app shows, computed from the device's secret as the app does."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def password_step(username: str, next_url: str = "/admin/") -> Client:
    """A browser past the password: the login form sent, and the address it was sent on to opened."""
    client = Client()
    signed = client.post(
        f"/admin/login/?next={next_url}", {"username": username, "password": PASSWORD, "next": next_url}
    )
    assert signed.status_code == 302
    client.get(signed.url)
    return client


@pytest.fixture
def desk(make_member):
    return make_member("desk", "데스크")


@pytest.fixture
def desk_with_app(desk):
    TOTPDevice.objects.create(user=desk, name="인증 앱", confirmed=True)
    return desk


def test_a_desk_account_without_a_device_is_taken_to_set_one_up_before_the_admin(desk):
    client = password_step("desk")

    assert client.get("/admin/").url == "/admin/two-factor/setup/"
    assert client.get("/admin/articles/article/").url == "/admin/two-factor/setup/"
    setup = client.get("/admin/two-factor/setup/")
    assert setup.status_code == 200
    assert "인증 앱을 한 번 등록하세요" in setup.text
    assert "<svg" in setup.text and "인증 앱 등록용 QR 코드" in setup.text
    assert "데스크 대기" not in setup.text


def test_setting_up_with_a_code_from_the_app_shows_ten_backup_codes_and_opens_the_admin(desk):
    client = password_step("desk", next_url="/admin/articles/article/")
    page = client.get("/admin/two-factor/setup/")
    secret = re.search(r'<code class="two-factor__secret">([A-Z2-7 ]+)</code>', page.text).group(1)
    device = TOTPDevice.objects.get(user=desk, confirmed=False)
    from base64 import b32encode

    assert secret.replace(" ", "") == b32encode(device.bin_key).decode().rstrip("=")

    done = client.post("/admin/two-factor/setup/", {"code": code_of(device)})

    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\d{8})</code></li>", done.text)
    assert len(codes) == 10
    assert "다시 볼 수 없으니" in done.text
    assert '<a class="button" href="/admin/articles/article/">계속</a>' in done.text  # where the account was going
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=desk).confirmed


def test_a_wrong_code_at_set_up_keeps_the_same_qr_code_and_says_so(desk):
    client = password_step("desk")
    first = client.get("/admin/two-factor/setup/")

    wrong = client.post("/admin/two-factor/setup/", {"code": "000000"})

    assert wrong.status_code == 400
    assert "코드가 맞지 않습니다" in wrong.text
    assert re.search(r"two-factor__secret\">([^<]+)<", wrong.text).group(1) == re.search(
        r"two-factor__secret\">([^<]+)<", first.text
    ).group(1)
    assert client.get("/admin/").status_code == 302


def test_a_desk_account_with_an_app_gives_its_code_after_the_password(desk_with_app):
    client = password_step("desk", next_url="/admin/articles/article/")

    assert client.get("/admin/articles/article/").url == "/admin/two-factor/"
    asked = client.get("/admin/two-factor/")
    assert "인증 코드" in asked.text
    given = client.post("/admin/two-factor/", {"code": code_of(desk_with_app.totpdevice_set.get())})

    assert given.status_code == 302 and given.url == "/admin/articles/article/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_the_admin_stays_closed(desk_with_app):
    client = password_step("desk")
    device = desk_with_app.totpdevice_set.get()
    right = code_of(device)
    wrong = "123456" if right != "123456" else "654321"

    refused = client.post("/admin/two-factor/", {"code": wrong})

    assert refused.status_code == 400
    assert "코드가 맞지 않습니다" in refused.text
    assert client.get("/admin/").url == "/admin/two-factor/"


def test_wrong_codes_one_after_another_are_slowed_down_even_for_the_right_one(desk_with_app):
    client = password_step("desk")
    device = desk_with_app.totpdevice_set.get()
    client.post("/admin/two-factor/", {"code": "000001"})

    too_soon = client.post("/admin/two-factor/", {"code": code_of(device)})

    assert too_soon.status_code == 429
    assert "이후에 다시 입력하세요" in too_soon.text
    assert client.get("/admin/").url == "/admin/two-factor/"


def test_a_code_that_is_not_digits_gets_a_clear_message(desk_with_app):
    client = password_step("desk")

    for typed in ["abcdef", "12345", "1" * 21, "１２３４５６"]:
        page = client.post("/admin/two-factor/", {"code": typed})
        assert page.status_code == 400
        assert "6자리 인증 코드나 8자리 백업 코드" in page.text or "최대 20" in page.text


def test_a_backup_code_signs_in_once(desk_with_app):
    from accounts.twofactor import new_backup_codes

    code = new_backup_codes(desk_with_app)[0]

    first = password_step("desk")
    assert first.post("/admin/two-factor/", {"code": code}).status_code == 302
    assert first.get("/admin/").status_code == 200

    again = password_step("desk")
    assert again.post("/admin/two-factor/", {"code": code}).status_code == 400
    assert StaticToken.objects.filter(device__user=desk_with_app).count() == 9


def test_a_password_alone_cannot_put_a_new_phone_in_place_of_the_app(desk_with_app):
    client = password_step("desk")

    assert client.get("/admin/two-factor/setup/").url == "/admin/two-factor/"
    assert client.post("/admin/two-factor/setup/", {"code": "123456"}).url == "/admin/two-factor/"
    assert TOTPDevice.objects.filter(user=desk_with_app).count() == 1


def test_a_reporter_signs_in_with_the_password_alone_unless_the_setting_asks_for_more(make_member, settings):
    make_member("yoon", "기자")
    assert password_step("yoon").get("/admin/").status_code == 200

    settings.TWO_FACTOR_FOR_REPORTERS = True
    assert password_step("yoon").get("/admin/").url == "/admin/two-factor/setup/"


def test_a_reporter_who_set_up_an_app_of_their_own_is_asked_for_its_code(make_member):
    yoon = make_member("yoon", "기자")
    TOTPDevice.objects.create(user=yoon, name="인증 앱", confirmed=True)

    assert password_step("yoon").get("/admin/").url == "/admin/two-factor/"


def test_an_account_may_make_new_backup_codes_once_past_the_code(client, desk):
    client.force_login(desk)

    page = client.get("/admin/two-factor/account/")
    assert "2단계 인증을 쓰고 있습니다" in page.text
    renewed = client.post("/admin/two-factor/account/")
    assert len(re.findall(r"<li><code>(\d{8})</code></li>", renewed.text)) == 10


def test_an_admin_resets_a_lost_phone_and_the_next_sign_in_sets_up_again(client, desk_with_app, make_member):
    phone = Client()
    phone.force_login(desk_with_app)
    client.force_login(make_member("boss", "관리자"))

    done = client.post(
        "/admin/auth/user/", {"action": "reset_second_factor", "_selected_action": [desk_with_app.pk]}, follow=True
    )

    assert "2단계 인증을 초기화했습니다: desk." in done.text
    assert not TOTPDevice.objects.filter(user=desk_with_app).exists()
    assert phone.get("/admin/").url.startswith("/admin/login/")  # signed out where the lost phone was
    assert password_step("desk").get("/admin/").url == "/admin/two-factor/setup/"


def test_a_desk_editor_cannot_reset_anyone_s_second_factor(client, desk_with_app, make_member):
    client.force_login(make_member("other", "데스크"))

    refused = client.post(
        "/admin/auth/user/", {"action": "reset_second_factor", "_selected_action": [desk_with_app.pk]}
    )

    assert refused.status_code == 403
    assert TOTPDevice.objects.filter(user=desk_with_app).exists()


def test_the_code_page_never_sends_anyone_off_the_admin(desk_with_app):
    client = password_step("desk", next_url="https://evil.example/")
    given = client.post("/admin/two-factor/", {"code": code_of(desk_with_app.totpdevice_set.get())})

    assert given.url == "/admin/"


def test_a_reporter_who_chose_a_second_factor_may_turn_it_off_but_the_desk_may_not(client, make_member, desk):
    yoon = make_member("yoon", "기자")
    TOTPDevice.objects.create(user=yoon, name="인증 앱", confirmed=True)
    client.force_login(yoon)

    off = client.post("/admin/two-factor/account/", {"action": "turn_off"}, follow=True)

    assert "2단계 인증을 껐습니다" in off.text
    assert not TOTPDevice.objects.filter(user=yoon).exists()
    assert password_step("yoon").get("/admin/").status_code == 200

    client.force_login(desk)
    refused = client.post("/admin/two-factor/account/", {"action": "turn_off"}, follow=True)
    assert "끌 수 없습니다" in refused.text
    assert TOTPDevice.objects.filter(user=desk).exists()

"""Signing in to the desk in a real browser: the password, then the code an authenticator app computes from the
secret it was given; a desk account with no app yet sets one up from the QR code page before the admin opens."""

import base64
import time

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
PASSWORD = "pw-for-browser-tests"


def app_code(secret: bytes) -> str:
    """What an authenticator app shows for `secret` now: RFC 6238, 30-second steps, six digits."""
    totp = TOTP(secret, step=30, t0=0, digits=6)
    totp.time = time.time()
    return f"{totp.token():06d}"


@pytest.fixture
def desk(transactional_db) -> User:
    user = User.objects.create_user("desk", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="데스크"))
    return user


def type_password(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("사용자 이름:").fill("desk")
    page.get_by_label("비밀번호:").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()


def test_a_desk_account_without_an_app_sets_one_up_before_it_reaches_the_admin(live_server, page, desk):
    type_password(page, live_server)

    expect(page).to_have_url(f"{live_server.url}/admin/two-factor/setup/")
    expect(page.get_by_text("편집국에 들어가기 전에 인증 앱을 한 번 등록하세요")).to_be_visible()
    expect(page.locator(".two-factor__qr svg")).to_be_visible()
    expect(page.get_by_text("데스크 대기")).to_have_count(0)
    page.goto(f"{live_server.url}/admin/articles/article/")  # no way round it
    expect(page).to_have_url(f"{live_server.url}/admin/two-factor/setup/")

    typed_key = page.locator(".two-factor__secret").inner_text().replace(" ", "")
    secret = base64.b32decode(typed_key + "=" * (-len(typed_key) % 8))  # what the app keeps of the QR code
    page.get_by_label("인증 코드").fill(app_code(secret))
    page.get_by_role("button", name="등록").click()

    expect(page.locator(".two-factor__codes li")).to_have_count(10)
    page.get_by_role("link", name="계속").click()
    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/")  # where it was last on its way to
    expect(page.get_by_role("heading", name="변경할 기사 선택")).to_be_visible()
    assert TOTPDevice.objects.get(user=desk).confirmed


def test_a_desk_editor_signs_in_with_the_password_and_the_app_s_code(live_server, page, desk):
    device = TOTPDevice.objects.create(user=desk, name="인증 앱", confirmed=True)
    type_password(page, live_server)

    expect(page).to_have_url(f"{live_server.url}/admin/two-factor/")
    page.get_by_label("인증 코드").fill("000000" if app_code(device.bin_key) != "000000" else "111111")
    page.get_by_role("button", name="확인").click()
    expect(page.get_by_text("코드가 맞지 않습니다")).to_be_visible()

    time.sleep(1.1)  # a wrong code makes the next try wait a second
    page.get_by_label("인증 코드").fill(app_code(device.bin_key))
    page.get_by_role("button", name="확인").click()

    expect(page.get_by_text("데스크 현황")).to_be_visible()

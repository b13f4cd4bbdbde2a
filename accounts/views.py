"""Signing in to the admin: the lockout page, and the second factor's pages (the code, setting up an app, backup
codes). Under /admin/two-factor/, where the admin's robots rule and content policy apply."""

import logging

import django_otp
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.clients import client_address

from . import twofactor

logger = logging.getLogger(__name__)
SETUP_SESSION_KEY = "two_factor_setup_device"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="인증 코드",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 12}
        ),
        help_text="인증 앱에 보이는 6자리 숫자, 또는 8자리 백업 코드",
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not code.isascii() or not code.isdigit() or len(code) not in (6, 8):
            raise forms.ValidationError("6자리 인증 코드나 8자리 백업 코드를 숫자로 입력하세요.")
        return code


class SetupCodeForm(CodeForm):
    """The first code from a new app: six digits (backup codes come after it)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "새로 등록한 인증 앱에 보이는 6자리 숫자"


def _context(request: HttpRequest, title: str, **extra) -> dict:
    """The admin's page around a sign-in step: its header, without the menu of what the account may not open yet."""
    return {**admin.site.each_context(request), "is_nav_sidebar_enabled": False, "title": title, **extra}


def _throttled_until(devices) -> timezone.datetime | None:
    """When the account may try a code again, if every device it could come from is waiting out wrong codes."""
    waits = []
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if allowed:
            return None
        waits.append((info or {}).get("locked_until") or timezone.now())
    return max(waits) if waits else None


def _verify(user, code: str) -> TOTPDevice | StaticDevice | None:
    """The device `code` came from, if it is right: six digits from the app, eight from a backup code (used up)."""
    kind = TOTPDevice if len(code) == 6 else StaticDevice
    for device in twofactor.devices_for_code(user):
        if isinstance(device, kind) and device.verify_is_allowed()[0] and device.verify_token(code):
            return device
    return None


def _wait_message(until) -> str:
    return f"코드를 여러 번 잘못 입력했습니다. {timezone.localtime(until):%H:%M:%S} 이후에 다시 입력하세요."


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None):
    """django-axes' answer to a sign-in from a username and address locked out: 429, with when to try again."""
    from axes.models import AccessAttempt

    username = (credentials or {}).get("username") or request.POST.get("username", "")
    last = (
        AccessAttempt.objects.filter(username=username, ip_address=client_address(request) or None)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    until = (last or timezone.now()) + settings.AXES_COOLOFF_TIME
    seconds = max(1, int((until - timezone.now()).total_seconds()))
    context = _context(
        request,
        "로그인이 잠시 잠겼습니다",
        until=timezone.localtime(until),
        minutes=(seconds + 59) // 60,
        failure_limit=settings.AXES_FAILURE_LIMIT,
    )
    locked = render(request, "accounts/locked_out.html", context, status=429)
    locked["Retry-After"] = str(seconds)
    return locked


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """The code after the password."""
    if not twofactor.pending(request):
        return HttpResponseRedirect(twofactor.after_code(request))
    if not twofactor.has_device(request.user):
        return HttpResponseRedirect(reverse("accounts:two_factor_setup"))
    devices = twofactor.devices_for_code(request.user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if until := _throttled_until(devices):
            form.add_error("code", _wait_message(until))
            status = 429
        elif device := _verify(request.user, form.cleaned_data["code"]):
            django_otp.login(request, device)
            logger.info("second factor given: %s from %s (%s)", request.user.get_username(), client_address(request),
                        device.name)  # fmt: skip
            return HttpResponseRedirect(twofactor.after_code(request))
        else:
            logger.warning("wrong second factor: %s from %s", request.user.get_username(), client_address(request))
            form.add_error("code", "코드가 맞지 않습니다. 인증 앱의 지금 코드를 입력하세요.")
            status = 400
    elif request.method == "POST":
        status = 400
    context = _context(request, "2단계 인증", form=form, backup_left=twofactor.backup_codes_left(request.user))
    return render(request, "accounts/two_factor.html", context, status=status)


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Setting up an authenticator app: scan the QR code (or type the secret), then type back a code from it.
    A new phone replaces the old app, but only once this session has given a code: a password alone never does."""
    if twofactor.has_device(request.user) and not request.user.is_verified():
        return HttpResponseRedirect(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.filter(
        pk=request.session.get(SETUP_SESSION_KEY), user=request.user, confirmed=False
    ).first()
    if device is None:
        device = twofactor.new_app_device(request.user)
        request.session[SETUP_SESSION_KEY] = device.pk
    form = SetupCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        allowed, info = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _wait_message((info or {}).get("locked_until") or timezone.now()))
            status = 429
        elif len(form.cleaned_data["code"]) == 6 and device.verify_token(form.cleaned_data["code"]):
            codes = twofactor.confirm(device)
            request.session.pop(SETUP_SESSION_KEY, None)
            django_otp.login(request, device)
            logger.info("authenticator app set up: %s from %s", request.user.get_username(), client_address(request))
            context = _context(request, "백업 코드", codes=codes, next_url=twofactor.after_code(request), new=True)
            return render(request, "accounts/backup_codes.html", context)
        else:
            form.add_error("code", "코드가 맞지 않습니다. 앱에 새로 등록한 계정의 지금 코드를 입력하세요.")
            status = 400
    elif request.method == "POST":
        status = 400
    context = _context(
        request,
        "2단계 인증 설정",
        form=form,
        qr_code=twofactor.qr_code_svg(device),
        secret=twofactor.secret_for_typing(device),
        required=twofactor.required_for(request.user),
        replacing=twofactor.app_device(request.user) is not None,
    )
    return render(request, "accounts/two_factor_setup.html", context, status=status)


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def two_factor_account(request: HttpRequest) -> HttpResponse:
    """The account's own second factor: whether it is set up, backup codes left, and new ones on request."""
    if request.method == "POST" and request.POST.get("action") == "turn_off":
        # Only where it is the account's own choice, and from a session that gave a code: a password alone never.
        if twofactor.required_for(request.user) or not request.user.is_verified():
            messages.error(request, "이 계정은 2단계 인증을 끌 수 없습니다.")
        else:
            twofactor.reset(request.user)
            logger.info("second factor turned off: %s from %s", request.user.get_username(), client_address(request))
            messages.success(request, "2단계 인증을 껐습니다. 이제 비밀번호만으로 로그인합니다.")
        return HttpResponseRedirect(reverse("accounts:two_factor_account"))
    if request.method == "POST":
        if not request.user.is_verified():
            messages.error(request, "백업 코드는 2단계 인증 코드로 로그인한 뒤에 만들 수 있습니다.")
            return HttpResponseRedirect(reverse("accounts:two_factor_account"))
        codes = twofactor.new_backup_codes(request.user)
        logger.info("backup codes renewed: %s from %s", request.user.get_username(), client_address(request))
        context = _context(request, "백업 코드", codes=codes, next_url=reverse("accounts:two_factor_account"))
        return render(request, "accounts/backup_codes.html", context)
    device = twofactor.app_device(request.user)
    context = _context(
        request,
        "2단계 인증",
        device=device,
        backup_left=twofactor.backup_codes_left(request.user),
        required=twofactor.required_for(request.user),
    )
    return render(request, "accounts/two_factor_account.html", context)

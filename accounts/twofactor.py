"""Two-factor sign-in for the admin: after the password, a code from an authenticator app (a TOTP device of
django-otp) or one of the account's one-time backup codes (a static device).

Who must: 데스크, 관리자 and superusers; 기자 when settings.TWO_FACTOR_FOR_REPORTERS, and any account that set up a
device of its own accord (a second factor one has is always asked for). Until the code is given, every admin address
leads to the code's page, or, for an account with no device yet, to setting one up: refused nothing, asked first.
"""

import secrets
from collections.abc import Callable

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.roles import ADMIN, DESK, REPORTER

# The device names, as the account's page lists them.
APP_DEVICE = "인증 앱"
BACKUP_DEVICE = "백업 코드"
# How many backup codes an account gets at once, each good for one sign-in.
BACKUP_CODES = 10
# Where the admin address that sent an account to its code is kept, to go on there once it is given.
NEXT_SESSION_KEY = "two_factor_next"
# A session whose account owes no second factor (under the TWO_FACTOR_FOR_REPORTERS it was found with).
NOT_ASKED_SESSION_KEY = "two_factor_not_asked"


def _roles() -> set[str]:
    return {DESK, ADMIN} | ({REPORTER} if settings.TWO_FACTOR_FOR_REPORTERS else set())


def required_for(user: AbstractBaseUser) -> bool:
    """Whether `user` may not use the admin without a second factor, device or not."""
    return user.is_superuser or user.groups.filter(name__in=_roles()).exists()


def app_device(user: AbstractBaseUser) -> TOTPDevice | None:
    """The account's authenticator app, once set up (a device being set up is not confirmed yet)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_device(user: AbstractBaseUser) -> bool:
    """Whether the account has anything to give a code from: its app, or backup codes left (the demo's editor starts
    with those alone)."""
    return app_device(user) is not None or StaticToken.objects.filter(device__user=user).exists()


def asks_for_code(user: AbstractBaseUser) -> bool:
    """Whether signing in as `user` takes a code: it must, or it chose to (a confirmed device of its own). One query."""
    if user.is_superuser:
        return True
    asked = Q(groups__name__in=_roles()) | Q(totpdevice__confirmed=True)
    return get_user_model()._default_manager.filter(asked, pk=user.pk).exists()


def pending(request: HttpRequest) -> bool:
    """Whether the signed-in staff account of `request` still owes its second factor.

    A session that owes none (a reporter without a device) was told so when it signed in (remember_not_asked), and
    asks the database nothing more: joining a role that must ends the account's sessions (accounts.signals), and
    setting up a device gives the code at once.
    """
    user = request.user
    if not (user.is_authenticated and user.is_staff) or user.is_verified():
        return False
    if request.session.get(NOT_ASKED_SESSION_KEY) == settings.TWO_FACTOR_FOR_REPORTERS:
        return False
    if not hasattr(request, "_two_factor_pending"):
        request._two_factor_pending = asks_for_code(user)
    return request._two_factor_pending


@receiver(user_logged_in, dispatch_uid="accounts-second-factor-asked")
def remember_not_asked(sender, request, user, **kwargs) -> None:
    """At sign-in, while the session is being written anyway: whether this account owes a second factor at all."""
    if request is not None and hasattr(request, "session") and user.is_staff and not asks_for_code(user):
        request.session[NOT_ASKED_SESSION_KEY] = settings.TWO_FACTOR_FOR_REPORTERS


def new_app_device(user: AbstractBaseUser) -> TOTPDevice:
    """A fresh secret for the account to scan, unconfirmed until a code from it is typed back. Setting up again
    (a new phone, or the QR code page opened twice) starts over with a new secret."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code, drawn here (nothing is sent anywhere)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, title="인증 앱 등록용 QR 코드")


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for an app that cannot scan."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def confirm(device: TOTPDevice) -> list[str]:
    """The device set up: the account's only app from now on, with a new set of backup codes, returned to be shown
    once (only they are kept, as django-otp keeps them)."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user: AbstractBaseUser) -> list[str]:
    """Ten new one-time codes for `user`; the ones given before stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def reset(user: AbstractBaseUser) -> int:
    """Forget every device of `user` (a lost phone): the next sign-in sets one up again. How many were removed."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    removed_backup, _ = StaticDevice.objects.filter(user=user).delete()
    return removed + removed_backup


def devices_for_code(user: AbstractBaseUser) -> list[TOTPDevice | StaticDevice]:
    """The devices a typed code may come from: the app's six digits, or a backup code's eight."""
    return [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]


def safe_next(request: HttpRequest, url: str | None) -> str | None:
    """`url` if it is an address of this site's admin, else None: a code's page never sends anyone elsewhere."""
    admin_root = reverse("admin:index")
    if url and url.startswith(admin_root) and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return None


def after_code(request: HttpRequest) -> str:
    """Where an account goes once its second factor is given: the admin address it was on its way to, if any."""
    return safe_next(request, request.session.pop(NEXT_SESSION_KEY, None)) or reverse("admin:index")


class SecondFactorMiddleware:
    """Every admin address, for a signed-in account that still owes its second factor, leads to the code's page
    (or to setting up a device); the code's pages themselves and signing out stay open. Placed after django-otp's
    OTPMiddleware, which tells whether this session gave its code."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        admin_root = reverse("admin:index")
        open_paths = (
            reverse("accounts:two_factor"),
            reverse("accounts:two_factor_setup"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
        )
        if request.path.startswith(admin_root) and request.path not in open_paths and pending(request):
            if request.method == "GET" and safe_next(request, request.get_full_path()):
                request.session[NEXT_SESSION_KEY] = request.get_full_path()
            if not has_device(request.user):
                return HttpResponseRedirect(reverse("accounts:two_factor_setup"))
            return HttpResponseRedirect(reverse("accounts:two_factor"))
        return self.get_response(request)

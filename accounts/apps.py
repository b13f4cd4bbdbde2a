from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """The staff's accounts: signing in (throttled, with a second factor for the desk), sessions, user admin."""

    name = "accounts"
    verbose_name = "계정"
    default = True  # "accounts" in INSTALLED_APPS; the other config here is django-axes'

    def ready(self) -> None:
        from . import (
            logins,  # noqa: F401  (its receivers log every sign-in)
            signals,  # noqa: F401  (sign-ins recorded; sessions ended on a change of role or password)
        )


class SignInRecordsConfig(AxesAppConfig):
    """django-axes, under a Korean heading in the admin (its records: lockouts, sign-ins, failures)."""

    verbose_name = "로그인 보안"
    default = False

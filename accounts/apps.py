from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """The staff's accounts: signing in (throttled, with a second factor for the desk), sessions, user admin."""

    name = "accounts"
    verbose_name = "계정"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (sign-ins recorded; sessions ended on a change of role or password)

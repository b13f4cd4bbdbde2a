"""One log line for each sign-in, failed sign-in, lockout and sign-out of the admin: who, from where. Never a
password: Django hands failures over with their credentials cleansed, and only the username is read from them."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from newsroom.clients import client_address

logger = logging.getLogger("accounts.logins")


# No account's username is longer (auth.User.username); what was typed is counted and logged at most this long.
USERNAME_MAX_LENGTH = 150


def typed_username(request, credentials: dict | None = None) -> str:
    """The username a sign-in was tried with, as django-axes counts it: cut to the longest a username can be, so
    that 10,000 characters typed are refused like any wrong name (axes keeps 255 of them)."""
    typed = (credentials or {}).get("username") or (request.POST.get("username") if request is not None else "")
    return str(typed or "")[:USERNAME_MAX_LENGTH]


def _address(request) -> str:
    return client_address(request) if request is not None else "-"


@receiver(user_logged_in, dispatch_uid="accounts-log-sign-in")
def signed_in(sender, request, user, **kwargs) -> None:
    logger.info("sign-in: %s from %s", user.get_username(), _address(request))


@receiver(user_login_failed, dispatch_uid="accounts-log-failed-sign-in")
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    logger.warning("failed sign-in: %s from %s", typed_username(request, credentials) or "?", _address(request))


@receiver(user_locked_out, dispatch_uid="accounts-log-lockout")
def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    logger.warning("sign-in locked out: %s from %s", username, ip_address)


@receiver(user_logged_out, dispatch_uid="accounts-log-sign-out")
def signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        logger.info("sign-out: %s from %s", user.get_username(), _address(request))

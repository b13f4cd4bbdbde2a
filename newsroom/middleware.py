"""A database that cannot be reached answers 503 with Retry-After, so a CDN or proxy serves its stale copy."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)


def without_secrets(message: str) -> str:
    """`message` with every configured database password blanked out: a driver may quote its connection string."""
    for database in settings.DATABASES.values():
        if password := database.get("PASSWORD"):
            message = message.replace(str(password), "********")
    return message


def database_unavailable() -> HttpResponse:
    """The Korean "try again shortly" page: static, like the 500 page, so it needs neither database nor context."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    # Never stored in place of the page: a cache with stale-if-error keeps serving the copy it has.
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a failed connection (or one lost, or timed out) in a view into the 503 page.

    Cache outages are not caught here: the pages' parts that use the cache already go on without it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # One line, no traceback: in an outage every request comes here, and readers never see the error.
        logger.error("database unavailable on %s: %s", request.path, without_secrets(str(exception)).strip())
        return database_unavailable()

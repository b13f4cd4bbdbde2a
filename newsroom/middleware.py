"""The site's own middleware: 400 for a request holding a NUL, 503 with Retry-After while the database cannot be
reached (so a CDN or proxy serves its stale copy), and the headers that tell shared caches which pages they may keep,
compressed."""

import logging
import time
from collections.abc import Callable

import brotli
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.middleware.gzip import GZipMiddleware
from django.template import loader
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)


def without_secrets(message: str) -> str:
    """`message` with every configured database password blanked out: a driver may quote its connection string."""
    for database in settings.DATABASES.values():
        if password := database.get("PASSWORD"):
            message = message.replace(str(password), "********")
    return message


def bad_request() -> HttpResponse:
    """The Korean "this request cannot be read" page: static, like the 500 page, so it needs neither database nor
    context (the request may be refused before the session is read)."""
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def _holds_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())


class NulCharacterMiddleware:
    """Answers 400 to a request whose path, query string or form (keys and values, multipart fields too)
    holds a NUL character, before anything reads it.

    PostgreSQL refuses NUL in text outright: wherever such a value reaches a query (an admin filter, a lookup, a
    saved form) it is a DataError, so a 500, and no one types one; deciding it here keeps every view from having to.
    Other odd text goes on to the views, which answer it as any wrong value: bytes that are not UTF-8 arrive as
    U+FFFD (Django decodes with errors="replace", so no lone surrogate either), and a control character a word
    processor pastes (a vertical tab) is stored and left out of the feeds (articles.feeds). A cookie with a NUL is
    dropped rather than refused: the browser would send it with every request and lock its reader out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or _holds_nul(request.GET) or self._posts_nul(request):
            return bad_request()
        if any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items()):
            request.COOKIES = {name: v for name, v in request.COOKIES.items() if "\x00" not in name + v}
        return self.get_response(request)

    @staticmethod
    def _posts_nul(request: HttpRequest) -> bool:
        if request.method != "POST":
            return False
        if request.content_type == "multipart/form-data":
            limit, length = settings.DATA_UPLOAD_MAX_MEMORY_SIZE, request.META.get("CONTENT_LENGTH") or "0"
            if limit is not None and length.isdecimal() and int(length) <= limit:
                # A small form is read whole first, so that a view reading the raw body still can (the beacons,
                # the autosave). An upload past the limit is parsed as it streams in, its files never held in
                # memory, as the view would have it parsed; a view cannot read its raw body then, nor would take it.
                request.body  # noqa: B018
        # Django parses only forms and multipart bodies into request.POST (an upload's file name it strips of
        # control characters itself); anything else (the view beacon's text, the autosave's JSON) is the view's.
        return _holds_nul(request.POST)


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
        return self.unavailable(request, exception)

    @staticmethod
    def unavailable(request: HttpRequest, exception: Exception) -> HttpResponse:
        """The 503 page for `request`, whose database connection failed with `exception`."""
        # One line, no traceback: in an outage every request comes here, and readers never see the error.
        logger.error("database unavailable on %s: %s", request.path, without_secrets(str(exception)).strip())
        return database_unavailable()


# Statuses a shared cache may keep for everyone: a page, a moved address, one that is not (or no longer) there.
# A 404 is kept as briefly as a page, so that a story released since is seen within the same bound.
PUBLIC_STATUSES = {200, 301, 404, 410}


# What robots.txt keeps crawlers off (newsroom.seo): the admin with its previews, banner clicks and beacons, view
# beacons. Never public, even when a view there raises a 404 past its `never_cache`.
NEVER_PUBLIC_PATHS = ("/admin/", "/banners/", "/views/")


def _varies_on_cookie(response: HttpResponse) -> bool:
    return "cookie" in (field.strip().lower() for field in response.get("Vary", "").split(","))


class CacheHeadersMiddleware:
    """Tells shared caches (a CDN, a proxy) which responses they may keep for every reader, and for how long.

    A response is public when it is an anonymous GET of a page the same for everyone: the request carries no session
    (no editor), the view read no session (Django would add `Vary: Cookie`), it sets no cookie, and its view said
    nothing about caching itself (the admin, the beacons, the health checks and banner clicks are `never_cache`,
    search with a query says its own). Anything else is the browser's alone, and a server error is never stored.
    Public pages carry no `Vary: Cookie`: an editor is sent the same page as a reader, only not cached for others.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if response.status_code >= 500:
            response["Cache-Control"] = "no-store"
        elif self._public(request, response):
            max_age, s_maxage, stale = (
                settings.PAGE_MAX_AGE,
                settings.PAGE_S_MAXAGE,
                settings.PAGE_STALE_WHILE_REVALIDATE,
            )
            # The page changes by the clock alone at this moment (a scheduled release, an end time, midnight), when
            # no purge is sent: no copy may outlive it (the page cache says when, caching.pages).
            if (changes_at := getattr(request, "changes_by_clock_at", None)) is not None:
                left = max(0, int(changes_at - time.time()))
                if left < s_maxage + stale:
                    max_age, s_maxage, stale = min(max_age, left), min(s_maxage, left), 0
            patch_cache_control(
                response,
                public=True,
                max_age=max_age,
                s_maxage=s_maxage,
                stale_while_revalidate=stale,
                stale_if_error=settings.PAGE_STALE_IF_ERROR,
            )
        else:
            # The browser may keep it, and asks again each time (a 304 when nothing changed).
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _public(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.path_info.startswith(NEVER_PUBLIC_PATHS)
            and response.status_code in PUBLIC_STATUSES
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not response.cookies
            and not _varies_on_cookie(response)
        )


# Brotli's quality for pages, compressed as they are made: at 3 a front page of 36 KB comes to 5.6 KB in 0.14 ms,
# where gzip at Django's level 6 gives 5.3 KB in 0.27 ms; 4 would save 0.4 KB more for 0.1 ms more.
BROTLI_QUALITY = 3


def accepts_brotli(request: HttpRequest) -> bool:
    """Whether the request's Accept-Encoding takes `br` (at a quality above 0)."""
    for offer in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _, params = offer.strip().partition(";")
        if name.strip().lower() == "br":
            quality = params.strip().lower().removeprefix("q=")
            try:
                return not params.strip() or float(quality) > 0
            except ValueError:
                return False
    return False


class PublicGZipMiddleware(GZipMiddleware):
    """Compresses only public responses: they are the same for everyone, so they hold no secret (a CSRF token, an
    editor's data) that compression could leak beside text an attacker puts in the page (BREACH). With Brotli
    where the browser takes it (every current browser over HTTPS: smaller and quicker to make than gzip), gzip
    otherwise, and as they are for a client that takes neither."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if "public" not in (d.strip().lower() for d in response.get("Cache-Control", "").split(",")):
            return response
        if response.status_code == 304:  # it names the variants the page it stands for has (RFC 9110 15.4.5)
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        if response.streaming or not accepts_brotli(request):
            return super().process_response(request, response)
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        # A strong ETag names the uncompressed bytes: weak, as Django's gzip makes it (RFC 9110 8.8.1).
        if (etag := response.get("ETag")) and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "br"
        return response

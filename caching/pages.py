"""The page cache: public pages as an anonymous reader gets them, kept under the content version.

A kept page is never late:
- it is kept under the version read before the page's queries ran (caching.versions), and every change a reader
  would see moves the version on when it commits, so a change is seen by the next request on every server;
- it expires at the next moment a page changes by the clock alone, without any save: a scheduled release or the
  end of one, a banner's start or end, midnight's date line, a weather reading going stale, the next ranking of
  많이 본 뉴스. Each app says when its next such moment is (`PAGE_CLOCK`, as `PAGE_PARTS` does for the page
  parts); the expiry is checked on every read, to the microsecond, whatever the cache backend rounds to.

Editors (a session cookie), other methods and unusual query strings go past the cache to the view.
"""

import hashlib
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache, wraps

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.module_loading import import_string

from newsroom.middleware import DatabaseUnavailableMiddleware

from . import versions

logger = logging.getLogger(__name__)

# The only query strings a kept page may have: none, or a page number of a list, besides the tags that links shared
# on social networks and in newsletters carry (a Facebook click adds a fbclid of its own to every link), which no
# page reads: a page with them is the page without them, and is served from the same copy. Anything else is
# rendered, so that made-up query strings cannot fill the cache.
PAGE_QUERY = re.compile(r"page=\d{1,6}")
TRACKING_PARAMETER = re.compile(
    r"utm_[a-z_]{1,20}|fbclid|gclid|gbraid|wbraid|dclid|msclkid|igshid|yclid|twclid|ttclid|mc_cid|mc_eid|_ga|_gl"
)


@dataclass(frozen=True)
class KeptPage:
    content: bytes
    content_type: str
    etag: str
    expires: float  # a Unix time
    last_modified: str | None = None  # as the view said it (feeds, sitemaps), for If-Modified-Since

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, content_type=self.content_type)
        response["ETag"] = self.etag
        if self.last_modified:
            response["Last-Modified"] = self.last_modified
        response["X-Page-Cache"] = "hit"
        return response


def page_cache():
    """The cache kept pages go to; the default one where no cache of their own is configured."""
    return caches[settings.PAGE_CACHE_ALIAS if settings.PAGE_CACHE_ALIAS in settings.CACHES else "default"]


def cached_page(view: Callable[..., HttpResponse], *, paged: bool = False) -> Callable[..., HttpResponse]:
    """Serve `view`'s page from the page cache to anonymous readers, and keep what it renders for them. Only a
    `paged` view (a list that reads `?page=N`) is kept per page number: elsewhere a page number means nothing, and
    `/?page=1` … `/?page=999999` would each be kept as one more copy of the front page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Read first, before any of the page's queries (or by PageCacheMiddleware, which found no kept page); its
        # fragments use the same version. For the shared caches' headers (newsroom.middleware.CacheHeadersMiddleware),
        # a proxy keeps this page, or its 404, no longer than until the pages next change by the clock.
        known = getattr(request, "content_version", None)
        clocked = _for_every_reader(request) and not hasattr(request, "changes_by_clock_at")
        try:
            if known is None and clocked:
                version, request.changes_by_clock_at = _start_with_clock(time.time())
            else:
                version = versions.start_request(known)
                if clocked:
                    request.changes_by_clock_at = next_change(version, time.time())
            if not _may_serve_from_cache(request, paged):
                return view(request, *args, **kwargs)
            return _cached_response(request, version, lambda: view(request, *args, **kwargs))
        finally:
            versions.end_request()

    wrapper.kept_in_page_cache = "paged" if paged else "whole"
    return wrapper


class PageCacheMiddleware:
    """Serves a kept page before the middleware that an anonymous reader's page does not need (sessions, CSRF,
    authentication, messages) and before the URL's view is called; what it does not find, the view renders.

    It sits inside the middleware that label, validate and compress public pages (newsroom.middleware), so a kept
    page gets the same headers, ETag and 304 as a rendered one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kept_as = self._kept_as(request)
        if kept_as and _may_serve_from_cache(request, kept_as == "paged"):
            try:
                version = versions.current()
            except (OperationalError, InterfaceError) as error:  # one connection attempt per request, not two
                return DatabaseUnavailableMiddleware.unavailable(request, error)
            request.content_version = version  # the view's render, if needed, uses the version read here
            try:
                kept = page_cache().get(_key(request, version))
            except Exception:  # a cache outage costs speed, never the page: the view renders it
                logger.warning("page cache unavailable: rendering %s", request.path, exc_info=True)
                kept = None
            if kept is not None and time.time() < kept.expires:
                request.changes_by_clock_at = kept.expires
                response = kept.response()
                response["X-Frame-Options"] = settings.X_FRAME_OPTIONS  # as XFrameOptionsMiddleware would
                return response
        return self.get_response(request)

    @staticmethod
    def _kept_as(request: HttpRequest) -> str | None:
        return _kept_path_as(
            request.urlconf if hasattr(request, "urlconf") else settings.ROOT_URLCONF, request.path_info
        )


@lru_cache(maxsize=4096)
def _kept_path_as(urlconf: str, path: str) -> str | None:
    """Whether `path` is one of the pages `cached_page` keeps ("whole", or "paged" per page number), or None:
    resolved once per address, not per request."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return getattr(match.func, "kept_in_page_cache", None)


def _for_every_reader(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _may_serve_from_cache(request: HttpRequest, paged: bool) -> bool:
    query = kept_query(request.META.get("QUERY_STRING", ""))
    return settings.PAGE_CACHE and _for_every_reader(request) and (query == "" or (paged and query is not None))


def kept_query(query: str) -> str | None:
    """The query string a kept page is kept under: "" or "page=N", once the sharing tags are left out; None when the
    page is not to be kept (any other parameter, or more than one page number)."""
    if not query:
        return ""
    if len(query) > 1024:
        return None
    kept = []
    for part in query.split("&"):
        name = part.split("=", 1)[0]
        if PAGE_QUERY.fullmatch(part):
            kept.append(part)
        elif part and not TRACKING_PARAMETER.fullmatch(name):
            return None
    return kept[0] if len(kept) == 1 else "" if not kept else None


def _cached_response(request: HttpRequest, version: int, render: Callable[[], HttpResponse]) -> HttpResponse:
    key = _key(request, version)
    store = page_cache()
    # PageCacheMiddleware has looked already when it read the version; without it (a view called on its own), look.
    if not hasattr(request, "content_version"):
        try:
            kept = store.get(key)
        except Exception:  # a cache outage costs speed, never the page
            logger.warning("page cache unavailable: rendering %s", request.path, exc_info=True)
            return render()
        if kept is not None and time.time() < kept.expires:
            return kept.response()
    now = time.time()
    expires = min(next_change(version, now), now + settings.PAGE_CACHE_SECONDS)
    response = render()
    if not _may_keep(response):
        return response
    content = response.content
    etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    response["ETag"] = etag
    response["X-Page-Cache"] = "miss"
    left = expires - time.time()
    if left > 0:
        try:
            kept = KeptPage(content, response["Content-Type"], etag, expires, response.get("Last-Modified"))
            store.set(key, kept, timeout=math.ceil(left))
        except Exception:
            logger.warning("page cache unavailable: %s not kept", request.path, exc_info=True)
    return response


def _key(request: HttpRequest, version: int) -> str:
    query = kept_query(request.META.get("QUERY_STRING", ""))
    return f"page:{version}:{request.get_host()}:{request.path}?{query}"


def _may_keep(response: HttpResponse) -> bool:
    """Only a whole page the same for everyone: a 200 that sets no cookie and says nothing of caching itself."""
    if getattr(response, "streaming", False) or response.status_code != 200:
        return False
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return not response.cookies and not response.has_header("Cache-Control") and not response.has_header("Vary")


def next_change(version: int, now: float, read: dict[int, datetime | None] | None = None) -> float:
    """When the pages of `version` next change by the clock alone (a Unix time), worked out once per version;
    `read`: moments of some `PAGE_CLOCK` parts already read (clock_change_after)."""
    known = versions.clock_of_this_request(version)
    if known is not None and now < known:
        return known
    key = f"page-clock:{version}"
    store = page_cache()
    try:
        known = store.get(key)
    except Exception:
        known = None
    if known is not None and now < known:
        versions.remember_clock(version, known)
        return known
    moment = clock_change_after(datetime.fromtimestamp(now, tz=UTC), read).timestamp()
    versions.remember_clock(version, moment)
    try:
        store.set(key, moment, timeout=math.ceil(moment - now))
    except Exception:
        logger.warning("page cache unavailable: the next clock change is not kept")
    return moment


def clock_change_after(now: datetime, known: dict[int, datetime | None] | None = None) -> datetime:
    """The first moment after `now` at which a public page changes with no save: the next midnight in the paper's
    time zone (the date line), or sooner what an app says (`PAGE_CLOCK`); `known`: the moments of some of its
    parts, by their place in `PAGE_CLOCK`, already read."""
    local = timezone.localtime(now)
    midnight = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), datetime.min.time()))
    moments = [midnight]
    for index, part in enumerate(clock_parts()):
        moment = known[index] if known is not None and index in known else part(now)
        if moment is not None and moment > now:
            moments.append(moment)
    return min(moments)


@dataclass(frozen=True)
class SqlClock:
    """A `PAGE_CLOCK` part whose moment the database works out: `sql(now)` gives scalar subqueries and their
    parameters, `moment(values)` the moment from what they read. A page that reads the content version itself (the
    page cache is off) reads them in the same statement (`_start_with_clock`); elsewhere they are read on their own.
    """

    sql: Callable[[datetime], tuple[list[str], list]]
    moment: Callable[[tuple], datetime | None]

    def __call__(self, now: datetime) -> datetime | None:
        expressions, params = self.sql(now)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(expressions)}", params)
            return self.moment(cursor.fetchone())


def _start_with_clock(now: float) -> tuple[int, float]:
    """Start a page whose content version no one has read yet: the version and the moments of the `SqlClock` parts
    in one statement; the others' are read only where the version's next clock change is not kept already
    (`next_change`). The version and that change (a Unix time)."""
    at = datetime.fromtimestamp(now, tz=UTC)
    in_sql = [(index, part.sql(at)) for index, part in enumerate(clock_parts()) if isinstance(part, SqlClock)]
    version, values = versions.current_and(
        [expression for _, (expressions, _) in in_sql for expression in expressions],
        [param for _, (_, params) in in_sql for param in params],
    )
    versions.start_request(version)
    known, start = {}, 0
    for index, (expressions, _) in in_sql:
        known[index] = clock_parts()[index].moment(values[start : start + len(expressions)])
        start += len(expressions)
    return version, next_change(version, now, known)


@cache
def clock_parts() -> list[Callable[[datetime], datetime | None]]:
    return [import_string(path) for path in settings.PAGE_CLOCK]


def fragment(key: str, make: Callable[[], object], *, seconds: int | None = None) -> object:
    """`make()`, kept in the cache under the current content version: a part of a page that only a change a reader
    would see can change (a 관련기사 box, the front page's section blocks), shared by the pages of one version.

    It expires with the version's next clock change (or after `seconds`, if sooner). A cache outage computes it.
    """
    version = versions.for_this_request()
    full_key = f"fragment:{version}:{key}"
    store = caches["default"]
    try:
        kept = store.get(full_key)
    except Exception:
        logger.warning("cache unavailable: fragment %s computed", key)
        return make()
    now = time.time()
    if kept is not None and now < kept[0]:
        return kept[1]
    expires = next_change(version, now)
    if seconds is not None:
        expires = min(expires, now + seconds)
    value = make()
    try:
        store.set(full_key, (expires, value), timeout=max(1, math.ceil(expires - time.time())))
    except Exception:
        logger.warning("cache unavailable: fragment %s not kept", key)
    return value

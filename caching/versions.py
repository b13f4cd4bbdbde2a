"""The content version: one number that every change a reader would see moves on.

A page is kept in the cache under the version read before its queries ran. A change moves the version inside its
own transaction, so readers see the new version exactly when they can see the new data: a page rendered from the
old data can only have been kept under the old version, which no request asks for any more. Nothing waits for a
cache entry to expire, and nothing needs every server's cache to be told.
"""

import time
from collections.abc import Iterable
from contextvars import ContextVar

from django.db import connection
from django.db.models import F

from .models import ContentVersion
from .purge import queue_purge

# The version this request read, so that the page and its fragments use one version (newsroom.pages reads it
# through `for_this_request`); reset by the page cache at the start of every page.
_request_version: ContextVar[int | None] = ContextVar("content_version", default=None)


def current() -> int:
    """The version readers see now: one primary-key read of a one-row table."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {ContentVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def current_and(expressions: list[str], params: list) -> tuple[int, tuple]:
    """The version, as `current()`, and the values of the SQL `expressions` (scalar subqueries), in one statement:
    they are read in the same snapshot as the version."""
    if not expressions:
        return current(), ()
    sql = f"SELECT (SELECT value FROM {ContentVersion._meta.db_table} WHERE id = 1), {', '.join(expressions)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] or 0, tuple(row[1:])


# The next clock change this request worked out for its version (caching.pages.next_change), so that a page's
# fragments work it out once even where no cache keeps it.
_request_clock: ContextVar[tuple[int, float] | None] = ContextVar("content_clock", default=None)

# What this request read once and may need again (`request_memo`), such as the weather strip's readings, which both
# its fragment and its next clock change use: where no cache keeps them, they are read once per page, not twice.
_request_memo: ContextVar[dict | None] = ContextVar("content_memo", default=None)


def start_request(version: int | None = None) -> int:
    """Read the version for the page about to be made (before any of its queries), unless it was just read."""
    version = current() if version is None else version
    _request_version.set(version)
    _request_clock.set(None)
    _request_memo.set({})
    return version


def end_request() -> None:
    _request_version.set(None)
    _request_clock.set(None)
    _request_memo.set(None)


def request_memo(key: str, make):
    """`make()`, once per page (outside a page: every call)."""
    memo = _request_memo.get()
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


def clock_of_this_request(version: int) -> float | None:
    known = _request_clock.get()
    return known[1] if known is not None and known[0] == version else None


def remember_clock(version: int, moment: float) -> None:
    if _request_version.get() is not None:
        _request_clock.set((version, moment))


def for_this_request() -> int:
    """The version the current page read, or the version now outside a page."""
    version = _request_version.get()
    return current() if version is None else version


def content_changed(paths: Iterable[str] = ()) -> None:
    """Call inside the transaction that makes a change readers would see: the version moves on when it commits, and
    `paths` (the public addresses the change shows on) are purged from proxies and CDNs once it has committed."""
    if not ContentVersion.objects.filter(pk=1).update(value=F("value") + 1):
        # The row is gone (a flushed table): start again above every version used before, never repeating one.
        ContentVersion.objects.update_or_create(pk=1, defaults={"value": time.time_ns() // 1000})
    queue_purge(paths)

"""Staff sessions: how long one lasts idle, what counts as using it, and ending them.

A session ends STAFF_SESSION_IDLE_SECONDS after the last request its user made themselves. The time of that request
is kept in the session (LAST_ACTIVITY) and checked on every request by accounts.middleware; the session's own
expiry (SESSION_COOKIE_AGE) is not what ends it, because Django moves that on at every save of the session, and
because a session that simply vanished could not tell its user why they have to sign in again.

Each sign-in is recorded (accounts.models.StaffSession) so that a user's sessions can be found again and ended:
when their role or password changes (accounts.signals), or when they or a 관리자 sign them out everywhere.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, JsonResponse
from django.utils import timezone

from newsroom.clients import client_address

from .models import StaffSession

LAST_ACTIVITY = "accounts.last_activity"  # seconds since the epoch of the user's last request of their own
RECORDED_AS = "accounts.recorded_as"  # the session key its StaffSession row holds; differs once the key is cycled
# Last activity is written (the session and its row saved) at most this often: a page and the assets and requests
# it brings in are one save, not ten, and an idle limit of hours is not a minute more or less.
ACTIVITY_WRITE_SECONDS = 60

# Requests the open page makes by itself, not the person: they never keep a session alive (they are still refused
# once it has idled out). The edit lock's heartbeat goes every 30 s for as long as an article form is open.
# The article form's autosave is not here: it posts only when the text changed since the last one it kept
# (static/js/autosave.js), so each autosave is the editor typing; a form left open sends none.
PASSIVE_VIEWS = {"admin:articles_article_lock"}

# The request being answered, so that ending a user's sessions in a signal can spare the one making the change.
current_request: ContextVar[HttpRequest | None] = ContextVar("accountscurrent_request", default=None)


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def idle_limit_text() -> str:
    seconds = settings.STAFF_SESSION_IDLE_SECONDS
    if seconds % 3600 == 0:
        return f"{seconds // 3600}시간"
    return f"{max(1, round(seconds / 60))}분"


def idle_message() -> str:
    return f"{idle_limit_text()} 넘게 사용하지 않아 로그아웃되었습니다. 다시 로그인해 주세요."


def _moment(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def record(request: HttpRequest, user, now: float | None = None) -> None:
    """Record the request's session as one of `user`'s: at sign-in, and for a session whose key was cycled since
    (a password change keeps its session under a new key) or that was signed in before sessions were recorded."""
    now = time.time() if now is None else now
    session = request.session
    if session.session_key is None:
        session.save()
    fields = {"user_id": user.pk if hasattr(user, "pk") else user, "last_activity": _moment(now), **_where(request)}
    previous = session.get(RECORDED_AS)
    updated = previous and StaffSession.objects.filter(session_key=previous).update(
        session_key=session.session_key, **fields
    )
    if not updated:
        StaffSession.objects.update_or_create(
            session_key=session.session_key, defaults=fields, create_defaults={**fields, "signed_in_at": _moment(now)}
        )
    session[LAST_ACTIVITY] = now
    session[RECORDED_AS] = session.session_key


def _where(request: HttpRequest) -> dict:
    return {
        "address": client_address(request)[:45],
        "user_agent": request.headers.get("User-Agent", "")[:300],
    }


def touch(request: HttpRequest, now: float) -> None:
    """The user made a request of their own: move the session's last activity on, with the address and browser
    it came from (the ones a stolen session is used from, if it comes to that)."""
    request.session[LAST_ACTIVITY] = now
    StaffSession.objects.filter(session_key=request.session.session_key).update(
        last_activity=_moment(now), **_where(request)
    )


def forget(session_key: str | None) -> None:
    if session_key:
        StaffSession.objects.filter(session_key=session_key).delete()


def end_idle(request: HttpRequest) -> JsonResponse | None:
    """Sign out a session that idled past the limit and say so on the next page, which for a page of the admin
    is its login page. A request the page made by itself (the autosave, the lock's heartbeat) is answered with
    JSON the editor's script shows, rather than followed to a login page it could not read."""
    logout(request)
    messages.warning(request, idle_message())
    accepts = request.headers.get("Accept", "")
    match = request.resolver_match
    if (
        request.content_type == "application/json"
        or ("application/json" in accepts and "text/html" not in accepts)
        or (match is not None and match.view_name in PASSIVE_VIEWS)
    ):
        return JsonResponse(
            {
                "error": f"{idle_limit_text()} 넘게 사용하지 않아 로그아웃되었습니다. 이 창의 입력은 마지막 자동 "
                "저장까지 보관되어 있으니, 다시 로그인한 뒤 기사를 열어 되살려 주세요.",
                "signed_out": True,
            },
            status=403,
        )
    return None


def end_sessions(user_id: int, *, spare_current: bool = True) -> int:
    """End every recorded session of the user in the session store, and say how many there were.

    The request making the change keeps its own session (spare_current) when it is the user's: a 관리자 editing
    their own account, or anyone changing their own password, whose session Django then keeps under a new key
    (update_session_auth_hash), as it does for a password change without this module.
    """
    current = current_request.get()
    keep = None
    if spare_current and current is not None and current.session.get(SESSION_KEY) == str(user_id):
        keep = current.session.session_key
    keys = list(StaffSession.objects.filter(user_id=user_id).exclude(session_key=keep).values_list("session_key"))
    store = _store()()
    for (key,) in keys:
        store.delete(key)
    StaffSession.objects.filter(user_id=user_id, session_key__in=[key for (key,) in keys]).delete()
    return len(keys)


def forget_idle(user_id: int) -> None:
    """End the user's recorded sessions that idled out without coming back (nothing else ever ends them)."""
    cutoff = timezone.now() - timedelta(seconds=settings.STAFF_SESSION_IDLE_SECONDS)
    stale = list(StaffSession.objects.filter(user_id=user_id, last_activity__lt=cutoff).values_list("session_key"))
    store = _store()()
    for (key,) in stale:
        store.delete(key)
    StaffSession.objects.filter(session_key__in=[key for (key,) in stale]).delete()


def active_sessions(user) -> list[StaffSession]:
    """The user's sessions that have not idled out, most recently used first."""
    cutoff = timezone.now() - timedelta(seconds=settings.STAFF_SESSION_IDLE_SECONDS)
    return list(StaffSession.objects.filter(user=user, last_activity__gte=cutoff))

"""Staff sessions end after a working day idle (accounts.sessions)."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

from . import sessions


class StaffSessionMiddleware:
    """Signs out a session idle for STAFF_SESSION_IDLE_SECONDS, and moves its last activity on for each request the
    user makes themselves (not the edit lock's heartbeat). After the auth and message middleware: it reads the
    session and leaves a message for the login page.

    Queries: none of its own for a reader with no session; for a signed-in user the session's read (which the admin
    makes anyway), and once a minute at most two writes (the session's, the StaffSession row's)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = sessions.current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            sessions.current_request.reset(token)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        session = request.session
        # A reader with no session cookie: reading the session would mark it accessed, and Vary: Cookie would make
        # a public page private (newsroom.middleware.CacheHeadersMiddleware).
        if session.session_key is None or SESSION_KEY not in session:
            return None
        now = time.time()
        last = session.get(sessions.LAST_ACTIVITY)
        if last is not None and now - last > settings.STAFF_SESSION_IDLE_SECONDS:
            return sessions.end_idle(request)
        if last is None or session.get(sessions.RECORDED_AS) != session.session_key:
            sessions.record(request, session[SESSION_KEY], now)
        elif now - last >= sessions.ACTIVITY_WRITE_SECONDS:
            match = request.resolver_match
            if match is None or match.view_name not in sessions.PASSIVE_VIEWS:
                sessions.touch(request, now)
        return None

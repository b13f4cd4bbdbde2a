from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import escape_uri_path

from .site import absolute_url

KOREAN_WEEKDAYS = "월화수목금토일"


def korean_date_line(day) -> str:
    """The masthead's date line, e.g. `2026.01.04 (일)`."""
    return f"{day:%Y.%m.%d} ({KOREAN_WEEKDAYS[day.weekday()]})"


def canonical_url(request: HttpRequest) -> str:
    """The page's own public address, without the query string (tracking parameters make no other page); a list
    past its first page adds the `?page=N` it actually showed (base.html), never the number as the request gave it."""
    return absolute_url(request, escape_uri_path(request.path))


def newspaper() -> dict[str, str]:
    """The registration facts of the footer (신문법 제21조), as configured."""
    return {
        "registration_number": settings.NEWSPAPER_REGISTRATION_NUMBER,
        "registered_on": settings.NEWSPAPER_REGISTERED_ON,
        "publisher": settings.NEWSPAPER_PUBLISHER,
        "editor": settings.NEWSPAPER_EDITOR,
        "youth_officer": settings.NEWSPAPER_YOUTH_OFFICER,
        "address": settings.NEWSPAPER_ADDRESS,
        "phone": settings.NEWSPAPER_PHONE,
        "email": settings.NEWSPAPER_EMAIL,
    }


def site(request: HttpRequest) -> dict:
    """What every page's masthead, head and footer show; read from settings and the request only, no queries."""
    facts = newspaper()
    return {
        "SITE_NAME": settings.SITE_NAME,
        "today_line": korean_date_line(timezone.localdate()),
        "canonical_url": canonical_url(request),
        "newspaper": facts,
        "site_footer": site_footer(settings.SITE_NAME, tuple(facts.items())),
    }


@lru_cache(maxsize=8)
def site_footer(site_name: str, facts: tuple[tuple[str, str], ...]) -> str:
    """The footer as HTML. It shows settings alone, so it is rendered once per process (and per settings, for the
    tests that change them)."""
    return render_to_string("includes/footer.html", {"SITE_NAME": site_name, "newspaper": dict(facts)})

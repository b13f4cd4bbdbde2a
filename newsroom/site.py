from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse


def absolute_url(request: HttpRequest, path: str) -> str:
    """`path` on the site's public address: SITE_URL when set, else the host the request came in on."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


# The public pages' addresses are resolved once per process (and script prefix), not for every link: `reverse()`
# walks the URL patterns each time, and a page holds dozens of links.

_URL_MARK = "9999999999"


@cache
def _url_parts(name: str, prefix: str) -> tuple[str, str]:
    before, after = reverse(name, args=[_URL_MARK]).split(_URL_MARK)
    return before, after


@cache
def _fixed_url(name: str, prefix: str) -> str:
    return reverse(name)


def fixed_url(name: str) -> str:
    """`reverse(name)` for an address that takes no argument (the front page, the feed, a beacon)."""
    return _fixed_url(name, get_script_prefix())


def public_url(name: str, arg: object) -> str:
    """`reverse(name, args=[arg])` for a one-argument address (an id or a slug). Only for arguments the URL converter
    takes as they are (ids, slugs)."""
    before, after = _url_parts(name, get_script_prefix())
    return f"{before}{arg}{after}"


def public_urls(name: str) -> Callable[[object], str]:
    """`public_url(name, …)` for the many links of one list, the request's script prefix looked up once."""
    before, after = _url_parts(name, get_script_prefix())
    return lambda arg: f"{before}{arg}{after}"

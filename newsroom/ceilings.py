"""How much one address may add to a count that a script could run up: the client's address as the cache keys name
it, and a ceiling on the counts it adds in a window (settings.BEACON_CEILING per BEACON_CEILING_SECONDS).

The address is newsroom.clients' one rule, the same for every counter (banner clicks, view and impression beacons)
and for the sign-in lock: X-Forwarded-For is believed only through settings.TRUSTED_PROXIES, so a forged header
changes nothing.
"""

import logging
import time
from functools import cache as once
from ipaddress import ip_address, ip_network

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from .clients import client_address, is_trusted_proxy

logger = logging.getLogger(__name__)


@once
def _warn_of_an_untrusted_proxy() -> None:
    logger.warning(
        "a request came from this machine with X-Forwarded-For: if a proxy of ours sent it, name it in "
        "TRUSTED_PROXIES, or every reader behind it counts as the one address it has"
    )


def address_key(request: HttpRequest) -> str:
    """The client's address as cache keys name it; '' when the request has none.

    A keyed hash (SECRET_KEY), so that the cache never holds a reader's address: a plain hash of an IPv4 address is
    undone by hashing all four billion of them. An IPv6 address goes by its /64, the network a household or a
    phone is given, or a script could take a fresh address of its own network for each count.
    """
    address = client_address(request)
    if not address:
        return ""
    parsed = ip_address(address)
    if parsed.is_loopback and "X-Forwarded-For" in request.headers and not is_trusted_proxy(address):
        _warn_of_an_untrusted_proxy()
    if parsed.version == 6:
        address = str(parsed.ipv4_mapped or ip_network(f"{parsed}/64", strict=False))
    return salted_hmac("newsroom.ceilings.address", address, algorithm="sha256").hexdigest()[:20]


def under_ceiling(counter: str, request: HttpRequest) -> bool:
    """Whether the client's address may still add to `counter` (`views`, `impressions`) in this window, taking one
    of its BEACON_CEILING counts if so.

    The window is the clock's (the hour, with the default BEACON_CEILING_SECONDS) and named in the key, so that no
    backend's way with an entry's expiry on `incr` matters. `add` and `incr` are atomic, so readers behind one
    address counting at once are each counted until the ceiling and none after it. A request with no address (a
    unix socket's peer) is not held: all of them would share one ceiling. Should the cache be down, the count goes
    on, as it does for a page load's token (first_sighting): a reader lost would be worse than a script not held
    for that while.
    """
    limit = settings.BEACON_CEILING
    who = address_key(request)
    if limit <= 0 or not who:
        return True
    seconds = settings.BEACON_CEILING_SECONDS
    key = f"ceiling:{counter}:{who}:{int(time.time() // seconds)}"
    try:
        if cache.add(key, 1, timeout=seconds):
            return True
        return cache.incr(key) <= limit
    except ValueError:  # the window's entry expired between the two
        return True
    except Exception:
        logger.warning("cache unavailable: counts are not held to BEACON_CEILING per address", exc_info=True)
        return True

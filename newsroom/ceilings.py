"""How much one address may add to a count that a script could run up: the client's address as the cache keys name
it.

The address is newsroom.clients' one rule, the same for every counter (banner clicks, view and impression beacons)
and for the sign-in lock: X-Forwarded-For is believed only through settings.TRUSTED_PROXIES, so a forged header
changes nothing.
"""

import logging
from functools import cache as once
from ipaddress import ip_address, ip_network

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

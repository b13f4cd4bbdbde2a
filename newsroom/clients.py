"""The address a request came from, the one rule for every counter and lock that goes by address (sign-in
lockouts, banner clicks, view beacons).

`REMOTE_ADDR` is the peer that opened the connection. Behind a proxy that is the proxy, and the reader's address is
in `X-Forwarded-For`, which anyone can write: it is believed only as far as the hops that appended to it are proxies
of ours (settings.TRUSTED_PROXIES). Read from the right, each trusted hop vouches for the address before it; the first
address that is not one of ours is the client. A request that does not come through a trusted proxy is its peer.
"""

from functools import cache
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from django.conf import settings
from django.http import HttpRequest


@cache
def _trusted(networks: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    return tuple(ip_network(network, strict=False) for network in networks)


def _parse(value: str) -> str | None:
    """`value` as a normalised address, or None if it is not one (a port, brackets and a zone are dropped)."""
    value = value.strip()
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # 203.0.113.7:51234
        value = value.split(":", 1)[0]
    try:
        return str(ip_address(value.split("%", 1)[0]))
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    parsed = ip_address(address)
    return any(parsed in network for network in _trusted(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """The client's address, normalised (`2001:db8::1`, never `[2001:db8::1]:443`); '' when there is none."""
    peer = _parse(request.META.get("REMOTE_ADDR", "")) or ""
    if not peer or not is_trusted_proxy(peer):
        return peer
    forwarded = [hop for field in request.headers.get("X-Forwarded-For", "").split(",") if (hop := field.strip())]
    for hop in reversed(forwarded):
        address = _parse(hop)
        if address is None:  # a proxy of ours wrote nothing like this: what is left of the header is the client's
            return peer
        if not is_trusted_proxy(address):
            return address
        peer = address
    return peer


class UntrustedForwardingMiddleware:
    """X-Forwarded-Proto is believed, as X-Forwarded-For is, only from a proxy of ours: a request straight from a
    client that says it came over HTTPS is not taken for one (no HSTS, no secure redirect skipped). With no
    TRUSTED_PROXIES set, SECURE_PROXY_SSL_HEADER alone decides, as in Django. First in MIDDLEWARE."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if settings.TRUSTED_PROXIES and "HTTP_X_FORWARDED_PROTO" in request.META:
            peer = _parse(request.META.get("REMOTE_ADDR", ""))
            if peer is None or not is_trusted_proxy(peer):
                del request.META["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)

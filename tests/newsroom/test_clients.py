"""The client's address, as every counter and lock reads it: X-Forwarded-For only through trusted proxies."""

import pytest
from django.test import RequestFactory

from newsroom.clients import client_address


def request_from(peer: str, forwarded: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **headers)


def test_without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_through_a_trusted_proxy_the_address_it_appended_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("127.0.0.1", "203.0.113.7")) == "203.0.113.7"


def test_an_address_a_client_wrote_before_the_proxy_is_not_believed(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("127.0.0.1", "198.51.100.1, 203.0.113.7")) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_is_walked_to_the_first_untrusted_hop(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_address(request_from("127.0.0.1", "1.2.3.4, 203.0.113.7, 10.1.2.3")) == "203.0.113.7"


def test_a_request_not_through_a_trusted_proxy_cannot_claim_another_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request_from("203.0.113.7", "10.0.0.1")) == "203.0.113.7"


@pytest.mark.parametrize("garbage", ["not-an-address", "203.0.113.7\x00", "", ", ,", "999.1.1.1"])
def test_a_header_with_garbage_falls_back_to_the_proxy_itself(settings, garbage):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request_from("127.0.0.1", garbage)) == "127.0.0.1"


def test_ipv6_with_port_and_brackets_is_one_address(settings):
    settings.TRUSTED_PROXIES = ["::1"]
    assert client_address(request_from("::1", "[2001:DB8::1]:443")) == "2001:db8::1"
    assert client_address(request_from("::1", "203.0.113.7:51234")) == "203.0.113.7"

"""Staff with their roles, and the browsers they sign in from."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from articles.models import Reporter

MORNING = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 09:00 in Seoul, a Monday
LAPTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


@pytest.fixture
def clock():
    """The clock, stopped at 09:00 in Seoul; `clock.shift(timedelta)` moves it on."""
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def yoon(make_member, reporter) -> User:
    """윤슬, a reporter with a login linked to her byline."""
    user = make_member("yoon", "기자")
    Reporter.objects.filter(pk=reporter.pk).update(user=user)
    return user


@pytest.fixture
def desk(make_member) -> User:
    return make_member("desk", "데스크")


@pytest.fixture
def chief(make_member) -> User:
    """A 관리자, who runs the accounts."""
    return make_member("chief", "관리자")


@pytest.fixture
def signed_in(db):
    """A browser signed in as `user` (a laptop's User-Agent, from `address`)."""

    def sign_in(user: User, address: str = "203.0.113.7") -> Client:
        browser = Client(headers={"User-Agent": LAPTOP}, REMOTE_ADDR=address)
        browser.force_login(user)
        return browser

    return sign_in

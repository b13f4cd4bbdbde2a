"""A little newsroom for the tests: factories that create only what a test names."""

import itertools
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import timezone

from ads.models import Banner
from articles.models import Article, Byline, RelatedPick, Reporter, Section, Series
from demo.images import banner_image
from tests.workers import start_worker  # noqa: F401  (a real Celery worker, for the tests that ask for one)

_numbers = itertools.count(1)

# What a reader's browser sends; the test client sends no User-Agent, and views from such clients are not counted.
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


@pytest.fixture
def reader(db) -> Client:
    """A reader's browser: its page views and banner clicks count."""
    return Client(headers={"User-Agent": BROWSER})


@pytest.fixture
def reader_headers() -> dict[str, str]:
    """The headers of a reader's browser, for a client a test makes itself (or the admin's)."""
    return {"User-Agent": BROWSER}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory) -> None:
    """On SQLite, a test database in a file rather than in memory, as the site runs: parallel requests then wait
    for the write lock (WAL, busy timeout) instead of failing as they do on a shared in-memory database."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Passwords hashed with MD5 in tests: the real hasher spends its million PBKDF2 rounds on purpose, for every
    user a test creates and every log-in."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _staff_sign_in_with_both_factors():
    """`client.force_login(user)` signs in as the admin lets the account in: with its second factor given too, from
    an authenticator app set up for it, where the account has to give one (데스크, 관리자). Signing in through the
    forms, the lockout and the second factor's own pages are tested in tests/accounts."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.twofactor import APP_DEVICE, asks_for_code

    sign_in = Client.force_login

    def force_login(self, user, backend=None):
        sign_in(self, user, backend)
        if user.is_staff and asks_for_code(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    with mock.patch.object(Client, "force_login", force_login):
        yield


@pytest.fixture(autouse=True, scope="session")
def _jobs_run_eagerly():
    """Background jobs run at once in the test's own process, whatever a developer's .env says
    (CELERY_BROKER_URL); a test that needs a real worker asks for `start_worker` (tests/workers.py)."""
    from newsroom.celery import app

    app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with empty caches: the shared one and the page cache."""
    for each in caches.all():
        each.clear()


@pytest.fixture
def make_section(db):
    def make(name: str | None = None, **fields) -> Section:
        n = next(_numbers)
        return Section.objects.create(name=name or f"섹션{n}", slug=fields.pop("slug", f"section-{n}"), **fields)

    return make


@pytest.fixture
def make_series(db):
    def make(name: str | None = None, **fields) -> Series:
        n = next(_numbers)
        return Series.objects.create(name=name or f"연재{n}", slug=fields.pop("slug", f"series-{n}"), **fields)

    return make


@pytest.fixture
def make_reporter(db):
    def make(name: str = "윤슬", **fields) -> Reporter:
        return Reporter.objects.create(name=name, **fields)

    return make


@pytest.fixture
def make_member(db):
    """A staff login in one of the newsroom's roles: 기자, 데스크 or 관리자."""

    def make(username: str, role: str) -> User:
        user = User.objects.create_user(username, password="pw-for-tests-only", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def section(make_section) -> Section:
    return make_section("빅테크", slug="bigtech")


@pytest.fixture
def reporter(make_reporter) -> Reporter:
    return make_reporter("윤슬", email="yoonseul@newsspace.example")


@pytest.fixture
def make_article(db, section, reporter):
    """A published article (an hour old unless told), by `reporter` in `section` unless told otherwise."""

    def make(
        headline: str | None = None,
        *,
        reporters: list[Reporter] | None = None,
        related: list[Article] = (),
        age: timedelta = timedelta(hours=1),
        **fields,
    ) -> Article:
        fields.setdefault("section", section)
        fields.setdefault("status", Article.Status.PUBLISHED)
        if fields["status"] == Article.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now() - age)
        fields.setdefault("body", "<p>본문 첫 문단입니다.</p>")
        article = Article.objects.create(headline=headline or f"기사 {next(_numbers)}", **fields)
        for position, person in enumerate([reporter] if reporters is None else reporters):
            Byline.objects.create(article=article, reporter=person, position=position)
        for position, other in enumerate(related):
            RelatedPick.objects.create(from_article=article, to_article=other, position=position)
        return article

    return make


@pytest.fixture
def make_banner(db):
    def make(slot: str, **fields) -> Banner:
        fields.setdefault("link_url", "https://ad.example/")
        banner = Banner(name=fields.pop("name", f"배너 {slot}"), slot=slot, **fields)
        banner.alt_text = banner.alt_text or f"{slot} 광고"
        banner.image.save(f"{slot}.jpg", banner_image((300, 100), slot), save=False)
        banner.save()
        return banner

    return make

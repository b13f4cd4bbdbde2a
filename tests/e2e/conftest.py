"""Real-browser tests: Playwright driving the system's Chromium against a live test server.

They run when /usr/bin/chromium exists and are skipped, with the reason printed, when it does not;
with E2E_REQUIRED=1 (as in CI) a missing Chromium is an error instead.
"""

import contextlib
import os
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor import APP_DEVICE, asks_for_code
from demo.loader import load_demo
from demo.weather import load_demo_weather

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"

# Playwright's sync API keeps an event loop in the test's thread; the ORM calls the tests make there are plain
# blocking calls, which Django would otherwise refuse inside a running loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    e2e_items = [item for item in items if here in Path(item.fspath).parents]
    if not e2e_items or CHROMIUM.exists():
        return
    if os.environ.get("E2E_REQUIRED") == "1":
        raise pytest.UsageError(f"E2E_REQUIRED=1 but there is no Chromium at {CHROMIUM}: apt-get install chromium")
    skip = pytest.mark.skip(
        reason=f"Chromium이 없어 브라우저 테스트를 건너뜁니다 ({CHROMIUM}; apt-get install chromium)"
    )
    for item in e2e_items:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def _rows_the_migrations_made(transactional_db):
    """A live-server test empties every table when it ends; the roles come back by themselves (post_migrate),
    the weather stations and spelling variants data migrations made are put back here for the next test."""
    import importlib

    from django.apps import apps

    importlib.import_module("weather.migrations.0002_stations").create_stations(apps, None)
    from search.models import SpellingVariant

    seed = importlib.import_module("search.migrations.0004_spelling_variants").COMMON
    SpellingVariant.objects.bulk_create(
        [SpellingVariant(word=word, variants=variants) for word, variants in seed.items()], ignore_conflicts=True
    )


@pytest.fixture
def log_in(live_server):
    """Signs in through the admin's login form, as a person would: log_in(page, username, password, then=…). An
    account that must give a second factor (데스크, 관리자) has an authenticator app set up for it, and the code
    its app would show is typed on the page that asks for it."""

    def sign_in(page, username: str, password: str, then: str = "/admin/") -> None:
        page.goto(f"{live_server.url}/admin/login/?next={then}")
        page.get_by_label("사용자 이름:").fill(username)
        page.get_by_label("비밀번호:").fill(password)
        user = User.objects.filter(username=username).first()
        device = None
        if user is not None and user.is_staff and asks_for_code(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=True)
        page.get_by_role("button", name="로그인").click()
        if device is not None:
            page.wait_for_url("**/admin/two-factor/")
            page.get_by_label("인증 코드").fill(code_of(device))
            page.get_by_role("button", name="확인").click()

    return sign_in


def code_of(device) -> str:
    """The code `device`'s authenticator app shows now, or the next one if this one was used already (a code
    signs in once): as an app computes it, from the secret and the clock."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def compose():
    """What a 두벌식 IME sends while one syllable is built up key by key: compose(cdp, "ㄱ", "구", "국")."""

    def send(cdp, *steps: str) -> None:
        for text in steps:
            cdp.send("Input.imeSetComposition", {"text": text, "selectionStart": len(text), "selectionEnd": len(text)})

    return send


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    """The demo paper, its photos and banners in this test's media folder, and its weather."""
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    load_demo_weather()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        yield browser
        browser.close()


# Registered in every page before its own scripts run: each thing the Content-Security-Policy blocks (or, in
# report-only mode, would block) is handed to the test, which fails at its end if there was any.
_RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.recordPolicyViolation({
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    where: `${event.sourceFile || event.documentURI}:${event.lineNumber}`,
  });
}, true);
"""


def watch_policy_violations(context) -> list[dict]:
    """The Content-Security-Policy violations of every page `context` opens, as they happen."""
    violations = []
    context.expose_binding("recordPolicyViolation", lambda source, violation: violations.append(violation))
    context.add_init_script(_RECORD_VIOLATIONS)
    return violations


def fail_on_policy_violations(violations: list[dict]) -> None:
    if violations:
        pytest.fail(
            "Content-Security-Policy가 막은 것이 있습니다:\n"
            + "\n".join(
                f"  {v['directive']}: {v['blocked'] or '(inline)'} at {v['where']} {v['sample'] or ''}".rstrip()
                for v in violations
            ),
            pytrace=False,
        )


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    violations = watch_policy_violations(context)
    page = context.new_page()
    yield page
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", full_page=True)
    close_quietly(context, request)
    fail_on_policy_violations(violations)


# What a reader's desktop Chrome sends: headless Chromium's own User-Agent says HeadlessChrome, which
# audience.readers takes for a script, so pages that count readers are opened with this one.
READER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
)


def close_quietly(context, request) -> None:
    """Closes a browser context leaving no request behind. A page left with an article form open autosaves as it
    goes (a keepalive request), and a request still running while the test's tables are emptied makes
    PostgreSQL's TRUNCATE deadlock with it; so new requests are refused, each page is left, and the live server's
    requests already running are waited for."""
    from playwright.sync_api import Error as PlaywrightError

    context.route("**/*", lambda route: route.abort())
    for page in context.pages:
        page.on("dialog", lambda dialog: dialog.accept())  # 'leave with unsaved changes?'
        with contextlib.suppress(PlaywrightError):  # a page that cannot be left is closed with its context
            page.goto("about:blank", timeout=5_000)
    context.close()
    if "live_server" in request.fixturenames:
        server = request.getfixturevalue("live_server").thread.httpd
        for thread in list(getattr(server, "_threads", None) or []):
            thread.join(timeout=10)


@pytest.fixture
def open_page(browser, request):
    """A page in a browser context of its own: open_page(user_agent=…, java_script_enabled=…), a reader's browser
    unless told; each context is closed when the test ends."""
    contexts = []

    def open_(user_agent: str = READER_AGENT, **options):
        context = browser.new_context(
            locale="ko-KR",
            timezone_id="Asia/Seoul",
            viewport={"width": 1280, "height": 900},
            user_agent=user_agent,
            **options,
        )
        context.set_default_timeout(15_000)
        contexts.append((context, watch_policy_violations(context)))
        return context.new_page()

    violations = []
    yield open_
    for context, seen in contexts:
        close_quietly(context, request)
        violations.extend(seen)
    fail_on_policy_violations(violations)

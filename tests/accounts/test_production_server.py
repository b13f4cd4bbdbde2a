"""Signing in against the site as production runs it: gunicorn with the shipped configuration, DEBUG=false, the
README's HTTPS settings behind a proxy that says the request came over HTTPS, on a PostgreSQL database of its own.

Fifty wrong passwords for one account from one address are refused with 429 long before the tenth, another account
from the same address still signs in, and the right password works again once the cool-off has passed. Slow (it
waits out a one-minute cool-off), so it runs in the PostgreSQL leg alone, as production does.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
PASSWORD = "a-long-password-for-tests"
READER = "198.51.100.23"  # the one address every attempt comes from, as the proxy passes it on


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def production_database():
    """A PostgreSQL database of the test's own, dropped afterwards: the server runs in other processes."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("production runs on PostgreSQL; this server test runs in the PostgreSQL leg")
    name = f"newsroom_prod_{uuid.uuid4().hex[:8]}"
    server = f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    subprocess.run(["createdb", "-h", database["HOST"] or "127.0.0.1", "-U", database["USER"], name], check=True)
    try:
        yield f"{server}/{name}"
    finally:
        subprocess.run(["dropdb", "-h", database["HOST"] or "127.0.0.1", "-U", database["USER"], "--force", name])


@pytest.fixture(scope="module")
def production_server(production_database, tmp_path_factory):
    """The site under gunicorn with production settings, its database migrated and two accounts made."""
    port = _free_port()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "SECURE", "DEBUG"))},
        "DEBUG": "false",
        "SECRET_KEY": "production-like-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": production_database,
        "TRUSTED_PROXIES": "127.0.0.1",
        "SECURE_PROXY_SSL_HEADER": "true",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "LOGIN_FAILURE_LIMIT": "5",
        "LOGIN_COOLOFF_MINUTES": "1",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": "off",
        **{f"NEWSPAPER_{name}": "테스트" for name in ["REGISTRATION_NUMBER", "PUBLISHER", "EDITOR", "YOUTH_OFFICER"]},
        "NEWSPAPER_REGISTERED_ON": "2020-01-01",
        "NEWSPAPER_ADDRESS": "서울",
        "NEWSPAPER_PHONE": "02-000-0000",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, capture_output=True)
    accounts = (
        "from django.contrib.auth.models import Group, User\n"
        "for name, role in [('desk', '데스크'), ('yoon', '기자')]:\n"
        f"    user = User.objects.create_user(name, password={PASSWORD!r}, is_staff=True)\n"
        "    user.groups.add(Group.objects.get(name=role))\n"
    )
    subprocess.run([*manage, "shell", "-c", accounts], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=40)


class Browser:
    """A browser behind the proxy: every request arrives as HTTPS from READER, and keeps its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {
            "X-Forwarded-For": READER,
            "X-Forwarded-Proto": "https",
            "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        data = None
        if body is not None:
            data = urlencode(body)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://127.0.0.1:{self.port}/admin/login/",
            }
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response

    def sign_in(self, username: str, password: str) -> http.client.HTTPResponse:
        form = self.request("GET", "/admin/login/?next=/admin/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        return self.request(
            "POST",
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
        )


def test_fifty_wrong_passwords_are_refused_with_429_and_the_right_one_works_after_the_cool_off(production_server):
    guesser = Browser(production_server)

    statuses = [guesser.sign_in("desk", f"guess-{n}").status for n in range(50)]

    first_refusal = statuses.index(429)
    assert first_refusal < 9  # before the tenth
    assert set(statuses[first_refusal:]) == {429}
    refused = guesser.sign_in("desk", PASSWORD)
    assert refused.status == 429
    assert "로그인이 잠시 잠겼습니다" in refused.text
    assert "Content-Security-Policy" in refused.headers and "Strict-Transport-Security" in refused.headers

    colleague = Browser(production_server)
    signed_in = colleague.sign_in("yoon", PASSWORD)
    assert signed_in.status == 302 and signed_in.headers["Location"] == "/admin/"
    assert colleague.request("GET", "/admin/").status == 200

    time.sleep(61)  # LOGIN_COOLOFF_MINUTES=1 after the last failure
    after = Browser(production_server).sign_in("desk", PASSWORD)
    assert after.status == 302  # on to the second factor
    assert after.headers["Location"] == "/admin/"


def test_plain_http_is_sent_to_https_but_the_health_checks_answer(production_server):
    connection = http.client.HTTPConnection("127.0.0.1", production_server, timeout=10)
    connection.request("GET", "/admin/login/", headers={"X-Forwarded-Proto": "http"})
    redirected = connection.getresponse()
    redirected.read()
    assert redirected.status == 301
    assert redirected.headers["Location"] == f"https://127.0.0.1:{production_server}/admin/login/"

    connection.request("GET", "/readyz", headers={"X-Forwarded-Proto": "http"})
    assert connection.getresponse().status == 200

"""HTTPS in production, with the README's settings: Django's deployment check passes with no warning, answers
over HTTPS carry Strict-Transport-Security, plain HTTP is sent to https:// but for the load balancer's checks."""

import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

PROJECT = Path(__file__).resolve().parents[2]


def readme_production_settings() -> dict[str, str]:
    """The settings block of the README's "Running in production", as an operator fills it in: a fresh key, and
    a value of their own where the README leaves `…`."""
    readme = (PROJECT / "README.md").read_text()
    section = readme.split("## Running in production", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    found = {}
    for line in block.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, value = line.split("=", 1)
        if value.startswith("$("):
            value = secrets.token_urlsafe(50)
        value = shlex.split(value)[0] if value else value
        found[name] = "예시" if value == "…" else value
    return found


def test_the_deployment_check_passes_without_a_warning_with_the_readme_s_production_settings():
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "DEBUG", "SECURE"))}
    settings = readme_production_settings()
    assert settings["DEBUG"] == "false"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env={**env, **settings},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.fixture
def production_transport(settings):
    """The README's transport settings on the test server: behind a proxy that says the scheme it was asked on."""
    production = readme_production_settings()
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = production["SECURE_SSL_REDIRECT"] == "true"
    settings.SECURE_HSTS_SECONDS = int(production["SECURE_HSTS_SECONDS"])
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] == "true"
    settings.SECURE_HSTS_PRELOAD = production["SECURE_HSTS_PRELOAD"] == "true"


def test_an_answer_over_https_behind_the_proxy_carries_strict_transport_security(db, production_transport):
    page = Client().get("/", headers={"X-Forwarded-Proto": "https"})

    assert page.status_code == 200
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_the_admin_s_login_over_https_carries_it_too(db, production_transport):
    page = Client().get("/admin/login/", headers={"X-Forwarded-Proto": "https"})

    assert page.status_code == 200
    assert "includeSubDomains" in page["Strict-Transport-Security"]


def test_a_client_that_is_not_a_proxy_of_ours_cannot_say_it_came_over_https(db, production_transport, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    through_nginx = Client(REMOTE_ADDR="127.0.0.1").get("/", headers={"X-Forwarded-Proto": "https"})
    straight = Client(REMOTE_ADDR="203.0.113.7").get("/", headers={"X-Forwarded-Proto": "https"})

    assert through_nginx.status_code == 200 and "Strict-Transport-Security" in through_nginx
    assert straight.status_code == 301 and straight["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in straight


def test_plain_http_is_sent_on_to_https(db, production_transport):
    page = Client().get("/search/?q=경제", headers={"X-Forwarded-Proto": "http"})

    assert page.status_code == 301
    assert page["Location"].startswith("https://testserver/search/?q=")
    assert "Strict-Transport-Security" not in page  # never over plain HTTP, as the standard says


@pytest.mark.parametrize("check", ["/healthz", "/readyz"])
def test_the_load_balancer_s_checks_answer_over_plain_http(db, production_transport, check):
    assert Client().get(check, headers={"X-Forwarded-Proto": "http"}).status_code == 200

"""Health for load balancers, and the pages while the database cannot be reached: 503 with Retry-After, quickly.

The database is made unreachable without touching the machine's PostgreSQL: the connection is pointed at a port
nobody listens on (PostgreSQL) or at a file that cannot be opened (SQLite), or, in a fresh interpreter, at a
listener on 127.0.0.1 that accepts connections and never says a word.
"""

import json
import logging
import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.test.html import parse_html

from ..pages import find, text

PROJECT = Path(__file__).resolve().parents[2]
# What a reader waits at most for the 503 page. A bound, not a benchmark.
QUICKLY = 2.0


def closed_port() -> int:
    """A port on 127.0.0.1 that nobody listens on: the kernel refuses at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def silent_listener() -> Iterator[int]:
    """A server on 127.0.0.1 that accepts every connection and never sends a byte; yields its port."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    accepted, stopping = [], threading.Event()

    def accept() -> None:
        while not stopping.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stopping.set()
        thread.join()
        for peer in accepted:
            peer.close()
        server.close()


@pytest.fixture
def database_unreachable(django_db_blocker, tmp_path) -> Iterator[None]:
    """The default connection pointed where no database answers; put back as it was afterwards."""
    database = connection.settings_dict
    saved = dict(database)
    if connection.vendor == "postgresql":
        unreachable = {"HOST": "127.0.0.1", "PORT": str(closed_port())}
    else:
        unreachable = {"NAME": str(tmp_path / "no such folder" / "newsroom.sqlite3")}
    with django_db_blocker.unblock():
        connection.close()
        database.update(unreachable)
        try:
            yield
        finally:
            connection.close()
            database.clear()
            database.update(saved)


def timed_get(client: Client, url: str):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_healthz_answers_ok_without_the_database_or_the_cache(client):
    # No `db` fixture: pytest-django refuses any database access, and the cache refuses too.
    unused = AssertionError("the cache was used")
    with mock.patch.object(cache, "get", side_effect=unused), mock.patch.object(cache, "set", side_effect=unused):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == "ok\n"
    assert "no-store" in response["Cache-Control"]


def test_readyz_names_each_check_that_passed(client, db):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.text == "database: ok\ncache: ok\n"
    assert "no-store" in response["Cache-Control"]


def test_readyz_answers_503_naming_the_cache_when_the_cache_is_down(client, db):
    with mock.patch.object(cache, "set", side_effect=ConnectionError("Error 111 connecting to 127.0.0.1:6379.")):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.text == "database: ok\ncache: failed\n"
    assert "6379" not in response.text


def test_with_the_database_unreachable_healthz_stays_200_and_readyz_answers_503_quickly(client, database_unreachable):
    health, _ = timed_get(client, "/healthz")
    ready, waited = timed_get(client, "/readyz")

    assert health.status_code == 200
    assert ready.status_code == 503
    assert ready.text == "database: failed\ncache: ok\n"
    assert "no-store" in ready["Cache-Control"]
    assert waited < QUICKLY


@pytest.mark.parametrize("url", ["/", "/articles/1/", "/sections/bigtech/"])
def test_with_the_database_unreachable_pages_answer_503_with_retry_after_and_the_korean_page_quickly(
    client, settings, database_unreachable, url
):
    settings.DATABASE_RETRY_AFTER = 45

    response, waited = timed_get(client, url)

    assert response.status_code == 503
    assert response["Retry-After"] == "45"
    assert response["Cache-Control"] == "no-store"
    page = parse_html(response.text)
    assert text(find(page, "h1")) == "잠시 후 다시 찾아 주세요"
    assert "잠시 후 다시 시도해 주세요" in response.text
    assert "unable to open" not in response.text and "refused" not in response.text
    assert waited < QUICKLY


def test_the_outage_is_logged_once_per_request_without_the_database_password(client, settings, caplog):
    password = "pw-Zq81-never-logged"
    settings.DATABASES["default"]["PASSWORD"] = password  # the settings fixture puts it back

    def refuse(connection: BaseDatabaseWrapper) -> None:
        # As a driver may word it, quoting the connection string it was given.
        raise OperationalError(f'connection to "postgres://newsroom:{password}@db.internal:5432/newsroom" refused')

    with (
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", autospec=True, side_effect=refuse),
        caplog.at_level(logging.INFO),
    ):
        response = client.get("/articles/1/")

    assert response.status_code == 503
    outage = [record for record in caplog.records if record.name == "newsroom.middleware"]
    assert len(outage) == 1
    assert "db.internal:5432" in outage[0].getMessage() and outage[0].exc_info is None
    assert password not in caplog.text
    assert password not in response.text


# A fresh interpreter with DATABASE_URL pointing at PostgreSQL on 127.0.0.1: the settings as production composes
# them, and psycopg really connecting, whichever database this test run uses.
PROBE = """
    import json, time
    import django
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment
    setup_test_environment()
    client, seen = Client(), {"options": settings.DATABASES["default"]["OPTIONS"]}
    for url in URLS:
        started = time.monotonic()
        response = client.get(url)
        seen[url] = {"status": response.status_code, "seconds": time.monotonic() - started,
                     "retry_after": response.get("Retry-After"), "body": response.text}
    print(json.dumps(seen))
"""


def probe(port: int, *urls: str, **env: str) -> dict:
    base = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    script = f"URLS = {list(urls)!r}\n" + textwrap.dedent(PROBE)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DATABASE_URL": f"postgres://newsroom:pw-for-tests-only@127.0.0.1:{port}/newsroom",
            "CACHE_URL": "locmemcache://",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "pw-for-tests-only" not in result.stderr
    return json.loads(result.stdout)


def test_postgresql_connections_have_a_connect_timeout_and_tcp_keepalives():
    seen = probe(closed_port(), DATABASE_CONNECT_TIMEOUT="3", DATABASE_STATEMENT_TIMEOUT="5")

    assert seen["options"] == {
        "connect_timeout": 3,
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": 3000,
        "options": "-c statement_timeout=5000",
    }


def test_postgresql_refusing_connections_gets_503_at_once():
    seen = probe(closed_port(), "/healthz", "/readyz", "/")

    assert seen["/healthz"]["status"] == 200
    assert (seen["/readyz"]["status"], seen["/readyz"]["body"]) == (503, "database: failed\ncache: ok\n")
    assert (seen["/"]["status"], seen["/"]["retry_after"]) == (503, "30")
    assert seen["/readyz"]["seconds"] < QUICKLY
    assert seen["/"]["seconds"] < QUICKLY


def test_postgresql_that_accepts_and_never_answers_costs_a_request_only_the_connect_timeout():
    with silent_listener() as port:
        seen = probe(port, "/healthz", "/readyz", "/", "/articles/1/")

    assert seen["/healthz"]["status"] == 200
    assert seen["/healthz"]["seconds"] < 0.5
    assert seen["/readyz"]["status"] == 503
    assert (seen["/"]["status"], seen["/"]["retry_after"]) == (503, "30")
    assert (seen["/articles/1/"]["status"], seen["/articles/1/"]["retry_after"]) == (503, "30")
    # psycopg waits 2 s at the least (DATABASE_CONNECT_TIMEOUT=2, the default): one attempt per request, no more.
    for url in ["/readyz", "/", "/articles/1/"]:
        assert seen[url]["seconds"] < QUICKLY + 0.5, seen

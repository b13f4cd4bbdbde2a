"""A real Celery worker for the tests that need one: `start_worker` (a pytest fixture, in every test folder).

Every other test runs its jobs eagerly, in its own process (`_jobs_run_eagerly` in tests/conftest.py). A test that
asks for `start_worker` gets a real `celery -A newsroom worker --pool solo` in a subprocess, against the machine's
Redis (TEST_CELERY_BROKER_URL, by default the scratch database 15 of 127.0.0.1:6379) and the test database itself,
and the test's own `.delay()` goes to that worker through the broker:

    def test_purge_through_a_worker(start_worker, stand_in):
        worker = start_worker(PURGE_BACKEND="http", PURGE_URL=stand_in.base)  # the worker's own settings, as env
        result = purge_urls.delay(["/articles/1/"])
        assert result.get(timeout=20) == …   # only for a job that keeps its result (ignore_result=False)
        assert "purged" in worker.log()        # what the worker printed so far

- The worker is its own process: what a test sets with pytest-django's `settings` does not reach it; pass its
  settings as environment variables to `start_worker(**env)` (they are read by newsroom/settings.py as usual).
  Its cache is its own too (locmem) unless a CACHE_URL is given to both.
- It reads the rows the test has committed: the fixture uses `transactional_db`, so nothing the test writes is
  hidden in a transaction, and the tables are emptied after the test (the weather stations a migration made are
  put back before it). On SQLite the test database is a file (tests/conftest.py), which both processes open; an
  in-memory one is skipped.
- Each worker listens on a queue of its own, and the test's jobs are routed to it, so that two test runs on one
  machine never take each other's jobs. It is stopped (warm shutdown, then killed) when the test ends.
- Without Redis on 127.0.0.1 the test is skipped, saying so; with WORKER_REQUIRED=1 (as in CI, `.ci/run`) that is
  an error instead. Time limits are not enforced by the solo pool; everything else is as in production.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import kombu.pools
import pytest

ROOT = Path(__file__).resolve().parents[1]
BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
READY_SECONDS = 30


def broker_answers(url: str = BROKER_URL) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def database_url() -> str:
    """The test database, as DATABASE_URL, for the worker."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = str(database["NAME"])
        if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
            pytest.skip("실제 워커는 메모리의 SQLite 테스트 데이터베이스를 볼 수 없습니다 (파일이나 PostgreSQL로)")
        return f"sqlite:///{Path(name).resolve()}"
    if database["ENGINE"] == "django.db.backends.postgresql":
        user = quote(database.get("USER") or "", safe="")
        password = quote(database.get("PASSWORD") or "", safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = database.get("HOST") or "127.0.0.1"
        port = database.get("PORT") or 5432
        return f"postgres://{auth}{host}:{port}/{quote(database['NAME'], safe='')}"
    pytest.skip(f"실제 워커 테스트가 모르는 데이터베이스입니다: {database['ENGINE']}")


class Worker:
    """A running `celery -A newsroom worker` and what it has printed."""

    def __init__(self, process: subprocess.Popen, log_path: Path, queue: str) -> None:
        self.process = process
        self.log_path = log_path
        self.queue = queue

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if " ready." in self.log():
                return
            if self.process.poll() is not None:
                pytest.fail(f"Celery 워커가 시작하지 못했습니다 (종료 코드 {self.process.returncode}):\n{self.log()}")
            time.sleep(0.1)
        pytest.fail(f"Celery 워커가 {READY_SECONDS}초 안에 준비되지 않았습니다:\n{self.log()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # warm shutdown: the job in hand is finished first
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


@contextmanager
def jobs_sent_to(broker_url: str, queue: str) -> Iterator[None]:
    """The test process's jobs go through the broker to `queue` instead of running eagerly, until the block ends."""
    from newsroom.celery import app

    keys = ("task_always_eager", "broker_url", "task_default_queue")
    saved = {key: app.conf[key] for key in keys}

    def fresh_connections() -> None:
        # kombu keeps one pool per broker address for the whole process: a closed one left there would be handed
        # back to the next job sent to that address (eager jobs too acquire a producer), failing it.
        kombu.pools.reset()
        app._pool = None
        app.__dict__.pop("amqp", None)  # its queues, router and producers were made for the old settings

    app.conf.update(task_always_eager=False, broker_url=broker_url, task_default_queue=queue)
    fresh_connections()
    try:
        yield
    finally:
        app.conf.update(saved)
        fresh_connections()


@pytest.fixture
def start_worker(transactional_db, tmp_path) -> Iterator:
    """start_worker(**env) -> Worker: a real Celery worker for this test (see this module's docstring)."""
    if not broker_answers():
        if os.environ.get("WORKER_REQUIRED") == "1":
            pytest.fail(f"WORKER_REQUIRED=1인데 Redis가 답하지 않습니다 ({BROKER_URL}): redis-server를 시작하세요")
        pytest.skip(f"Redis가 답하지 않아 실제 워커 테스트를 건너뜁니다 ({BROKER_URL}; apt-get install redis-server)")
    import importlib

    from django.apps import apps

    importlib.import_module("weather.migrations.0002_stations").create_stations(apps, None)
    workers: list[Worker] = []
    queue = f"test-{uuid.uuid4().hex[:12]}"

    def start(**env: str) -> Worker:
        log_path = tmp_path / f"worker-{len(workers)}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": BROKER_URL,
            "CONN_MAX_AGE": "0",  # no connection is left open on the test database when the worker stops
            "no_proxy": "127.0.0.1,localhost",
            "NO_PROXY": "127.0.0.1,localhost",
            **env,
        }
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsroom",
            "worker",
            "--pool",
            "solo",
            "--queues",
            queue,
            "--hostname",
            f"{queue}-{len(workers)}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
        ]
        with log_path.open("wb") as log:
            process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
        worker = Worker(process, log_path, queue)
        workers.append(worker)
        worker.wait_until_ready()
        return worker

    with jobs_sent_to(BROKER_URL, queue):
        try:
            yield start
        finally:
            for worker in workers:
                worker.stop()
            _delete_queue(queue)


def _delete_queue(queue: str) -> None:
    """Whatever the test left queued goes with its queue, and its bindings with it (declared to be deleted)."""
    from kombu import Connection, Exchange, Queue

    try:
        with Connection(BROKER_URL, connect_timeout=2) as connection:
            channel = connection.default_channel
            declared = Queue(queue, Exchange(queue), routing_key=queue)(channel)
            declared.declare()
            declared.delete()
            channel.exchange_delete(queue)
    except Exception:  # the broker went away: nothing is left to delete
        pass

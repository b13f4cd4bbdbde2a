"""The shipped gunicorn configuration serves the site and writes one access line a request."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def serve_robots(tmp_path, **env: str) -> tuple[bytes, int, str]:
    """robots.txt from gunicorn run with the shipped configuration: the page, the exit code and what it logged."""
    port = free_port()
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        **env,
    }
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        robots = wait_for(f"http://127.0.0.1:{port}/robots.txt")
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=40)
    return robots, server.returncode, output


def test_gunicorn_with_the_shipped_configuration_serves_pages_and_logs_them(tmp_path):
    robots, returncode, output = serve_robots(tmp_path)

    assert b"Sitemap:" in robots
    assert returncode == 0
    assert "Booting worker" in output
    assert '"GET /robots.txt HTTP/1.1" 200' in output
    assert "ms " in output.split('"GET /robots.txt HTTP/1.1" 200', 1)[1].splitlines()[0]


def test_the_access_log_can_be_left_to_the_proxy(tmp_path):
    robots, returncode, output = serve_robots(tmp_path, GUNICORN_ACCESS_LOG="off")

    assert b"Sitemap:" in robots and returncode == 0
    assert "Booting worker" in output
    assert "GET /robots.txt" not in output

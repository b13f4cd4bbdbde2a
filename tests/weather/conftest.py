"""A little KMA for the weather tests: its sample answers, and a stand-in server on 127.0.0.1."""

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

# Responses in each of KMA's formats, values from the 2026-01-04 12:00 readings of the model page.
SAMPLES = Path(__file__).resolve().parent / "kma_samples"


def read_sample(name: str) -> str:
    """The text of a sample KMA response."""
    return (SAMPLES / name).read_text(encoding="utf-8")


@dataclass
class ScriptedKMA:
    """Answers each request with the next scripted (status, body[, delay]) and records the request paths."""

    base: str
    responses: list[tuple] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def queries(self) -> list[dict[str, str]]:
        return [{k: v[0] for k, v in parse_qs(urlsplit(path).query).items()} for path in self.paths]


@pytest.fixture
def scripted_kma(monkeypatch) -> Iterator[ScriptedKMA]:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")  # a developer's proxy must not intercept the stand-in
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    script: ScriptedKMA

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            script.paths.append(self.path)
            status, body, *delay = script.responses.pop(0) if script.responses else (500, "no scripted response")
            time.sleep(delay[0] if delay else 0)
            payload = body if isinstance(body, bytes) else body.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (timeout tests)
                pass

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    script = ScriptedKMA(base=f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield script
    server.shutdown()
    server.server_close()

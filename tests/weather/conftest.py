import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "kma"


@pytest.fixture
def sample():
    """The text of a sample response in ../shared/kma/."""

    def read(name: str) -> str:
        return (SAMPLES / name).read_text(encoding="utf-8")

    return read


@pytest.fixture
def kma_server():
    """A stand-in for KMA on 127.0.0.1: answers each request with the next scripted (status, body)."""

    class Server(ThreadingHTTPServer):
        responses: list[tuple[int, str]] = []
        paths: list[str] = []

        @property
        def url(self) -> str:
            return f"http://127.0.0.1:{self.server_address[1]}/api"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.server.paths.append(self.path)
            status, body = self.server.responses.pop(0) if self.server.responses else (500, "no more responses")
            payload = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()

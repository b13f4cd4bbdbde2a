"""Stand-ins for the proxies and CDNs that purges go to: small HTTP servers on 127.0.0.1."""

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class StandIn:
    """What a stand-in received, and what it answers: the statuses in `answers` in turn, then `status`."""

    base: str
    received: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    status: int = 200
    body: bytes = b'{"success": true, "errors": [], "messages": [], "result": {"id": "zone"}}'
    silent: bool = False  # takes the request and never answers (until the test ends)
    lock: threading.Lock = field(default_factory=threading.Lock)
    released: threading.Event = field(default_factory=threading.Event)

    def answer(self, request: Received) -> int:
        with self.lock:
            self.received.append(request)
            return self.answers.pop(0) if self.answers else self.status

    def paths(self, method: str = "PURGE") -> list[str]:
        return [each.path for each in self.received if each.method == method]

    def hosts(self) -> set[str]:
        return {each.headers.get("Host", "") for each in self.received}


def _handler(stand_in: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # kept connections, as a proxy has them

        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status = stand_in.answer(Received(self.command, self.path, dict(self.headers.items()), body))
            if stand_in.silent:
                stand_in.released.wait(10)
                return
            payload = (
                stand_in.body if status == 200 else b'{"success": false, "errors": [{"code": 10000, "message": "no"}]}'
            )
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_PURGE = do_POST = do_GET = _any

        def log_message(self, format, *args) -> None:  # quiet
            pass

    return Handler


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    """A proxy or API on 127.0.0.1 that records every request: `stand_in.base` is its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    server.daemon_threads = True
    stand = StandIn(base=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(stand)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stand
    finally:
        stand.released.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens: a proxy that is down."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def http_purge(settings, stand_in):
    """PURGE_BACKEND=http to the stand-in, for the site https://news.example.kr, with quick retries."""
    settings.PURGE_BACKEND = "http"
    settings.PURGE_PROXY_URL = stand_in.base
    settings.PURGE_SITE_URL = "https://news.example.kr"
    settings.PURGE_TIMEOUT = 2
    settings.PURGE_RETRIES = 3
    settings.PURGE_RETRY_BACKOFF = 0.01
    return stand_in


@pytest.fixture
def cloudflare_purge(settings, stand_in):
    """PURGE_BACKEND=cloudflare with the stand-in as Cloudflare's API."""
    settings.PURGE_BACKEND = "cloudflare"
    settings.CLOUDFLARE_API_URL = f"{stand_in.base}/client/v4"
    settings.CLOUDFLARE_ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353"
    settings.CLOUDFLARE_API_TOKEN = "cf-secret-token-for-tests"
    settings.PURGE_SITE_URL = "https://news.example.kr"
    settings.PURGE_TIMEOUT = 2
    settings.PURGE_RETRIES = 3
    settings.PURGE_RETRY_BACKOFF = 0.01
    return stand_in

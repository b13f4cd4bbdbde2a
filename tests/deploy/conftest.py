"""nginx with the shipped configuration (deploy/nginx.conf), its ports and paths swapped for a test's own."""

import getpass
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def nginx_installed() -> bool:
    return Path(NGINX).is_file()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Nginx:
    conf: Path
    prefix: Path
    port: int
    static: Path
    media: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self, *args: str) -> list[str]:
        return [NGINX, "-c", str(self.conf), "-p", str(self.prefix), "-e", str(self.prefix / "error.log"), *args]

    def error_log(self) -> str:
        return (self.prefix / "error.log").read_text(errors="replace")


def render(tmp: Path, *, upstream_port: int = 8000) -> Nginx:
    """deploy/nginx.conf with every machine-specific line swapped for `tmp`'s (as bench/http.py does); the purge
    module's lines are dropped where the module is not installed."""
    tmp.mkdir(parents=True, exist_ok=True)
    static, media, cache = tmp / "static", tmp / "media", tmp / "cache"
    for folder in (static, media, cache):
        folder.mkdir(exist_ok=True)
    port = free_port()
    text = SHIPPED.read_text()
    substitutions = [
        (r"^user\s+[^;]*;", f"user {getpass.getuser()};"),
        (r"^pid\s+[^;]*;", f"pid {tmp}/nginx.pid;"),
        (r"^error_log\s+\S+", f"error_log {tmp}/error.log"),
        (r"^(\s*)access_log\s+/\S+", rf"\1access_log {tmp}/access.log"),
        (r"^(\s*)proxy_cache_path\s+\S+", rf"\1proxy_cache_path {cache}"),
        (r"^(\s*)server 127\.0\.0\.1:8000;", rf"\1server 127.0.0.1:{upstream_port};"),
        (r"^(\s*)listen\s+[^;]*;", rf"\1listen 127.0.0.1:{port};"),
        (r"^(\s*)alias /var/www/newsroom/static/;", rf"\1alias {static}/;"),
        (r"^(\s*)alias /var/www/newsroom/media/;", rf"\1alias {media}/;"),
    ]
    for pattern, replacement in substitutions:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        assert count == 1, f"deploy/nginx.conf: {pattern} should be on exactly one line, found {count}"
    if not PURGE_MODULE.exists():
        text = "\n".join(line for line in text.splitlines() if "# purge module" not in line)
    # The temp folders nginx would otherwise keep under /var/lib/nginx.
    temp = "".join(
        f"    {kind}_temp_path {tmp}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = re.sub(r"^http\s*\{\n", "http {\n" + temp, text, count=1, flags=re.M)
    conf = tmp / "nginx.conf"
    conf.write_text(text)
    return Nginx(conf=conf, prefix=tmp, port=port, static=static, media=media)


@pytest.fixture
def nginx_conf(tmp_path):
    """render(upstream_port=…): the shipped configuration, ready for a test's nginx."""
    if not nginx_installed():
        pytest.skip("nginx가 없어 nginx 설정 테스트를 건너뜁니다 (apt-get install nginx libnginx-mod-http-cache-purge)")
    return lambda upstream_port=8000: render(tmp_path / "nginx", upstream_port=upstream_port)


@pytest.fixture
def nginx_in_front(nginx_conf, live_server):
    """nginx with the shipped configuration in front of the live server; stopped when the test ends."""
    server = nginx_conf(upstream_port=live_server.thread.port)
    started = subprocess.run(server.command(), capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"nginx가 시작하지 않았습니다:\n{server.error_log()}")
            time.sleep(0.05)
    try:
        yield server
    finally:
        subprocess.run(server.command("-s", "stop"), capture_output=True)
        pid_file = server.prefix / "nginx.pid"
        deadline = time.monotonic() + 10
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)

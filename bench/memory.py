"""What a gunicorn worker holds in memory once it has served every kind of page, search included.

    .venv/bin/python bench/memory.py [--workers 3] [--project PATH]

It sets up a scratch SQLite database with the demo paper (migrate, load_demo) and its static files in a temporary
folder, starts gunicorn with deploy/gunicorn.conf.py (preload_app: the project, and search's analyser, are loaded
in the master and shared by the forked workers), requests the front page, sections, articles and searches
(which load the analyser's dictionary) through every worker, and prints each process's PSS (its share of pages
shared with others) and RSS from /proc/PID/smaps_rollup. --project measures another checkout of the project
with the same steps (an older version, say).
"""

import sys
from pathlib import Path

# bench/http.py would shadow the standard library's http, which urllib needs.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.parse  # noqa: E402
import urllib.request  # noqa: E402

QUERIES = ["삼성전자가", "데이터센터", "정부", "인공 지능", '"기후 변화"', "1,400원", "헤게만", "컨텐츠"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rollup(pid: int) -> tuple[float, float]:
    text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    kib = {key: int(value) for key, value in re.findall(r"^(\w+):\s+(\d+) kB", text, re.M)}
    return kib["Pss"] / 1024, kib["Rss"] / 1024


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--rounds", type=int, default=30, help="requests of each page, spread over the workers")
    options = parser.parse_args()
    project = options.project.resolve()
    python = str(Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python")
    with tempfile.TemporaryDirectory() as scratch:
        port = _free_port()
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{scratch}/memory.sqlite3",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": f"{scratch}/static",
            "MEDIA_ROOT": f"{scratch}/media",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(options.workers),
            "GUNICORN_ACCESS_LOG": "off",
            "GUNICORN_MAX_REQUESTS": "0",
            # The registration details a production paper must set; any will do here.
            **{
                f"NEWSPAPER_{name}": value
                for name, value in {
                    "REGISTRATION_NUMBER": "서울 아00000",
                    "REGISTERED_ON": "2020-01-01",
                    "PUBLISHER": "홍길동",
                    "EDITOR": "홍길동",
                    "YOUTH_OFFICER": "홍길동",
                    "ADDRESS": "서울특별시",
                    "PHONE": "02-000-0000",
                }.items()
            },
        }
        env.pop("CACHE_URL", None)
        for command in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([python, "manage.py", *command], cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)
        log = open(f"{scratch}/gunicorn.log", "w")  # noqa: SIM115 (open for the server's lifetime)
        server = subprocess.Popen(
            [python, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"],
            cwd=project,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    if _get(f"{base}/") == 200:
                        break
                except OSError:
                    time.sleep(0.2)
            else:
                sys.exit(f"gunicorn did not answer: {Path(scratch, 'gunicorn.log').read_text()[-2000:]}")
            pages = ["/", "/search/"] + [f"/search/?q={urllib.parse.quote(q)}" for q in QUERIES]
            statuses = set()
            for _ in range(options.rounds):
                for page in pages:
                    statuses.add(_get(base + page))
            children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
            print(f"{project}: {options.workers} workers, pages answered {sorted(statuses)}")
            master = _rollup(server.pid)
            print(f"master            PSS {master[0]:6.1f} MiB   RSS {master[1]:6.1f} MiB")
            worst = 0.0
            for pid in map(int, children):
                pss, rss = _rollup(pid)
                worst = max(worst, pss)
                print(f"worker {pid:<10} PSS {pss:6.1f} MiB   RSS {rss:6.1f} MiB")
            print(f"largest worker PSS: {worst:.1f} MiB")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    main()

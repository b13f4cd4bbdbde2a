"""The paper over HTTP, side by side with the peers of ../shared/peers/ in one run, in interleaved rounds.

Every site runs under gunicorn with 2 sync workers, persistent database connections and DEBUG off; wrk sends a
browser User-Agent (-t2 -c32, a warm-up, then the measured run). Each round measures, in this order:

- article, cold: our page cache off (PAGE_CACHE=off), each request a different article of a pool of 1,000 (a wrk
  Lua rotation; the warm-up walks another 1,000), against Wagtail doing the same over its own articles;
- home, cold: page cache off and every cache empty (CACHE_URL=dummycache://), against Wagtail's home;
- article and home with our page cache warm, against the bare Django view with the startproject middleware;
- the shipped nginx configuration (deploy/nginx.conf, ports and paths swapped for temporary ones) in front of our
  gunicorn, over a mix of more than 100 public URLs after a warm-up pass, counting X-Cache-Status hits, against
  the peers' nginx serving one of our article pages as a static file.

CPU milliseconds per request are taken per process group (gunicorn master and workers; nginx; the database
backends serving the site) with the peers' scripts/cpu_snapshot.py. Every server this script starts is stopped
again by its own PID.

Prerequisites: the peers' scripts/setup.sh (Wagtail on PostgreSQL 127.0.0.1:55432, /tmp/peer-venv, wrk, nginx),
and an empty scratch database of our own, filled on the first run (bench/fill.py):

    createdb -h 127.0.0.1 -U postgres newsroom_http_bench
    .venv/bin/python bench/http.py                      # three rounds, 20 s runs: about 15 minutes
    .venv/bin/python bench/http.py --duration 5 --warmup 2 --rounds 1 --cases article_cold,home_cold
"""

# ruff: noqa: E402 (the imports wait for the path to be set right, below)
from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the path, where this module would shadow the standard `http`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
)
OUR_PORT, WAGTAIL_PORT, BARE_PORT, PROXY_PORT, STATIC_PORT = 8010, 8001, 8002, 8084, 8083
PEER_PG_PORT = 55432
# Through nginx, wrk asks for compressed pages as every browser does: the proxy then serves the gzip copy it keeps
# (deploy/nginx.conf asks the app for gzip and unzips only for the rare client that does not take it). The static
# ceiling is asked the same (the peers' nginx sends its file as it is).
BROWSER_ENCODING = ("Accept-Encoding: gzip, deflate, br",)
CASES = ["article_cold", "home_cold", "warm", "proxy"]


# --- servers -------------------------------------------------------------------------------------------------


RUNNING: list[Server] = []  # stopped on the way out, whatever happens


@dataclass
class Server:
    name: str
    pid: int
    process: subprocess.Popen | None = None
    database: str | None = None  # whose backends count as this site's database CPU
    db_port: int = 5432

    def __post_init__(self) -> None:
        RUNNING.append(self)

    def stop(self) -> None:
        if self in RUNNING:
            RUNNING.remove(self)
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        else:  # nginx: daemonized, stopped by the PID in its pid file
            os.kill(self.pid, signal.SIGQUIT)
            for _ in range(100):
                if not Path(f"/proc/{self.pid}").exists():
                    break
                time.sleep(0.1)

    def rss(self) -> dict:
        """Peak (VmHWM) and current RSS of each worker, in MiB."""
        workers = [int(p) for p in _children(self.pid)]
        out = {}
        for pid in workers:
            status = Path(f"/proc/{pid}/status").read_text()
            out[pid] = {key: int(re.search(rf"{key}:\s+(\d+)", status).group(1)) / 1024 for key in ("VmHWM", "VmRSS")}
        return out


def _children(pid: int) -> list[str]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return found


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers={"User-Agent": USER_AGENT}), timeout=5):
                return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"server did not come up: {url}")


def start_ours(run: Path, env: dict, **overrides: str) -> Server:
    env = {**env, **overrides, "GUNICORN_BIND": f"127.0.0.1:{OUR_PORT}", "GUNICORN_WORKERS": "2"}
    # Workers are not recycled during a run (the peers' gunicorn never recycles): a recycled worker would also
    # drop its page cache half-way through the warm case.
    env["GUNICORN_MAX_REQUESTS"] = "0"
    # No access log, as the peers' gunicorn runs: formatting a line per request is not the page's cost.
    env["GUNICORN_ACCESS_LOG"] = "off"
    with open(run / "gunicorn-ours.log", "a") as log:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "--no-control-socket",
             "newsroom.wsgi"],
            cwd=ROOT, env=env, stdout=log, stderr=log,
        )  # fmt: skip
    wait_http(f"http://127.0.0.1:{OUR_PORT}/healthz")
    return Server("ours", process.pid, process, database=env["BENCH_DB_NAME"], db_port=int(env["BENCH_DB_PORT"]))


def start_peer(run: Path, peers: Path, name: str, **env: str) -> Server:
    port, chdir, app, database = {
        "wagtail": (WAGTAIL_PORT, "wagtail_news", "newsroom.wsgi:application", "wagtail_news"),
        "bare": (BARE_PORT, "bare_django", "bareapp:application", None),
    }[name]
    with open(run / f"gunicorn-{name}.log", "a") as log:
        process = subprocess.Popen(
            ["/tmp/peer-venv/bin/gunicorn", "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
             "--chdir", str(peers / chdir), "--no-control-socket", app],
            env={**os.environ, "PEER_DB_PORT": str(PEER_PG_PORT), "PEER_DB_NAME": "wagtail_news", **env},
            stdout=log, stderr=log,
        )  # fmt: skip
    wait_http(f"http://127.0.0.1:{port}/")
    return Server(name, process.pid, process, database=database, db_port=PEER_PG_PORT)


def start_nginx(conf: Path, probe: str) -> Server:
    subprocess.run(["nginx", "-c", str(conf)], check=True)
    pid_file = re.search(r"^\s*pid\s+(\S+);", conf.read_text(), re.M).group(1)
    wait_http(probe)
    return Server("nginx", int(Path(pid_file).read_text().split()[0]))


# --- measuring -----------------------------------------------------------------------------------------------


def backends(server: Server) -> list[int]:
    """The PostgreSQL backends serving `server`'s site (persistent connections: they live through the run)."""
    if not server.database:
        return []
    with psycopg.connect(host="127.0.0.1", port=server.db_port, user="postgres", dbname="postgres") as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [server.database]
        ).fetchall()
    return [row[0] for row in rows]


def snapshot(peers: Path, groups: dict[str, int]) -> dict:
    specs = [f"{name}={pid}" for name, pid in groups.items()]
    out = subprocess.run(
        ["/tmp/peer-venv/bin/python", str(peers / "scripts" / "cpu_snapshot.py"), *specs],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


LUA = """
paths = {%(paths)s}
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  counter = id
  hits, others = 0, 0
end
request = function()
  local path = paths[(counter %% #paths) + 1]
  counter = counter + %(threads)d
  return wrk.format("GET", path)
end
%(response)s
function done(summary, latency, requests)
  local h, o = 0, 0
  for _, t in ipairs(threads) do
    h = h + (t:get("hits") or 0)
    o = o + (t:get("others") or 0)
  end
  io.write(string.format("bench_requests %%d\\nbench_hits %%d\\nbench_others %%d\\n", summary.requests, h, o))
end
"""
# Counting cache statuses makes wrk read every response's headers: the static ceiling is measured with the same
# script, so that both sides pay it.
LUA_COUNT = """
function response(status, headers, body)
  local s = headers["X-Cache-Status"] or headers["x-cache-status"]
  if s == "HIT" then hits = hits + 1 else others = others + 1 end
end
"""


def lua_script(run: Path, name: str, paths: list[str], threads: int, count: bool = False) -> Path:
    script = run / f"{name}.lua"
    script.write_text(
        LUA
        % {
            "paths": ",".join(json.dumps(p) for p in paths),
            "threads": threads,
            "response": LUA_COUNT if count else "",
        }
    )
    return script


def wrk(url: str, seconds: int, script: Path | None = None, headers: tuple[str, ...] = ()) -> dict:
    command = [
        "wrk",
        "-t2",
        "-c32",
        f"-d{seconds}s",
        "--latency",
        # A request wrk gave up on is still served: with wrk's 2 s default, a slow page's CPU would be spread over
        # fewer requests than it served.
        "--timeout",
        "30s",
        "-H",
        f"User-Agent: {USER_AGENT}",
    ]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    text = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)),
    }
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    result["errors"] = (sum(int(x) for x in errors.groups()) if errors else 0) + (int(bad.group(1)) if bad else 0)
    for key in ("hits", "others"):
        found = re.search(rf"bench_{key} (\d+)", text)
        if found:
            result[key] = int(found.group(1))
    return result


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)$", text).groups()
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}[unit]


@dataclass
class Target:
    label: str
    url: str
    server: Server
    warmup_script: Path | None = None
    script: Path | None = None
    extra_groups: dict[str, int] = field(default_factory=dict)
    headers: tuple[str, ...] = ()


def measure(args, target: Target) -> dict:
    """A warm-up, then the measured run with CPU snapshots of the server's process group and its DB backends."""
    wrk(target.url, args.warmup, target.warmup_script or target.script, target.headers)
    time.sleep(1)
    groups = {"server": target.server.pid, **target.extra_groups}
    for i, pid in enumerate(backends(target.server)):
        groups[f"db{i}"] = pid
    before = snapshot(args.peers, groups)
    result = wrk(target.url, args.duration, target.script, target.headers)
    after = snapshot(args.peers, groups)
    wall = after["t"] - before["t"]
    served = result["requests"]
    server_s = after["groups"]["server"] - before["groups"]["server"]
    server_s += sum(after["groups"][k] - before["groups"][k] for k in target.extra_groups)
    db_s = sum(after["groups"][k] - before["groups"][k] for k in groups if k.startswith("db"))
    result.update(
        cpu_ms=server_s * 1000 / served,
        db_ms=db_s * 1000 / served if target.server.database else None,
        machine_busy=(after["busy"] - before["busy"]) / (after["total"] - before["total"]),
        wall=wall,
    )
    print(
        f"[{time.strftime('%H:%M:%S')}] {target.label}: {result['rps']:.1f} req/s, app CPU {result['cpu_ms']:.2f} "
        f"ms/req, p50 {result['p50_ms']:.1f} ms, {served} requests, errors {result['errors']}"
        + (f", hits {result['hits']}/{result['hits'] + result['others']}" if "hits" in result else ""),
        flush=True,
    )
    return result


# --- the sites' data -----------------------------------------------------------------------------------------


def our_env(args, run: Path) -> dict:
    url = args.database_url
    name = url.rsplit("/", 1)[1]
    port = re.search(r":(\d+)/", url).group(1)
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-a-secret-0123456789-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": url,
        "CONN_MAX_AGE": "600",
        "MEDIA_ROOT": str(args.media_root),
        "STATIC_ROOT": str(run / "static"),
        "SERVE_MEDIA": "false",
        "NEWSPAPER_REGISTRATION_NUMBER": "서울 아00000",
        "NEWSPAPER_REGISTERED_ON": "2020-01-01",
        "NEWSPAPER_PUBLISHER": "홍길동",
        "NEWSPAPER_EDITOR": "홍길동",
        "NEWSPAPER_YOUTH_OFFICER": "홍길동",
        "NEWSPAPER_ADDRESS": "서울특별시 ○○구 ○○로 00",
        "NEWSPAPER_PHONE": "02-000-0000",
        "LOG_LEVEL": "WARNING",
        "BENCH_DB_NAME": name,
        "BENCH_DB_PORT": port,
    }


def prepare_ours(args, env: dict) -> None:
    subprocess.run([str(PYTHON), "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    with psycopg.connect(args.database_url) as conn:
        empty = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM articles_article)").fetchone()[0]
    if empty:
        subprocess.run([str(PYTHON), "bench/fill.py", "--articles", str(args.articles)], cwd=ROOT, env=env, check=True)
    subprocess.run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


def our_urls(args) -> dict[str, list[str]]:
    with psycopg.connect(args.database_url) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles_article WHERE status = 'published' ORDER BY id")]
        sections = [r[0] for r in conn.execute("SELECT slug FROM articles_section ORDER BY position")]
        series = [r[0] for r in conn.execute("SELECT slug FROM articles_series ORDER BY id")]
        reporters = [r[0] for r in conn.execute("SELECT id FROM articles_reporter ORDER BY id")]
    random.Random(42).shuffle(ids)
    pool = args.pool
    mix = (
        ["/"]
        + [f"/articles/{pk}/" for pk in ids[2 * pool : 2 * pool + 60]]
        + [f"/articles/{pk}/related/" for pk in ids[2 * pool : 2 * pool + 10]]
        + [f"/sections/{slug}/" for slug in sections]
        + [f"/sections/{slug}/?page=2" for slug in sections[:5]]
        + [f"/series/{slug}/" for slug in series]
        + [f"/reporters/{pk}/" for pk in reporters[:10]]
        + ["/popular/", "/rss/", "/sitemap.xml", "/sitemap-news.xml"]
    )
    return {
        "run": [f"/articles/{pk}/" for pk in ids[:pool]],
        "warmup": [f"/articles/{pk}/" for pk in ids[pool : 2 * pool]],
        "mix": mix,
    }


def wagtail_urls(args) -> dict[str, list[str]]:
    code = (
        "import random\nfrom news.models import ArticlePage\n"
        "urls = [p.url for p in ArticlePage.objects.live().order_by('id')]\n"
        f"random.Random(42).shuffle(urls)\nprint('\\n'.join(urls[:{2 * args.pool}]))"
    )
    out = subprocess.run(
        ["/tmp/peer-venv/bin/python", "manage.py", "shell", "-c", code],
        cwd=args.peers / "wagtail_news", capture_output=True, text=True, check=True,
        env={**os.environ, "PEER_DB_PORT": str(PEER_PG_PORT), "PEER_DB_NAME": "wagtail_news"},
    ).stdout.split()  # fmt: skip
    out = [line for line in out if line.startswith("/")]  # the shell's own greeting left out
    return {"run": out[: args.pool], "warmup": out[args.pool :]}


COUNT_QUERIES = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_USER_AGENT=sys.argv[1], HTTP_HOST="127.0.0.1")
out = {}
for pair in sys.argv[2:]:
    first, path = pair.split("|")
    client.get(first)  # the process's first page: what a fresh worker reads once
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    out[path] = {"queries": len(ctx.captured_queries), "status": response.status_code, "bytes": len(response.content)}
print(json.dumps(out))
"""


def count_our_queries(env: dict, first: str, path: str, **overrides: str) -> dict:
    """Queries of `path`, requested after `first` in the same process (so not the worker's very first page)."""
    out = subprocess.run(
        [str(PYTHON), "-c", COUNT_QUERIES, USER_AGENT, f"{first}|{path}"],
        cwd=ROOT, env={**env, **overrides, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out.splitlines()[-1])[path]


def count_wagtail_queries(args, paths: list[str]) -> dict:
    out = subprocess.run(
        ["/tmp/peer-venv/bin/python", "manage.py", "count_queries", *paths],
        cwd=args.peers / "wagtail_news", capture_output=True, text=True, check=True,
        env={**os.environ, "PEER_DB_PORT": str(PEER_PG_PORT), "PEER_DB_NAME": "wagtail_news"},
    ).stdout  # fmt: skip
    found = {}
    for line in out.splitlines():
        cols = line.split("\t")
        found[cols[0]] = {"queries": int(cols[2].split("=")[1].split(",")[0])}
    return found


# --- nginx ---------------------------------------------------------------------------------------------------


def proxy_config(args, run: Path) -> tuple[Path, str]:
    """deploy/nginx.conf with its ports and paths swapped for this run's, or bench's own minimal one."""
    shipped = ROOT / "deploy" / "nginx.conf"
    source = shipped if shipped.exists() else ROOT / "bench" / "nginx-proxy.conf"
    text = source.read_text()
    tmp = run / "nginx"
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "cache").mkdir(parents=True)
    os.chmod(tmp, 0o777)
    os.chmod(tmp / "cache", 0o777)
    substitutions = [
        (r"127\.0\.0\.1:8000", f"127.0.0.1:{OUR_PORT}"),
        (r"listen\s+[^;]*;", f"listen 127.0.0.1:{PROXY_PORT};"),
        (r"^(\s*)pid\s+[^;]*;", rf"\1pid {tmp}/nginx.pid;"),
        (r"^(\s*)error_log\s+[^;]*;", rf"\1error_log {tmp}/error.log warn;"),
        (r"^(\s*)access_log\s+[^;]*;", r"\1access_log off;"),
        (r"proxy_cache_path\s+\S+", f"proxy_cache_path {tmp}/cache"),
        (r"/var/www/newsroom/static", str(run / "static")),
        (r"/var/www/newsroom/media", str(args.media_root)),
        (r"^(\s*)user\s+[^;]*;", r"\1user nobody nogroup;"),
    ]
    for pattern, replacement in substitutions:
        text = re.sub(pattern, replacement, text, flags=re.M)
    if not re.search(r"^\s*pid\s", text, re.M):
        text = f"pid {tmp}/nginx.pid;\n" + text
    # A top-level file: the temp paths nginx would otherwise put under /var/lib/nginx.
    temp = "".join(
        f"    {kind}_temp_path {tmp}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = re.sub(r"http\s*\{", "http {\n" + temp, text, count=1)
    conf = tmp / "nginx.conf"
    conf.write_text(text)
    return conf, str(source.relative_to(ROOT))


# --- the run -------------------------------------------------------------------------------------------------


def spread(values: list[float], digits: int = 2) -> str:
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/newsroom_http_bench")
    parser.add_argument("--articles", type=int, default=10_000, help="to fill an empty database with")
    parser.add_argument("--peers", type=Path, default=ROOT.parent / "shared" / "peers")
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsroom-http-bench"))
    parser.add_argument(
        "--media-root",
        type=Path,
        default=Path("/tmp/newsroom-http-bench/media"),
        help="the photos of the filled database",
    )
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 20)))
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("ROUNDS", 3)))
    parser.add_argument("--pool", type=int, default=1000, help="articles the cold article runs rotate over")
    parser.add_argument("--cases", default=",".join(CASES), help=f"some of {','.join(CASES)}")
    args = parser.parse_args()
    args.peers = args.peers.resolve()
    cases = args.cases.split(",")
    run = args.out
    run.mkdir(parents=True, exist_ok=True)
    env = our_env(args, run)
    prepare_ours(args, env)
    ours = our_urls(args)
    wagtail = wagtail_urls(args)
    peer_pg = int((Path("/tmp/peer-pg/data/postmaster.pid")).read_text().split()[0])
    assert peer_pg

    scripts = {
        "ours_run": lua_script(run, "ours-articles", ours["run"], 2),
        "ours_warmup": lua_script(run, "ours-articles-warmup", ours["warmup"], 2),
        "wagtail_run": lua_script(run, "wagtail-articles", wagtail["run"], 2),
        "wagtail_warmup": lua_script(run, "wagtail-articles-warmup", wagtail["warmup"], 2),
        "mix": lua_script(run, "proxy-mix", ours["mix"], 2, count=True),
        "static": lua_script(run, "static", ["/article.html"], 2, count=True),
    }
    warm_article = ours["warmup"][0]
    queries = {
        "ours article (cold)": count_our_queries(env, ours["warmup"][1], ours["run"][0], PAGE_CACHE="off"),
        "ours home (cold, every cache empty)": count_our_queries(
            env, ours["warmup"][1], "/", PAGE_CACHE="off", CACHE_URL="dummycache://"
        ),
        "ours home (cold, ranking and weather cached)": count_our_queries(
            env, ours["warmup"][1], "/", PAGE_CACHE="off"
        ),
    }
    wq = count_wagtail_queries(args, [wagtail["run"][0], "/"])
    queries["wagtail article"] = wq[wagtail["run"][0]]
    queries["wagtail home"] = wq["/"]
    print(json.dumps(queries, ensure_ascii=False), flush=True)

    results: dict[str, list[dict]] = {}
    rss: dict[str, list[float]] = {}

    def record(label: str, result: dict) -> None:
        results.setdefault(label, []).append(result)

    def peak_rss(label: str, server: Server) -> None:
        rss.setdefault(label, []).extend(v["VmHWM"] for v in server.rss().values())

    for round_no in range(1, args.rounds + 1):
        print(f"--- round {round_no}", flush=True)
        if "article_cold" in cases:
            server = start_ours(run, env, PAGE_CACHE="off")
            url = f"http://127.0.0.1:{OUR_PORT}"
            record(
                "ours article cold",
                measure(args, Target("ours article cold", url, server, scripts["ours_warmup"], scripts["ours_run"])),
            )
            peak_rss("ours", server)
            server.stop()
            server = start_peer(run, args.peers, "wagtail", PEER_CONN_MAX_AGE="600")
            url = f"http://127.0.0.1:{WAGTAIL_PORT}"
            record(
                "wagtail article",
                measure(
                    args, Target("wagtail article", url, server, scripts["wagtail_warmup"], scripts["wagtail_run"])
                ),
            )
            peak_rss("wagtail", server)
            server.stop()
        if "home_cold" in cases:
            server = start_ours(run, env, PAGE_CACHE="off", CACHE_URL="dummycache://")
            record("ours home cold", measure(args, Target("ours home cold", f"http://127.0.0.1:{OUR_PORT}/", server)))
            peak_rss("ours", server)
            server.stop()
            server = start_peer(run, args.peers, "wagtail", PEER_CONN_MAX_AGE="600")
            record("wagtail home", measure(args, Target("wagtail home", f"http://127.0.0.1:{WAGTAIL_PORT}/", server)))
            peak_rss("wagtail", server)
            server.stop()
        if "warm" in cases:
            server = start_ours(run, env, PAGE_CACHE="on")
            url = f"http://127.0.0.1:{OUR_PORT}"
            record("ours article warm", measure(args, Target("ours article warm", url + warm_article, server)))
            record("ours home warm", measure(args, Target("ours home warm", url + "/", server)))
            peak_rss("ours", server)
            server.stop()
            server = start_peer(run, args.peers, "bare", BARE_MIDDLEWARE="default")
            record("bare Django", measure(args, Target("bare Django", f"http://127.0.0.1:{BARE_PORT}/", server)))
            peak_rss("bare", server)
            server.stop()
        if "proxy" in cases:
            server = start_ours(run, env, PAGE_CACHE="on")
            conf, source = proxy_config(args, run)
            proxy = start_nginx(conf, f"http://127.0.0.1:{PROXY_PORT}/healthz")
            for path in ours["mix"]:  # the warm-up pass: every URL once through the proxy
                urllib.request.urlopen(
                    urllib.request.Request(f"http://127.0.0.1:{PROXY_PORT}{path}", headers={"User-Agent": USER_AGENT})
                ).read()
            Path("/tmp/peer-nginx/root").mkdir(parents=True, exist_ok=True)
            page = urllib.request.urlopen(
                urllib.request.Request(f"http://127.0.0.1:{OUR_PORT}{warm_article}", headers={"User-Agent": USER_AGENT})
            ).read()
            Path("/tmp/peer-nginx/root/article.html").write_bytes(page)
            target = Target(
                f"nginx proxy ({source}), {len(ours['mix'])} URLs", f"http://127.0.0.1:{PROXY_PORT}", proxy,
                script=scripts["mix"], extra_groups={"gunicorn": server.pid}, headers=BROWSER_ENCODING,
            )  # fmt: skip
            record("nginx proxy mix", measure(args, target))
            proxy.stop()
            server.stop()
            static = start_nginx(args.peers / "nginx" / "nginx.conf", f"http://127.0.0.1:{STATIC_PORT}/article.html")
            target = Target(
                "nginx static",
                f"http://127.0.0.1:{STATIC_PORT}",
                static,
                script=scripts["static"],
                headers=BROWSER_ENCODING,
            )
            record("nginx static", measure(args, target))
            static.stop()
        (run / "results.json").write_text(json.dumps({"results": results, "rss": rss, "queries": queries}, indent=1))

    report(results, rss, queries, len(ours["mix"]))


def report(results: dict, rss: dict, queries: dict, mix_size: int) -> None:
    def per_round(ours: str, theirs: str, key: str) -> list[float]:
        return [a[key] / b[key] for a, b in zip(results.get(ours, []), results.get(theirs, []), strict=False)]

    print("\n| target | req/s | app CPU ms/req | DB CPU ms/req | p50 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, runs in results.items():
        db = [r["db_ms"] for r in runs if r["db_ms"] is not None]
        print(
            f"| {label} | {spread([r['rps'] for r in runs], 1)} | {spread([r['cpu_ms'] for r in runs])} "
            f"| {spread(db) if db else '-'} | {spread([r['p50_ms'] for r in runs], 1)} "
            f"| {sum(r['errors'] for r in runs)} |"
        )
    print("\n| ratio (per round: median, min–max) | value | goal |")
    print("| --- | ---: | --- |")
    rows = [
        ("article cold: our app CPU / Wagtail's", "ours article cold", "wagtail article", "cpu_ms", "≤ 0.5"),
        ("article cold: our req/s / Wagtail's", "ours article cold", "wagtail article", "rps", ""),
        ("home cold: our app CPU / Wagtail's", "ours home cold", "wagtail home", "cpu_ms", "≤ 0.5"),
        ("home cold: our req/s / Wagtail's", "ours home cold", "wagtail home", "rps", ""),
        ("article warm: req/s / bare Django's", "ours article warm", "bare Django", "rps", "≥ 0.5"),
        ("home warm: req/s / bare Django's", "ours home warm", "bare Django", "rps", "≥ 0.5"),
        (f"nginx proxy, {mix_size} URLs: req/s / nginx static", "nginx proxy mix", "nginx static", "rps", "≥ 0.5"),
    ]
    for title, ours, theirs, key, goal in rows:
        print(f"| {title} | {spread(per_round(ours, theirs, key))} | {goal} |")
    hits = [r["hits"] / (r["hits"] + r["others"]) * 100 for r in results.get("nginx proxy mix", [])]
    if hits:
        print(f"| nginx proxy: hits | {spread(hits, 2)} % | ≥ 99 % |")
    print("\nqueries per page:", json.dumps(queries, ensure_ascii=False))
    print("worker peak RSS (MiB):", {k: f"{max(v):.0f}" for k, v in rss.items()})


if __name__ == "__main__":
    try:
        main()
    finally:
        for server in list(RUNNING):
            server.stop()

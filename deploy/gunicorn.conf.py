"""gunicorn's settings for the paper: `gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`.

Each value can be changed from the environment (GUNICORN_*) without editing this file; the defaults suit one
machine behind nginx or a load balancer.
"""

import gc
import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# Where the proxy reaches the app; a unix socket works too (unix:/run/newsroom.sock).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, two per core and one more: a page spends its time in Python and the database, not waiting on slow
# clients, which the proxy in front buffers.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# Load the project once in the master and fork the workers from it: they start faster and share its memory.
preload_app = True


# What the master loaded (Django, the project, their modules: some 100,000 objects) is frozen out of the garbage
# collector before each fork, as Python's documentation advises for fork without exec: a worker's collections then
# never walk it (a full one cost 1 ms), nor write to its pages, which stay shared between the workers.
def pre_fork(server, worker) -> None:
    # Search's Korean analyser too (its dictionary is mapped from disk): loaded once here, shared by every worker.
    from search.analysis import load

    load()
    gc.freeze()


# A worker is replaced after this many requests (each after its own number, so they do not all restart at once):
# whatever a long-lived process accumulates is let go.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# A request still running after this many seconds is the worker's end: it is killed and replaced, never left hung.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On a restart (a deploy), workers finish the requests they have for at most this long.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Keep the proxy's connection open between requests.
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# The access log on standard output, one line a request: client (as the proxy saw it), request, status, size,
# milliseconds taken, referrer and browser.
# GUNICORN_ACCESS_LOG=off leaves it out, where the proxy in front logs every request already.
_access_log = os.environ.get("GUNICORN_ACCESS_LOG", "-")
accesslog = None if _access_log == "off" else _access_log
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy in front sets X-Forwarded-For and X-Forwarded-Proto; trust them only from it.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

"""Purges of proxies and CDNs: which public addresses a change shows on, sent once the change has committed.

A change a reader would see names the paths it shows on (caching.versions.content_changed); they are gathered for
the whole transaction, and when it commits ONE job (`purge_urls`) is queued with the full addresses readers use
(PURGE_SITE_URL + path). A rolled-back transaction queues nothing. The job asks the backend chosen by
PURGE_BACKEND to drop them:

- `none` (the default): nothing is gathered or queued at all; shared caches catch up within their s-maxage;
- `http`: one `PURGE` request per address to the proxy at PURGE_PROXY_URL, with the public site's Host and the
  path as the reader's request has it (Varnish, Fastly, nginx with the cache-purge module: deploy/nginx.conf keys
  its cache on `$host$request_uri`, which is exactly that); 200 (purged) or 404 (not in the cache) is done;
- `cloudflare`: the zone's purge_cache API, 30 addresses a call;
- or the dotted path of a class of your own with a `purge(urls)` method (PurgeBackend).

The job runs on a worker (production: `celery -A newsroom worker`): a proxy that is down, slow or answers 5xx is
asked again PURGE_RETRIES times, for the addresses not yet purged, after a pause that doubles from
PURGE_RETRY_BACKOFF seconds (full jitter, at most PURGE_RETRY_BACKOFF_MAX); each failure is a warning in the log
and the last one an error, and the job is recorded as failed in the admin (작업 결과). An answer that asking again
cannot change (a 403, a rejected token) fails at once. The editor's save never waits for any of it.

Without a broker (eager mode, the demo) a configured backend is asked once, right after the commit, within
PURGE_TIMEOUT, with no retries and no pauses in the editor's request; a failure is logged and recorded, never
raised into the save. That is a fallback: production runs a worker.

Purging too much costs the proxy one extra fetch, never a stale page: a savepoint rolled back inside a larger
transaction that goes on to commit leaves its paths in the purge.
"""

import json
import logging
import random
from collections.abc import Iterable, Sequence
from functools import cache
from urllib.parse import urlsplit

import urllib3
from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.encoding import iri_to_uri
from django.utils.module_loading import import_string

from newsroom.jobs import enqueue

logger = logging.getLogger(__name__)

# The short names PURGE_BACKEND may use; anything else is a dotted path to a PurgeBackend.
BACKENDS = {
    "none": "caching.purge.NoPurge",
    "http": "caching.purge.HTTPPurge",
    "cloudflare": "caching.purge.CloudflarePurge",
}
# Cloudflare's limit of addresses in one purge_cache call.
CLOUDFLARE_BATCH = 30


class PurgeError(Exception):
    """Some addresses were not purged: `urls` are those still to do. `retryable`: asking again later may help (the
    proxy was unreachable, timed out or answered 5xx or 429), or not (it refused the request)."""

    def __init__(self, message: str, urls: Sequence[str] = (), retryable: bool = True) -> None:
        super().__init__(message)  # the message alone, so that Celery can store and rebuild it
        self.urls = list(urls)
        self.retryable = retryable


class PurgeBackend:
    """How addresses are dropped from the proxy or CDN in front. `purge` raises PurgeError for what it could not do;
    it must bound its own time (a timeout per request)."""

    def purge(self, urls: Sequence[str]) -> None:
        raise NotImplementedError


class NoPurge(PurgeBackend):
    """No proxy to tell: shared caches keep a page for its s-maxage and stale-while-revalidate, no longer."""

    def purge(self, urls: Sequence[str]) -> None:
        pass


def _pool() -> urllib3.PoolManager:
    timeout = urllib3.Timeout(connect=settings.PURGE_TIMEOUT, read=settings.PURGE_TIMEOUT)
    # Retries are the job's, with its backoff; redirects are never followed (a purge is not a page).
    return urllib3.PoolManager(timeout=timeout, retries=urllib3.Retry(total=0, redirect=False, raise_on_redirect=False))


def _retryable_status(status: int) -> bool:
    return status >= 500 or status == 429


def _failure(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


class HTTPPurge(PurgeBackend):
    """`PURGE <path>` to PURGE_PROXY_URL with the public address's Host, one request per address, on one kept
    connection. 200 and 404 (nothing cached there) are both done."""

    def __init__(self) -> None:
        proxy = settings.PURGE_PROXY_URL.rstrip("/")
        if not proxy:
            raise ImproperlyConfigured("PURGE_BACKEND=http에는 PURGE_PROXY_URL(예: http://127.0.0.1:80)이 필요합니다.")
        self.proxy = proxy

    def purge(self, urls: Sequence[str]) -> None:
        pool = _pool()
        failed: list[str] = []
        errors: list[str] = []
        retryable = False
        for position, url in enumerate(urls):
            parts = urlsplit(url)
            target = self.proxy + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            try:
                response = pool.request("PURGE", target, headers={"Host": parts.netloc}, redirect=False)
            except urllib3.exceptions.HTTPError as error:
                # The proxy is down or not answering: the rest would fare no better now.
                failed.extend(urls[position:])
                errors.append(_failure(error))
                retryable = True
                break
            if response.status in (200, 404):
                continue
            failed.append(url)
            errors.append(f"{parts.path} HTTP {response.status}")
            retryable = retryable or _retryable_status(response.status)
        if failed:
            summary = "; ".join(errors[:3]) + (f" 외 {len(errors) - 3}건" if len(errors) > 3 else "")
            raise PurgeError(f"PURGE {self.proxy}: {summary}", failed, retryable=retryable)


class CloudflarePurge(PurgeBackend):
    """Cloudflare's `POST /zones/{zone}/purge_cache` with `{"files": [...]}`, 30 addresses a call, authorised by
    CLOUDFLARE_API_TOKEN (a token allowed Zone.Cache Purge only; it is never logged). CLOUDFLARE_API_URL is the API
    base, changed only for a test stand-in."""

    def __init__(self) -> None:
        self.zone = settings.CLOUDFLARE_ZONE_ID
        self.token = settings.CLOUDFLARE_API_TOKEN
        if not self.zone or not self.token:
            raise ImproperlyConfigured(
                "PURGE_BACKEND=cloudflare에는 CLOUDFLARE_ZONE_ID와 CLOUDFLARE_API_TOKEN이 필요합니다."
            )
        self.endpoint = f"{settings.CLOUDFLARE_API_URL.rstrip('/')}/zones/{self.zone}/purge_cache"

    def purge(self, urls: Sequence[str]) -> None:
        pool = _pool()
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        for start in range(0, len(urls), CLOUDFLARE_BATCH):
            batch = list(urls[start : start + CLOUDFLARE_BATCH])
            left = list(urls[start:])
            try:
                response = pool.request("POST", self.endpoint, body=json.dumps({"files": batch}), headers=headers)
            except urllib3.exceptions.HTTPError as error:
                raise PurgeError(f"Cloudflare purge_cache: {_failure(error)}", left, retryable=True) from None
            if response.status == 200 and _cloudflare_success(response.data):
                continue
            raise PurgeError(
                f"Cloudflare purge_cache: HTTP {response.status} {_cloudflare_errors(response.data)}".rstrip(),
                left,
                retryable=_retryable_status(response.status),
            )


def _cloudflare_success(body: bytes) -> bool:
    try:
        return json.loads(body).get("success") is True
    except (ValueError, AttributeError):
        return False


def _cloudflare_errors(body: bytes) -> str:
    """Cloudflare's own words for what went wrong ("10000 Authentication error"), a line at most."""
    try:
        errors = json.loads(body).get("errors") or []
        said = "; ".join(f"{each.get('code')} {each.get('message')}" for each in errors if isinstance(each, dict))
    except (ValueError, AttributeError):
        said = ""
    return said[:300]


def backend_name() -> str:
    return (settings.PURGE_BACKEND or "none").strip()


def get_backend() -> PurgeBackend:
    name = backend_name()
    return _backend_class(BACKENDS.get(name.lower(), name))()


@cache
def _backend_class(path: str) -> type[PurgeBackend]:
    try:
        return import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(
            f"PURGE_BACKEND={path}: none, http, cloudflare 또는 PurgeBackend의 경로여야 합니다."
        ) from error


def purging() -> bool:
    """Whether a proxy or CDN is to be told of changes at all."""
    return backend_name().lower() != "none"


def full_urls(paths: Iterable[str]) -> list[str]:
    """The addresses readers use for `paths`, encoded as their browsers send them (and as the proxy keys them)."""
    site = (settings.PURGE_SITE_URL or settings.SITE_URL).rstrip("/")
    if not site:
        raise ImproperlyConfigured(
            "캐시 퍼지에는 PURGE_SITE_URL(또는 SITE_URL)이 필요합니다: 예: https://news.example.kr"
        )
    return sorted({site + iri_to_uri(path if path.startswith("/") else f"/{path}") for path in paths})


# Gathering per transaction ---------------------------------------------------------------------------------------


class _Pending:
    """The paths of one transaction's changes, sent by one on-commit callback."""

    def __init__(self) -> None:
        self.paths: set[str] = set()
        self.sent = False

    def send(self) -> None:
        self.sent = True
        _send(self.paths)


def queue_purge(paths: Iterable[str], using: str | None = None) -> None:
    """Purge `paths` from the configured proxy or CDN once the current transaction commits.

    Every call in one transaction adds to one set, sent as one job when it commits (one on-commit callback per
    transaction); nothing is sent if it rolls back. Outside a transaction (autocommit) the change has already
    committed: the job is queued at once.
    """
    if not purging():
        return
    paths = {path for path in paths if path}
    if not paths:
        return
    alias = using or DEFAULT_DB_ALIAS
    connection = connections[alias]
    if not connection.in_atomic_block:
        _send(paths)
        return
    pending: _Pending | None = getattr(connection, "_purge_pending", None)
    if pending is None or pending.sent or not _still_registered(connection, pending):
        # The first change of this transaction (an earlier transaction's callback has run, or was dropped with a
        # rollback).
        pending = _Pending()
        connection._purge_pending = pending
        transaction.on_commit(pending.send, using=alias, robust=True)
    pending.paths |= paths


def _still_registered(connection, pending: _Pending) -> bool:
    return any(callback == pending.send for _, callback, *_ in connection.run_on_commit)


def _send(paths: set[str]) -> None:
    """Queue the job for `paths`: never raises into the save that made them (a log line instead)."""
    try:
        urls = full_urls(paths)
        if purge_urls.app.conf.task_always_eager:
            # No worker: once, here, within PURGE_TIMEOUT; no retries and no pauses in the editor's request.
            enqueue(purge_urls, urls, once=True)
        else:
            enqueue(purge_urls, urls)
    except Exception as error:
        logger.error("캐시 퍼지를 보내지 못했습니다 (주소 %d개): %s", len(paths), _failure(error))


# The job ---------------------------------------------------------------------------------------------------------


def retry_countdown(retries: int) -> float:
    """Seconds before attempt `retries + 2`: PURGE_RETRY_BACKOFF doubled per retry, at most
    PURGE_RETRY_BACKOFF_MAX, with full jitter so that many failed purges do not all come back at once."""
    ceiling = min(settings.PURGE_RETRY_BACKOFF_MAX, settings.PURGE_RETRY_BACKOFF * (2**retries))
    return random.uniform(0, ceiling)


@shared_task(
    bind=True,
    name="caching.purge_urls",
    acks_late=True,  # a purge run twice purges twice: harmless, and a purge lost with its worker is done again
    soft_time_limit=60,
    time_limit=90,
)
def purge_urls(self, urls: list[str], once: bool = False) -> int:
    """Purge `urls` through the configured backend; the number purged.

    Retried (as Celery's autoretry would, with a backoff in seconds that may be fractional, and only for the
    addresses not yet purged) while the proxy is unreachable, slow or answers 5xx or 429; `once`: no retries (eager
    mode, where a retry would wait in the editor's request).
    """
    if not urls:
        return 0
    attempt = self.request.retries + 1
    attempts = 1 if once else settings.PURGE_RETRIES + 1
    try:
        get_backend().purge(urls)
    except (PurgeError, SoftTimeLimitExceeded) as error:
        left = error.urls if isinstance(error, PurgeError) else list(urls)
        retryable = error.retryable if isinstance(error, PurgeError) else True
        if retryable and attempt < attempts:
            countdown = retry_countdown(self.request.retries)
            logger.warning(
                "캐시 퍼지 실패: 주소 %d개, %d/%d번째 시도, %.1f초 뒤 다시 시도합니다: %s",
                len(left),
                attempt,
                attempts,
                countdown,
                error,
            )
            raise self.retry(
                args=(left,), kwargs={}, countdown=countdown, max_retries=settings.PURGE_RETRIES, exc=error
            ) from None
        logger.error("캐시 퍼지 포기: 주소 %d개, %d번 시도: %s", len(left), attempt, error)
        raise
    logger.info("캐시 퍼지: 주소 %d개", len(urls))
    return len(urls)

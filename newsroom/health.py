"""Health checks for load balancers: /healthz (the process answers) and /readyz (its database and cache do too)."""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from .middleware import without_secrets

logger = logging.getLogger(__name__)


def _database_answers() -> bool:
    # Bounded by DATABASE_CONNECT_TIMEOUT on PostgreSQL, and by the statement timeout once connected.
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("readyz: database: %s", without_secrets(str(error)).strip())
        return False


def _cache_answers() -> bool:
    # Bounded by CACHE_TIMEOUT on Redis; a key of its own, so that servers checking at once never share one.
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
        return answered
    except Exception as error:  # each cache backend raises its own errors (redis.ConnectionError, OSError, …)
        logger.warning("readyz: cache: %s", type(error).__name__)
        return False


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches neither the database nor the cache."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database and the cache answer. 503, naming what failed, when either does not."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    body = "".join(f"{name}: {'ok' if passed else 'failed'}\n" for name, passed in checks.items())
    status = 200 if all(checks.values()) else 503
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")

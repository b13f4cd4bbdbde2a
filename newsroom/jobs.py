"""Queueing background jobs from code that an editor is waiting on (a save, a release): never late, never in the way.

    from newsroom.jobs import enqueue_on_commit
    enqueue_on_commit(purge_urls, urls)

The job is sent when the transaction commits, so the worker sees the rows it was queued for (and a rolled-back save
queues nothing). A broker that cannot be reached costs the editor at most CELERY_BROKER_CONNECTION_TIMEOUT and its
few quick retries, and is logged; the save stands. With no broker (the demo) the job runs right there, after the
commit, and a failure is logged and recorded (작업 결과) rather than raised (CELERY_TASK_EAGER_PROPAGATES off).
"""

import logging
from typing import Any

from celery import Task
from celery.result import AsyncResult
from django.db import transaction

logger = logging.getLogger("newsroom.jobs")


def enqueue(task: Task, *args: Any, **kwargs: Any) -> AsyncResult | None:
    """Send `task` now; None, and one log line naming the job (not its arguments), when the broker refuses it."""
    try:
        return task.apply_async(args, kwargs)
    except Exception as error:  # kombu's OperationalError, a timeout, a broker refusing the connection…
        logger.error("작업을 큐에 넣지 못했습니다: %s (%s: %s)", task.name, type(error).__name__, error)
        return None


def enqueue_on_commit(task: Task, *args: Any, using: str | None = None, **kwargs: Any) -> None:
    """Send `task` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs), using=using, robust=True)

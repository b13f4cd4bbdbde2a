"""The background jobs' engine: one Celery app, configured from the Django settings that start with CELERY_.

Each app keeps its jobs in its own `tasks.py` (found by the app registry, so this module imports none of them);
a job is run by `celery -A newsroom worker`, and the periodic ones (CELERY_BEAT_SCHEDULE) are sent by exactly one
`celery -A newsroom beat` for the whole site. With no CELERY_BROKER_URL, as in the demo and `make run`, every job
runs at once in the process that asked for it (docs/jobs.md).
"""

import logging
import os
from functools import partial

from celery import Celery, Task, signals
from kombu.serialization import register
from kombu.utils import json

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

# JSON as UTF-8 rather than \uXXXX escapes, so that a failed job's Korean message reads as written in the admin's
# 작업 결과 (results, arguments). Still plain JSON: any worker, old or new, reads it.
register("json", partial(json.dumps, ensure_ascii=False), json.loads, content_type="application/json")


class Job(Task):
    """Every job's base. Run eagerly inside a transaction (no broker, a job queued without enqueue_on_commit), a job
    runs in a savepoint of its own: a database error of the job's then fails the job alone, and the editor's save
    around it goes on and commits, as it would with a worker."""

    def __call__(self, *args, **kwargs):
        if self.request.is_eager:
            from django.db import connection, transaction

            if connection.in_atomic_block:
                with transaction.atomic():
                    return super().__call__(*args, **kwargs)
        return super().__call__(*args, **kwargs)


app = Celery("newsroom", task_cls=Job)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def load_django(**kwargs) -> None:
    """Load Django when a `celery` command configures the app before Django is (`celery -A newsroom call …`:
    the result store is Django's models). A worker loads it on its own, and inside Django it is loaded already."""
    from django.apps import apps

    if not apps.ready and not apps.loading:
        import django

        django.setup()


@signals.worker_init.connect
@signals.beat_init.connect
def refuse_to_run_without_a_broker(**kwargs) -> None:
    """A worker or beat with no CELERY_BROKER_URL would wait on a queue no one else can reach."""
    if app.conf.task_always_eager:
        raise SystemExit(
            "CELERY_BROKER_URL이 설정되지 않았습니다: 브로커 없이는 작업이 요청한 프로세스 안에서 바로 돕니다. "
            "worker와 beat를 쓰려면 .env에 CELERY_BROKER_URL=redis://127.0.0.1:6379/0 처럼 설정하세요."
        )


@signals.worker_init.connect
def warn_of_a_cache_of_its_own(**kwargs) -> None:
    """What a worker puts in a per-process cache (the 많이 본 뉴스 ranking) never reaches the app servers."""
    from django.conf import settings

    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        logging.getLogger("newsroom.jobs").warning(
            "CACHE_URL이 프로세스마다 따로인 캐시(locmem)입니다: 워커가 만든 많이 본 뉴스 순위가 앱 서버에 닿지 않아 "
            "독자 요청이 직접 순위를 매깁니다. 앱 서버와 같은 CACHE_URL=redis://…를 설정하세요."
        )


@app.task(name="newsroom.ping", ignore_result=False)
def ping(payload: str = "pong") -> str:
    """A round trip through the broker, a worker and the result store: what a deployment check can send."""
    return payload

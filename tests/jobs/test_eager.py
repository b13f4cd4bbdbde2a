"""Background jobs without a broker (the demo, `make run`): each runs at once where it was queued, and a failing
one is logged and recorded, never raised into the request. With a broker that cannot be reached, queueing is logged
and gives up within its timeout. The schedule names only jobs that exist."""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.db import transaction
from django_celery_results.models import TaskResult

from articles.models import Section
from newsroom.celery import app, ping
from newsroom.jobs import enqueue, enqueue_on_commit
from tests.workers import jobs_sent_to

ROOT = Path(__file__).resolve().parents[2]


@shared_task(name="tests.jobs.explode")
def explode(word: str) -> None:
    raise RuntimeError(f"일부러 낸 오류: {word}")


def conf_with(broker: str) -> str:
    """What the Celery app makes of the settings in a fresh process whose CELERY_BROKER_URL is `broker`."""
    code = (
        "import django; django.setup(); from newsroom.celery import app; "
        "print(app.conf.task_always_eager, app.conf.task_eager_propagates, app.conf.result_backend)"
    )
    environment = {**os.environ, "CELERY_BROKER_URL": broker, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_with_no_broker_jobs_run_eagerly_and_with_one_they_go_to_it():
    assert conf_with("") == "True False django-db"
    assert conf_with("redis://127.0.0.1:6379/0") == "False False django-db"


@pytest.mark.django_db
def test_without_a_broker_a_job_runs_at_once_and_keeps_its_result():
    result = ping.delay("안녕")

    assert result.get(timeout=1) == "안녕"
    assert TaskResult.objects.get(task_id=result.id).status == "SUCCESS"


@pytest.mark.django_db
def test_a_failing_job_queued_by_a_save_is_logged_and_recorded_and_the_save_stands(
    make_section, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        section = make_section("경제")
        enqueue_on_commit(explode, "저장 뒤")

    assert Section.objects.filter(pk=section.pk).exists()
    failure = TaskResult.objects.get(task_name="tests.jobs.explode")
    assert failure.status == "FAILURE"
    assert "일부러 낸 오류: 저장 뒤" in failure.result  # readable Korean, not \\uXXXX escapes
    assert "일부러 낸 오류" in caplog.text


@pytest.mark.django_db
def test_a_job_is_sent_when_the_transaction_commits_and_not_when_it_rolls_back(
    django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(ping, "apply_async", lambda args, kwargs: sent.append(args))

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(ping, "커밋")
        assert sent == []  # not before the commit
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                enqueue_on_commit(ping, "롤백")
                raise RuntimeError
        except RuntimeError:
            pass

    assert sent == [("커밋",)]
    assert callbacks == []


@pytest.mark.parametrize("broker", ["redis://127.0.0.1:9/0", "amqp://guest:guest@127.0.0.1:9//"])
def test_a_broker_that_cannot_be_reached_costs_a_moment_and_a_log_line_never_an_error(broker, caplog):
    with jobs_sent_to(broker, "nowhere"), caplog.at_level(logging.ERROR, logger="newsroom.jobs"):
        began = time.monotonic()
        result = enqueue(ping, "보낼 수 없음")
        took = time.monotonic() - began

    assert result is None
    assert took < 3 * settings.CELERY_BROKER_CONNECTION_TIMEOUT
    assert "작업을 큐에 넣지 못했습니다: newsroom.ping" in caplog.text
    assert "보낼 수 없음" not in caplog.text  # a job's arguments stay out of the log


def test_every_app_job_is_found_and_the_schedule_names_only_those():
    app.loader.import_default_modules()
    jobs = {"weather.fetch_observations", "audience.rank_most_viewed", "search.rebuild_index", "newsroom.ping"}
    jobs |= {"search.flush_pending"}

    assert jobs <= set(app.tasks)
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= set(app.tasks)
    fetch = settings.CELERY_BEAT_SCHEDULE["weather-fetch-hourly"]
    assert fetch["schedule"] == crontab(minute=10)
    rank = settings.CELERY_BEAT_SCHEDULE["audience-rank-most-viewed"]
    assert rank["schedule"] == settings.RANKING_CACHE_SECONDS
    assert settings.CELERY_BEAT_SCHEDULE["search-flush-pending"]["schedule"] == 60
    assert app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE


@shared_task(name="tests.jobs.duplicate_section")
def duplicate_section(slug: str) -> None:
    Section.objects.create(name="같은 주소", slug=slug)


@pytest.mark.django_db
def test_a_job_run_eagerly_inside_a_save_that_breaks_on_the_database_fails_alone(make_section):
    with transaction.atomic():
        make_section("경제", slug="economy")
        job = duplicate_section.delay("economy")  # queued without waiting for the commit: runs inside the save
        make_section("사회", slug="society")  # the save goes on: its transaction is not broken

    assert job.failed()
    assert "IntegrityError" in TaskResult.objects.get(task_id=job.id).result
    assert sorted(Section.objects.values_list("slug", flat=True)) == ["economy", "society"]

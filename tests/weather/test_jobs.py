"""The hourly KMA fetch as a background job, against a stand-in KMA on 127.0.0.1: retried with backoff while KMA
is down, failed at once when KMA refuses, recorded in the admin's 작업 결과, and never showing the key."""

import logging

import pytest
from django_celery_results.models import TaskResult

from weather.models import Observation, Station
from weather.tasks import fetch_observations

from .conftest import read_sample

KEY = "JOBSECRETKEY987"
SAMPLE = read_sample("kma_sfctm2_sample.txt")


@pytest.fixture
def kma_job(settings, scripted_kma):
    settings.KMA_APIHUB_KEY = KEY
    settings.KMA_APIHUB_URL = f"{scripted_kma.base}/api/typ01/url/kma_sfctm2.php"
    settings.KMA_RETRIES = 0  # the client's own quick retries off: each job attempt is one request
    return scripted_kma


def stored_text(result: TaskResult) -> str:
    """Everything of a job the database keeps, as the admin shows it."""
    return " ".join(
        str(value or "")
        for value in (result.task_args, result.task_kwargs, result.result, result.traceback, result.meta)
    )


def log_text(caplog) -> str:
    return "\n".join(f"{record.getMessage()} {record.exc_text or ''}" for record in caplog.records)


@pytest.mark.django_db
def test_the_job_tries_again_while_kma_is_down_then_stores_the_readings(kma_job, caplog):
    kma_job.responses += [(503, "점검 중"), (502, "bad gateway"), (200, SAMPLE)]
    caplog.set_level(logging.INFO)

    job = fetch_observations.delay("2026010412")

    assert job.successful(), job.result
    assert "갱신 5건 (새로 5건)" in job.result
    assert len(kma_job.paths) == 3
    assert {query["tm"] for query in kma_job.queries()} == {"202601041200"}
    assert Observation.objects.count() == 5
    assert "나중에 다시 시도합니다" in log_text(caplog)
    assert KEY not in log_text(caplog)
    stored = TaskResult.objects.get(task_id=job.id)
    assert (stored.status, stored.task_name) == ("SUCCESS", "weather.fetch_observations")
    assert KEY not in stored_text(stored)


@pytest.mark.django_db
def test_kma_down_for_every_try_is_a_failure_in_the_job_results_without_the_key(kma_job, caplog):
    kma_job.responses += [(503, "점검 중")] * 10

    job = fetch_observations.delay()

    assert job.failed()
    assert len(kma_job.paths) == 1 + 3  # the first try and KMA_JOB_RETRIES more
    stored = TaskResult.objects.get(task_id=job.id)
    assert stored.status == "FAILURE"
    assert "기상청 관측값을 받지 못했습니다" in stored.result
    assert "HTTP 503" in stored.result
    assert KEY not in stored_text(stored)
    assert KEY not in log_text(caplog)
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_a_rejected_key_fails_at_once_and_is_not_asked_again(kma_job, caplog):
    kma_job.responses += [(401, '{"result":{"status":401,"message":"유효한 인증키가 아닙니다."}}')] * 4

    job = fetch_observations.delay()

    assert job.failed()
    assert len(kma_job.paths) == 1
    stored = TaskResult.objects.get(task_id=job.id)
    assert "인증키가 유효하지 않습니다" in stored.result
    assert KEY not in stored_text(stored) and KEY not in log_text(caplog)


@pytest.mark.django_db
def test_with_no_station_shown_the_job_asks_nothing_and_succeeds(kma_job):
    Station.objects.update(is_active=False)

    job = fetch_observations.delay()

    assert job.successful()
    assert "표시 중인 관측 지점이 없습니다" in job.result
    assert kma_job.paths == []


@pytest.mark.worker
def test_a_real_worker_fetches_from_kma_through_redis_retrying_once(start_worker, kma_job):
    """The one test of the jobs with a real `celery -A newsroom worker` (tests/workers.py): a round trip, then the
    hourly fetch, whose first try meets KMA down and whose retry, a second later, stores the readings."""
    from newsroom.celery import ping

    kma_job.responses += [(503, "점검 중"), (200, SAMPLE)]
    worker = start_worker(
        KMA_APIHUB_KEY=KEY,
        KMA_APIHUB_URL=f"{kma_job.base}/api/typ01/url/kma_sfctm2.php",
        KMA_RETRIES="0",
        KMA_JOB_RETRY_BACKOFF="1",
    )

    assert ping.delay("왕복").get(timeout=20) == "왕복"
    job = fetch_observations.delay("2026010412")
    summary = job.get(timeout=60)

    assert "갱신 5건 (새로 5건)" in summary
    assert len(kma_job.paths) == 2
    assert Observation.objects.count() == 5
    stored = TaskResult.objects.get(task_id=job.id)
    assert stored.status == "SUCCESS"
    assert stored.worker.startswith(worker.queue)
    log = worker.log()
    assert "retry" in log.lower()
    assert KEY not in log
    assert KEY not in stored_text(stored)

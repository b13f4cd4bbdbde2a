"""A purge through a real Celery worker: the editor's save returns at once while the worker retries a failing proxy,
logs each failure and records the job as failed."""

import time

import pytest
from django_celery_results.models import TaskResult

from articles.models import Article

SITE = "https://news.example.kr"


def wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("기다린 일이 일어나지 않았습니다")
        time.sleep(0.1)


def test_a_save_returns_at_once_while_a_worker_retries_the_failing_purge(
    client, start_worker, stand_in, settings, make_member, make_article
):
    article = make_article("출고 기사")  # made while PURGE_BACKEND is none: nothing queued
    desk = make_member("desk", "데스크")
    stand_in.status = 503  # the proxy fails every time
    worker = start_worker(
        PURGE_BACKEND="http",
        PURGE_PROXY_URL=stand_in.base,
        PURGE_SITE_URL=SITE,
        PURGE_RETRIES="2",
        PURGE_RETRY_BACKOFF="0.3",
    )
    settings.PURGE_BACKEND = "http"  # the app server's settings, as the worker's
    settings.PURGE_PROXY_URL = stand_in.base
    settings.PURGE_SITE_URL = SITE
    client.force_login(desk)
    form = {
        "headline": "고친 제목",
        "subheadline": "",
        "section": article.section_id,
        "series": "",
        "summary": "",
        "body": article.body,
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "1",
        "bylines-0-id": article.bylines.get().pk,
        "bylines-0-article": article.pk,
        "bylines-0-reporter": article.bylines.get().reporter_id,
        "bylines-0-position": "0",
        "related_picks-TOTAL_FORMS": "0",
        "related_picks-INITIAL_FORMS": "0",
        "loaded_version": Article.objects.get(pk=article.pk).updated_at.isoformat(),
        "_save": "저장",
    }

    started = time.monotonic()
    response = client.post(f"/admin/articles/article/{article.pk}/change/", form)
    took = time.monotonic() - started

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "고친 제목"
    assert took < 1.0
    # The worker asks three times (the first and PURGE_RETRIES=2 more), then gives up, logged and recorded.
    wait_until(lambda: "캐시 퍼지 포기" in worker.log())
    assert stand_in.paths().count(f"/articles/{article.pk}/") == 3
    assert stand_in.hosts() == {"news.example.kr"}
    log = worker.log()
    assert log.count("캐시 퍼지 실패") == 2
    assert "1/3번째 시도" in log and "2/3번째 시도" in log
    wait_until(lambda: TaskResult.objects.filter(task_name="caching.purge_urls", status="FAILURE").exists())

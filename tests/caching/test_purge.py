"""Purges: the addresses a change shows on are sent to the proxy or CDN once the change commits, in one job, retried
when the proxy fails, and never in the editor's way. The backends run against stand-in servers on 127.0.0.1."""

import logging
import time
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import transaction
from django_celery_results.models import TaskResult

from articles.models import Article
from caching import purge
from caching.purge import purge_urls
from caching.versions import content_changed

SITE = "https://news.example.kr"


@pytest.fixture
def jobs(monkeypatch) -> list[tuple[list[str], dict]]:
    """Every purge job queued: its addresses and options (the job still runs)."""
    queued = []
    send = purge.enqueue

    def spy(task, urls, **options):
        queued.append((urls, options))
        return send(task, urls, **options)

    monkeypatch.setattr(purge, "enqueue", spy)
    return queued


def change_form(article: Article, **fields) -> dict:
    """The change form of `article` as the desk's browser posts it, with `fields` changed."""
    bylines = list(article.bylines.all())
    data = {
        "headline": article.headline,
        "subheadline": "",
        "section": article.section_id,
        "series": article.series_id or "",
        "summary": "",
        "body": article.body,
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "bylines-TOTAL_FORMS": str(len(bylines)),
        "bylines-INITIAL_FORMS": str(len(bylines)),
        "related_picks-TOTAL_FORMS": "0",
        "related_picks-INITIAL_FORMS": "0",
        "loaded_version": Article.objects.get(pk=article.pk).updated_at.isoformat(),
        "_save": "저장",
    }
    for i, byline in enumerate(bylines):
        data |= {
            f"bylines-{i}-id": byline.pk,
            f"bylines-{i}-article": article.pk,
            f"bylines-{i}-reporter": byline.reporter_id,
            f"bylines-{i}-position": i,
        }
    return data | fields


def logged(caplog) -> list[logging.LogRecord]:
    """What the purges logged (not Celery's or kombu's lines)."""
    return [record for record in caplog.records if record.name == "caching.purge" and record.levelno >= logging.WARNING]


# The backends ----------------------------------------------------------------------------------------------------


def test_http_purge_sends_purge_for_each_path_with_the_public_host(db, http_purge):
    result = purge_urls.apply(args=[[f"{SITE}/", f"{SITE}/articles/12/", f"{SITE}/sections/economy/?page=2"]])

    assert result.successful() and result.result == 3
    assert [(each.method, each.path, each.headers["Host"]) for each in http_purge.received] == [
        ("PURGE", "/", "news.example.kr"),
        ("PURGE", "/articles/12/", "news.example.kr"),
        ("PURGE", "/sections/economy/?page=2", "news.example.kr"),
    ]


def test_paths_are_purged_encoded_as_browsers_send_them(db, http_purge, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        purge.queue_purge({"/태그/경제/", "/sitemap-it.xml"})

    assert sorted(http_purge.paths()) == ["/%ED%83%9C%EA%B7%B8/%EA%B2%BD%EC%A0%9C/", "/sitemap-it.xml"]


def test_a_page_not_in_the_proxy_cache_is_done(db, http_purge):
    http_purge.status = 404

    assert purge_urls.apply(args=[[f"{SITE}/"]]).successful()
    assert len(http_purge.received) == 1


def test_cloudflare_gets_the_files_in_batches_of_30_with_the_token(db, cloudflare_purge):
    urls = [f"{SITE}/articles/{n}/" for n in range(1, 66)]

    result = purge_urls.apply(args=[urls])

    assert result.successful()
    calls = cloudflare_purge.received
    assert [(call.method, call.path) for call in calls] == [
        ("POST", "/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache")
    ] * 3
    assert [call.json() for call in calls] == [{"files": urls[0:30]}, {"files": urls[30:60]}, {"files": urls[60:65]}]
    assert {call.headers["Authorization"] for call in calls} == {"Bearer cf-secret-token-for-tests"}
    assert {call.headers["Content-Type"] for call in calls} == {"application/json"}


def test_a_backend_is_named_by_its_dotted_path(settings):
    settings.PURGE_BACKEND = "caching.purge.NoPurge"

    assert isinstance(purge.get_backend(), purge.NoPurge)
    assert purge.purging()


# Failures --------------------------------------------------------------------------------------------------------


def test_a_failing_proxy_is_retried_for_what_it_did_not_purge(db, http_purge, caplog):
    http_purge.answers = [200, 500]  # the home page purged, the article refused once

    with caplog.at_level(logging.WARNING, logger="caching.purge"):
        result = purge_urls.apply(args=[[f"{SITE}/", f"{SITE}/articles/12/"]])

    assert result.successful()
    assert http_purge.paths() == ["/", "/articles/12/", "/articles/12/"]
    [warning] = logged(caplog)
    assert warning.levelname == "WARNING"
    assert "주소 1개, 1/4번째 시도" in warning.getMessage()
    assert "HTTP 500" in warning.getMessage()


def test_a_proxy_that_always_fails_is_given_up_and_logged_after_the_retries(db, http_purge, caplog):
    http_purge.status = 503

    with caplog.at_level(logging.WARNING, logger="caching.purge"):
        result = purge_urls.apply(args=[[f"{SITE}/", f"{SITE}/rss/"]])

    assert result.failed()
    assert http_purge.paths() == ["/", "/rss/"] * 4  # the first attempt and PURGE_RETRIES=3 more
    assert [record.levelname for record in logged(caplog)] == ["WARNING"] * 3 + ["ERROR"]
    assert "캐시 퍼지 포기: 주소 2개, 4번 시도" in logged(caplog)[-1].getMessage()
    # Recorded as failed, as every job is (the admin's 작업 결과).
    assert TaskResult.objects.get(task_name="caching.purge_urls").status == "FAILURE"


def test_a_proxy_that_is_down_is_retried_and_logged(db, http_purge, settings, closed_port, caplog):
    settings.PURGE_PROXY_URL = f"http://127.0.0.1:{closed_port}"

    with caplog.at_level(logging.WARNING, logger="caching.purge"):
        result = purge_urls.apply(args=[[f"{SITE}/", f"{SITE}/rss/"]])

    assert result.failed()
    assert len(logged(caplog)) == 4
    assert "주소 2개" in logged(caplog)[-1].getMessage()
    assert "NewConnectionError" in logged(caplog)[-1].getMessage()


def test_a_refusal_is_not_asked_again(db, http_purge, caplog):
    http_purge.status = 403

    with caplog.at_level(logging.WARNING, logger="caching.purge"):
        result = purge_urls.apply(args=[[f"{SITE}/"]])

    assert result.failed()
    assert len(http_purge.received) == 1
    assert [record.levelname for record in logged(caplog)] == ["ERROR"]


def test_cloudflare_failures_are_retried_and_logged_without_the_token(db, cloudflare_purge, caplog):
    cloudflare_purge.status = 500
    urls = [f"{SITE}/articles/{n}/" for n in range(1, 36)]

    with caplog.at_level(logging.DEBUG):
        result = purge_urls.apply(args=[urls])

    assert result.failed()
    assert len(cloudflare_purge.received) == 4  # the first batch, refused each time: nothing after it is sent
    mine = logged(caplog)
    assert [record.levelname for record in mine] == ["WARNING"] * 3 + ["ERROR"]
    assert "주소 35개" in mine[-1].getMessage()
    assert "HTTP 500 10000 no" in mine[-1].getMessage()
    assert "cf-secret-token-for-tests" not in caplog.text
    stored = TaskResult.objects.get(task_name="caching.purge_urls")
    assert "cf-secret-token-for-tests" not in f"{stored.result} {stored.traceback} {stored.task_kwargs}"


def test_the_pause_before_each_retry_doubles_up_to_its_ceiling(settings):
    settings.PURGE_RETRY_BACKOFF = 2
    settings.PURGE_RETRY_BACKOFF_MAX = 10

    pauses = [[purge.retry_countdown(retries) for _ in range(200)] for retries in range(5)]

    assert [max(each) <= ceiling for each, ceiling in zip(pauses, [2, 4, 8, 10, 10], strict=True)] == [True] * 5
    assert min(min(each) for each in pauses) >= 0
    assert max(pauses[3]) > 8  # jittered over the whole range, not stuck at the start


# One job per transaction, after it commits -----------------------------------------------------------------------


def test_several_changes_in_one_transaction_are_one_job_once_it_commits(
    db, http_purge, jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        content_changed({"/", "/articles/12/"})
        content_changed({"/", "/sections/economy/"})
        with transaction.atomic():  # a savepoint inside it, released
            content_changed({"/rss/"})
        assert jobs == []  # nothing before the commit

    assert len(callbacks) == 1
    assert jobs == [([f"{SITE}/", f"{SITE}/articles/12/", f"{SITE}/rss/", f"{SITE}/sections/economy/"], {"once": True})]
    assert sorted(http_purge.paths()) == ["/", "/articles/12/", "/rss/", "/sections/economy/"]


def test_a_rolled_back_transaction_purges_nothing(db, http_purge, jobs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            content_changed({"/", "/articles/12/"})
            raise RuntimeError("저장 실패")
        # The next transaction starts afresh: only its own paths.
        with transaction.atomic():
            content_changed({"/rss/"})

    assert len(callbacks) == 1
    assert jobs == [([f"{SITE}/rss/"], {"once": True})]
    assert http_purge.paths() == ["/rss/"]


def test_two_transactions_are_two_jobs(db, http_purge, jobs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        content_changed({"/"})
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        content_changed({"/rss/"})

    assert [urls for urls, _ in jobs] == [[f"{SITE}/"], [f"{SITE}/rss/"]]


def test_with_no_backend_nothing_is_queued(db, settings, jobs, django_capture_on_commit_callbacks):
    settings.PURGE_BACKEND = "none"

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        content_changed({"/", "/articles/12/"})

    assert callbacks == []
    assert jobs == []


# The desk's saves commit for real here: the purge is queued by the commit of the admin's own transaction.


@pytest.mark.django_db(transaction=True)
def test_publishing_through_the_desk_purges_every_page_the_article_shows_on(
    client, http_purge, jobs, make_member, make_article, make_reporter
):
    second = make_reporter("이도윤")
    article = make_article("첫눈", status=Article.Status.SUBMITTED, reporters=None)
    article.bylines.create(reporter=second, position=1)
    first = article.bylines.get(position=0).reporter
    client.force_login(make_member("desk", "데스크"))
    http_purge.received.clear(), jobs.clear()  # the section and reporters made above

    with time_machine.travel(datetime(2026, 3, 14, 1, 30, tzinfo=UTC), tick=True):  # 10:30 in Seoul
        response = client.post(
            f"/admin/articles/article/{article.pk}/change/", change_form(article, status="published")
        )

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    assert len(jobs) == 1
    assert sorted(http_purge.paths()) == sorted(
        [
            "/",
            "/rss/",
            "/sitemap.xml",
            "/sitemap-news.xml",
            "/popular/",
            f"/articles/{article.pk}/",
            f"/articles/{article.pk}/related/",
            "/sections/bigtech/",
            "/rss/sections/bigtech/",
            "/sitemap-articles.xml",  # the sitemap page that lists it
            f"/reporters/{first.pk}/",
            f"/rss/reporters/{first.pk}/",
            f"/reporters/{second.pk}/",
            f"/rss/reporters/{second.pk}/",
            "/date/2026/03/14/",
        ]
    )
    assert http_purge.hosts() == {"news.example.kr"}


@pytest.mark.django_db(transaction=True)
def test_withdrawing_purges_the_pages_the_article_was_on(client, http_purge, make_member, make_article):
    live = make_article("내릴 기사", published_at=datetime(2026, 3, 13, 15, 0, tzinfo=UTC))  # 3월 14일 0시, Seoul
    reporter = live.bylines.get().reporter
    client.force_login(make_member("desk", "데스크"))
    http_purge.received.clear()

    client.post("/admin/articles/article/", {"action": "unpublish_selected", "_selected_action": [live.pk]})

    assert Article.objects.get(pk=live.pk).status == Article.Status.WITHDRAWN
    assert {
        "/",
        f"/articles/{live.pk}/",
        "/sections/bigtech/",
        f"/reporters/{reporter.pk}/",
        "/date/2026/03/14/",
        "/sitemap-articles.xml",  # the sitemap page that lists it
    } <= set(http_purge.paths())


@pytest.mark.django_db(transaction=True)
def test_a_draft_purges_nothing(client, http_purge, jobs, make_member, make_article):
    draft = make_article("초고", status=Article.Status.DRAFT)
    client.force_login(make_member("desk", "데스크"))
    http_purge.received.clear(), jobs.clear()

    client.post(f"/admin/articles/article/{draft.pk}/change/", change_form(draft, headline="초고 고침"))

    assert Article.objects.get(pk=draft.pk).headline == "초고 고침"
    assert jobs == []
    assert http_purge.received == []


# Never in the editor's way ---------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_without_a_worker_a_hanging_proxy_costs_a_save_one_timeout_and_never_fails_it(
    client, http_purge, settings, make_member, make_article, caplog
):
    """No broker (eager mode): the purge is tried once, right after the commit, within PURGE_TIMEOUT, and its
    failure is logged; no retries, no pauses, no error for the editor."""
    settings.PURGE_TIMEOUT = 0.3
    article = make_article("출고 기사")
    client.force_login(make_member("desk", "데스크"))
    http_purge.received.clear()
    http_purge.silent = True  # takes the connection and never answers

    with caplog.at_level(logging.WARNING, logger="caching.purge"):
        started = time.monotonic()
        response = client.post(f"/admin/articles/article/{article.pk}/change/", change_form(article, headline="고침"))
        took = time.monotonic() - started

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "고침"
    assert took < 1.5
    assert len(http_purge.received) == 1  # once: the proxy is not asked for the rest, nor again
    assert [record.levelname for record in logged(caplog)] == ["ERROR"]
    assert "ReadTimeoutError" in logged(caplog)[0].getMessage()


@pytest.mark.django_db(transaction=True)
def test_a_purge_that_cannot_even_be_queued_is_logged_and_the_save_stands(
    client, settings, make_member, make_article, caplog
):
    settings.PURGE_BACKEND = "http"
    settings.PURGE_SITE_URL = ""
    settings.SITE_URL = ""  # misconfigured after start: no public address to purge
    article = make_article("출고 기사")
    client.force_login(make_member("desk", "데스크"))

    with caplog.at_level(logging.WARNING, logger="caching.purge"):
        response = client.post(f"/admin/articles/article/{article.pk}/change/", change_form(article, headline="고침"))

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "고침"
    assert "캐시 퍼지를 보내지 못했습니다" in caplog.text


def test_the_settings_refuse_a_purge_backend_without_the_public_address(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = "import django; django.setup()"
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", "SITE_URL": "", "PURGE_SITE_URL": ""}
    http = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env={**base, "PURGE_BACKEND": "http"}, capture_output=True, text=True
    )
    cloudflare = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**base, "PURGE_BACKEND": "cloudflare", "PURGE_SITE_URL": SITE, "CLOUDFLARE_ZONE_ID": ""},
        capture_output=True,
        text=True,
    )

    assert http.returncode != 0 and "PURGE_SITE_URL" in http.stderr
    assert cloudflare.returncode != 0 and "CLOUDFLARE_API_TOKEN" in cloudflare.stderr

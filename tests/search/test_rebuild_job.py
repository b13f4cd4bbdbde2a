"""Rebuilding the search index as a background job: `rebuild_search_index --background`, or queued from code."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_celery_results.models import TaskResult

from articles.models import Article
from search import models as search_models
from search.models import Entry, IndexState, search
from search.tasks import rebuild_search_index
from search.tokens import parse_query


def test_the_rebuild_job_restores_every_entry_and_drops_stale_ones(make_article):
    kept = make_article("반도체 수출 늘어")
    Entry.objects.all().delete()
    gone = make_article("곧 지울 반도체 기사")
    Article.objects.filter(pk=gone.pk).delete()

    job = rebuild_search_index.delay()

    assert job.successful()
    assert job.result == "검색 색인: 기사 1건을 다시 색인했습니다."
    assert [article.pk for article in search(parse_query("반도체"))[0:10]] == [kept.pk]
    assert TaskResult.objects.get(task_id=job.id).status == "SUCCESS"


def test_the_command_sends_the_rebuild_as_a_job_and_without_a_broker_it_runs_there_and_then(make_article):
    make_article("반도체 수출 늘어")
    Entry.objects.all().delete()
    out = StringIO()

    call_command("rebuild_search_index", "--background", stdout=out)

    assert "검색 색인: 기사 1건을 다시 색인했습니다." in out.getvalue()
    assert Entry.objects.count() == 1


def test_an_edit_is_found_at_once_jobs_or_not(make_article):
    article = make_article("반도체 수출 늘어")
    article.headline = "배터리 수출 늘어"
    article.save()

    assert [a.pk for a in search(parse_query("배터리"))[0:10]] == [article.pk]
    assert list(search(parse_query("반도체"))[0:10]) == []


def _cut_short_after(article: Article) -> None:
    """As a rebuild stopped (killed, or its server restarted) once it had written up to `article`."""
    Entry.objects.filter(article_id__gt=article.pk).delete()
    IndexState.objects.filter(pk=1).update(rebuilt_through=article.pk)


def test_a_rebuild_cut_short_goes_on_from_where_it_stopped(make_article, monkeypatch):
    first, second, third = (make_article(f"반도체 기사 {n}") for n in range(3))
    _cut_short_after(first)
    written = []
    monkeypatch.setattr("search.models.REBUILD_BATCH", 1)
    real = search_models.index_articles
    monkeypatch.setattr("search.models.index_articles", lambda articles: written.extend(articles) or real(articles))
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert f"기사 ID {first.pk:,} 다음부터 이어 갑니다" in out.getvalue()
    assert [a.pk for a in written] == [second.pk, third.pk]
    assert "[##############################] 3/3 (100%)" in out.getvalue()
    assert Entry.objects.count() == 3
    assert IndexState.objects.get().rebuilt_through is None


def test_a_restart_writes_every_entry_again(make_article, monkeypatch):
    articles = [make_article(f"반도체 기사 {n}") for n in range(3)]
    _cut_short_after(articles[1])
    written = []
    real = search_models.index_articles
    monkeypatch.setattr("search.models.index_articles", lambda batch: written.extend(batch) or real(batch))

    call_command("rebuild_search_index", "--restart", stdout=StringIO())

    assert [a.pk for a in written] == [a.pk for a in articles]
    assert Entry.objects.count() == 3


def test_a_wrong_number_of_workers_is_refused():
    with pytest.raises(CommandError, match="1부터 64 사이"):
        call_command("rebuild_search_index", "--workers", "0", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_two_workers_write_every_entry_on_postgresql(make_article, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: the rebuild runs in one process there")
    articles = [make_article(f"반도체 기사 {n}", body=f"<p>데이터 센터 {n}번째 소식</p>") for n in range(7)]
    Entry.objects.all().delete()
    monkeypatch.setattr("search.models.REBUILD_BATCH", 2)
    out = StringIO()

    call_command("rebuild_search_index", "--workers", "2", stdout=out)

    assert "검색 색인: 기사 7건을" in out.getvalue()
    assert Entry.objects.count() == 7
    found = search(parse_query("데이터센터"))
    assert sorted(a.pk for a in found[0:10]) == sorted(a.pk for a in articles)


def test_a_rebuild_interrupted_says_where_it_will_go_on_and_then_does(make_article, monkeypatch):
    first, second = make_article("반도체 기사 1"), make_article("반도체 기사 2")
    monkeypatch.setattr("search.models.REBUILD_BATCH", 1)
    real, calls = search_models.index_articles, []

    def interrupted_on_the_second_batch(articles):
        calls.append(articles)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(articles)

    monkeypatch.setattr("search.models.index_articles", interrupted_on_the_second_batch)
    with pytest.raises(CommandError, match=f"다시 실행하면 기사 ID {first.pk:,} 다음부터 이어 갑니다"):
        call_command("rebuild_search_index", stdout=StringIO())
    monkeypatch.setattr("search.models.index_articles", real)
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert "검색 색인: 기사 1건을" in out.getvalue()
    assert f"앞서 색인한 기사 ID {first.pk:,}까지는 건너뛰었습니다" in out.getvalue()
    assert Entry.objects.filter(article_id=second.pk).exists()

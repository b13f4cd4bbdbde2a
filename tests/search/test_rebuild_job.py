"""Rebuilding the search index as a background job: `rebuild_search_index --background`, or queued from code."""

from io import StringIO

from django.core.management import call_command
from django_celery_results.models import TaskResult

from articles.models import Article
from search.models import Entry, search
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

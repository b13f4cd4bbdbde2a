"""많이 본 뉴스 ranked by a background job (beat sends it every RANKING_CACHE_SECONDS): readers' pages read the
ranking and never rank while the job keeps it, and rank themselves only when it has not run."""

from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audience.counting import count_view
from audience.models import ArticleViewCount
from audience.popular import DAY, WEEK, ranked_ids
from audience.tasks import rank_most_viewed


def ranking_queries(queries) -> list[str]:
    return [query["sql"] for query in queries if ArticleViewCount._meta.db_table in query["sql"]]


def test_the_job_ranks_the_day_and_the_week_into_the_cache(make_article):
    today, earlier = make_article("오늘 기사"), make_article("사흘 전 기사")
    count_view(today)
    for _ in range(2):
        count_view(earlier, timezone.now() - timedelta(days=3))

    job = rank_most_viewed.delay()

    assert job.successful()
    assert job.result == {"24h": 1, "168h": 2}
    assert cache.get(f"popular:{DAY}")["ids"] == [today.pk]
    assert cache.get(f"popular:{WEEK}")["ids"] == [earlier.pk, today.pk]


def test_a_reader_never_ranks_while_the_jobs_ranking_is_kept(reader, make_article):
    article = make_article("많이 본 기사")
    count_view(article)
    rank_most_viewed.delay()

    with CaptureQueriesContext(connection) as queries:
        response = reader.get(reverse("audience:popular"))

    assert [a.headline for _, articles in response.context["rankings"] for a in articles] == ["많이 본 기사"] * 2
    assert ranking_queries(queries.captured_queries) == []


def test_the_jobs_ranking_is_served_until_the_job_has_missed_a_run(settings, make_article):
    first, second = make_article("먼저 뜬 기사"), make_article("뒤늦게 뜬 기사")
    interval = timedelta(seconds=settings.RANKING_CACHE_SECONDS)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        count_view(first)
        rank_most_viewed.delay()
        for _ in range(3):
            count_view(second)

        clock.shift(interval * 1.5)  # the next run is merely late: readers keep the job's ranking
        late = ranked_ids(DAY)
        clock.shift(interval)  # two runs missed (no beat, no worker): the first reader ranks again
        missed = ranked_ids(DAY)

    assert late == [first.pk]
    assert missed == [second.pk, first.pk]


def test_before_the_job_first_runs_a_reader_ranks_once_and_keeps_it(reader, make_article):
    article = make_article("처음 뜬 기사")
    count_view(article)

    with CaptureQueriesContext(connection) as first:
        reader.get(reverse("audience:popular"))
    with CaptureQueriesContext(connection) as second:
        reader.get(reverse("audience:popular"))

    assert len(ranking_queries(first.captured_queries)) == 2  # the day and the week
    assert ranking_queries(second.captured_queries) == []
    assert cache.get(f"popular:{DAY}")["ids"] == [article.pk]

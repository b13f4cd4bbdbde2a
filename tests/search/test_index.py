"""The search index: answered from the GIN index on PostgreSQL, rebuilt by a command, used by the admin too."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from search.models import Entry, index_articles, search
from search.tasks import flush_pending
from search.tokens import parse_query


def test_postgresql_answers_a_search_from_the_gin_index(make_article, section):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index exists on PostgreSQL only; SQLite reads the terms strings")
    # Enough entries that reading the whole table would cost more than the index, as on a real archive.
    words = ["서울", "정부", "시장", "반도체", "수출", "예산", "전력", "축제"]
    articles = Article.objects.bulk_create(
        Article(
            headline=f"{words[n % 8]} 소식 {n}",
            body=f"<p>{words[(n * 3) % 8]} {words[(n * 5) % 8]} 이야기</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(minutes=n + 1),
        )
        for n in range(3000)
    )
    for start in range(0, len(articles), 500):
        index_articles(articles[start : start + 500])
    make_article("헤게만 떠난다")
    with connection.cursor() as cursor:
        # What autovacuum does on a live site: move the index's pending entries into it, and gather statistics.
        cursor.execute("SELECT gin_clean_pending_list('search_entry_document_gin')")
        cursor.execute("ANALYZE search_entry")

    entries = Entry.objects.matching(parse_query("헤게만")).visible()
    plans = [entries.explain(), entries.ranked(parse_query("헤게만"))[:20].explain()]

    for plan in plans:
        assert "search_entry_document_gin" in plan, plan
        assert "Seq Scan on search_entry" not in plan, plan


def test_a_saved_article_is_found_while_its_terms_wait_in_the_pending_list_and_after_the_job_merges_them(
    make_article,
):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN indexes and their pending lists exist on PostgreSQL only")
    flush_pending()  # what earlier tests left
    make_article("헤게만 떠난다", body="<p>존 헤게만이 회사를 떠났다.</p>")

    found_before = [a.headline for a in search(parse_query("헤게만"))[0:10]]
    merged = flush_pending()
    found_after = [a.headline for a in search(parse_query("헤게만"))[0:10]]

    assert found_before == found_after == ["헤게만 떠난다"]
    assert merged >= 2  # a page of each index's list
    assert flush_pending() == 0


def test_the_pending_list_job_has_nothing_to_do_on_sqlite(make_article):
    if connection.vendor == "postgresql":
        pytest.skip("SQLite has no GIN index")
    make_article("헤게만 떠난다")

    assert flush_pending() == 0


def test_rebuilding_the_index_restores_every_entry_and_drops_stale_ones(make_article):
    kept = make_article("반도체 수출 늘어")
    Entry.objects.all().delete()
    gone = make_article("곧 지울 반도체 기사")
    Article.objects.filter(pk=gone.pk).delete()  # its entry goes with it, as the table cascades
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)
    call_command("rebuild_search_index", stdout=out)  # again: nothing changes

    assert [article.pk for article in search(parse_query("반도체"))[0:10]] == [kept.pk]
    assert Entry.objects.count() == 1
    assert "기사 1건을" in out.getvalue()
    assert "1/1 (100%)" in out.getvalue()


def test_the_admin_article_search_uses_the_same_korean_search(client, make_article):
    make_article("메타의 최고수익책임자 떠난다", status=Article.Status.DRAFT)
    make_article("메타버스 이용자 감소")
    make_article("서울 한파")
    desk = User.objects.create_user("desk", password="pw-for-tests-only", is_staff=True)
    desk.groups.add(Group.objects.get(name="데스크"))
    client.force_login(desk)

    response = client.get(reverse("admin:articles_article_changelist"), {"q": "메타 최고수익"})
    picks = client.get(
        reverse("admin:autocomplete"),
        {"term": "메타", "app_label": "articles", "model_name": "relatedpick", "field_name": "to_article"},
    )

    assert response.status_code == 200
    assert [article.headline for article in response.context["cl"].result_list] == ["메타의 최고수익책임자 떠난다"]
    assert sorted(item["text"] for item in picks.json()["results"]) == [
        "메타버스 이용자 감소",
        "메타의 최고수익책임자 떠난다",
    ]


def test_a_reporter_searching_the_admin_sees_only_what_they_may_open(client, make_article, make_reporter):
    other = make_reporter("다른기자")
    make_article("남의 반도체 초안", status=Article.Status.DRAFT, reporters=[other])
    make_article("출고된 반도체 기사", reporters=[other])
    reporter_user = User.objects.create_user("yoon", password="pw-for-tests-only", is_staff=True)
    reporter_user.groups.add(Group.objects.get(name="기자"))
    client.force_login(reporter_user)

    response = client.get(reverse("admin:articles_article_changelist"), {"q": "반도체"})

    assert [article.headline for article in response.context["cl"].result_list] == ["출고된 반도체 기사"]


def test_search_page_query_budget(client, django_assert_num_queries, make_article, make_section, make_reporter):
    def grow(n: int) -> None:
        section = make_section()
        people = [make_reporter(f"기자{i}") for i in range(3)]
        for i in range(n):
            make_article(f"반도체 기사 {i}", section=section, reporters=people, age=timedelta(minutes=i + 1))

    grow(3)
    client.get("/search/", {"q": "반도체"})  # fills the weather strip's cache
    # the content version (the weather strip is kept under it), the section menu, the count, the page's entries,
    # their articles, their bylines, banners
    with django_assert_num_queries(7):
        assert client.get("/search/", {"q": "반도체"}).status_code == 200
    grow(40)
    client.get("/search/", {"q": "반도체"})  # the strip again, under the version the new articles moved on
    with django_assert_num_queries(7):
        assert client.get("/search/", {"q": "반도체"}).status_code == 200


def _file_articles(section, count: int, start: int = 0) -> None:
    articles = Article.objects.bulk_create(
        Article(
            headline=f"서울 소식 {n}",
            body="<p>서울 시내 이야기</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(minutes=n + 1),
        )
        for n in range(start, start + count)
    )
    for first in range(0, len(articles), 500):
        index_articles(articles[first : first + 500])


def test_the_admin_search_for_a_common_word_counts_to_a_thousand_only(
    client, django_assert_num_queries, make_member, section
):
    _file_articles(section, 1_001)
    client.force_login(make_member("desk", "데스크"))
    url = reverse("admin:articles_article_changelist")
    client.get(url, {"q": "서울"})
    # session, user, the device the session gave its second factor from (django-otp), the user's own and its
    # groups' permissions, the user's unread notifications (desk), the filters' sections, series and reporters, on
    # PostgreSQL how many of the newest entries hold the word, the count (stopping past 1,000), the page of
    # articles, their bylines
    queries = 13 if connection.vendor == "postgresql" else 12

    with django_assert_num_queries(queries):
        response = client.get(url, {"q": "서울"})
    _file_articles(section, 1_000, start=1_001)
    with django_assert_num_queries(queries):
        again = client.get(url, {"q": "서울", "p": "10"})

    for page in (response, again):
        assert page.status_code == 200
        assert "결과 1,000건 이상" in page.text
        assert "기사 1,000건 이상" in page.text
    assert len(response.context["cl"].result_list) == 100
    assert response.context["cl"].paginator.num_pages == 10
    # The last filed first: the second thousand on top, so the tenth page starts 900 down from 서울 소식 2000.
    assert [article.headline for article in again.context["cl"].result_list][:1] == ["서울 소식 1100"]


def test_the_admin_search_for_a_rarer_word_counts_exactly(client, make_member, make_article, section):
    _file_articles(section, 300)
    make_article("반도체 수출 늘어")
    client.force_login(make_member("desk", "데스크"))

    response = client.get(reverse("admin:articles_article_changelist"), {"q": "반도체"})

    assert "결과 1개" in response.text
    assert "이상" not in response.text
    assert [article.headline for article in response.context["cl"].result_list] == ["반도체 수출 늘어"]

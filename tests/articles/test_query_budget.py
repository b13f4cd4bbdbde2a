"""Every public page runs a fixed number of queries, whether the archive holds a few articles or many."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles.models import Banner


@pytest.fixture
def grow(make_article, make_section, make_series, make_reporter, make_banner, section, reporter):
    """Add `n` articles per call, each with two reporters and related picks, across sections and a series."""
    series = make_series("빅테크칼럼", slug="bigtech-column", section=section)
    sections = [section, make_section("경제"), make_section("사회")]
    reporters = [reporter, make_reporter("이종화"), make_reporter("김도윤")]
    for slot in Banner.Slot.values:
        make_banner(slot)
    made = []

    def add(n: int):
        for i in range(n):
            made.append(
                make_article(
                    series=series if i % 2 else None,
                    section=sections[i % len(sections)],
                    reporters=[reporters[i % 3], reporters[(i + 1) % 3]],
                    related=made[-3:],
                    age=timedelta(minutes=len(made) + 10),
                )
            )
        return made

    return add


def assert_flat(client, django_assert_num_queries, grow, expected: int, url_of) -> None:
    """Same number of queries at two archive sizes; `url_of` picks the page from the articles made so far."""
    articles = grow(4)
    with django_assert_num_queries(expected):
        assert client.get(url_of(articles)).status_code == 200
    articles = grow(60)
    with django_assert_num_queries(expected):
        assert client.get(url_of(articles)).status_code == 200


def test_home_page_query_budget(client, django_assert_num_queries, grow):
    # sections with their front-page cutoffs, the section blocks' articles, their bylines,
    # the latest articles, their bylines, banners
    assert_flat(client, django_assert_num_queries, grow, 6, lambda articles: "/")


def test_article_page_query_budget(client, django_assert_num_queries, grow):
    # the article with section and series, its bylines, related: picks, same series, same section,
    # their bylines, the related count, the section menu, banners
    assert_flat(client, django_assert_num_queries, grow, 9, lambda articles: articles[-1].get_absolute_url())


def test_related_list_query_budget(client, django_assert_num_queries, grow):
    # the article, the count, the page of related articles, their bylines, the section menu, banners
    url_of = lambda articles: reverse("articles:related", args=[articles[-1].pk])  # noqa: E731
    assert_flat(client, django_assert_num_queries, grow, 6, url_of)


def test_section_page_query_budget(client, django_assert_num_queries, grow):
    # the section, the count, the page of articles, their bylines, the section menu, banners
    assert_flat(client, django_assert_num_queries, grow, 6, lambda articles: articles[0].section.get_absolute_url())


def test_series_page_query_budget(client, django_assert_num_queries, grow):
    # the series with its section, the count, the page of articles, their bylines, the section menu, banners
    assert_flat(client, django_assert_num_queries, grow, 6, lambda articles: articles[1].series.get_absolute_url())


def test_reporter_page_query_budget(client, django_assert_num_queries, grow, reporter):
    # the reporter, the count, the page of articles, their bylines, the section menu, banners
    assert_flat(client, django_assert_num_queries, grow, 6, lambda articles: reporter.get_absolute_url())

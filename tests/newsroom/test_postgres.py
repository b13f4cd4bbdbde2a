"""PostgreSQL's timestamps read by psycopg's compiled loader (newsroom.postgres): the same values Django reads."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from articles.models import Article


@pytest.fixture
def on_postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("the loader is PostgreSQL's; SQLite's times are text converted by Django")


def test_a_time_read_by_hand_is_the_time_saved_in_utc(on_postgresql, make_article):
    released = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
    article = make_article(published_at=released)

    with connection.cursor() as cursor:
        cursor.execute("SELECT published_at FROM articles_article WHERE id = %s", [article.pk])
        (read,) = cursor.fetchone()

    assert read == released
    assert read.tzinfo is UTC
    assert Article.objects.get(pk=article.pk).published_at == released


def test_a_time_before_1970_and_one_without_microseconds_come_back_as_they_were(on_postgresql):
    with connection.cursor() as cursor:
        cursor.execute("SELECT '1969-07-20 20:17:40+00'::timestamptz, '2026-12-31 23:59:59.5+09'::timestamptz")
        landing, new_year = cursor.fetchone()

    assert landing == datetime(1969, 7, 20, 20, 17, 40, tzinfo=UTC)
    assert new_year == datetime(2026, 12, 31, 14, 59, 59, 500000, tzinfo=UTC)
    assert new_year.tzinfo is UTC


def test_every_connection_reads_times_with_the_compiled_loader_the_tests_above_went_through(on_postgresql):
    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(connection.connection.adapters.types["timestamptz"].oid, 0)

    assert loader.__name__ == "UtcTimestamptzLoader"

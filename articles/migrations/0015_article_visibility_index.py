from django.db import migrations

# PostgreSQL only (SQLite has no index with non-key columns). An article's id with what decides whether readers may
# see it: a reporter page counts its articles to 1,001 by probing each byline's article, and with this index every
# probe is answered from the index alone instead of the article's row (at a million articles 14 ms to 5; see
# docs/performance.md). Built concurrently, so that a large archive keeps serving while it is made.
CREATE = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS article_visibility_idx "
    "ON articles_article (id) INCLUDE (status, published_at, ends_at)"
)


def create_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS article_visibility_idx")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0014_byline_reporter_index"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]

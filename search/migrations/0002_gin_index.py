from django.db import migrations

# PostgreSQL only; SQLite reads the terms strings. See docs/search.md for the measurements behind each choice.
INDEXES = [
    # Every search, and the admin's: fastupdate off, so that a search never scans a list of pending entries
    # (an article save writes its entries at once, a few milliseconds; articles are saved far less than searched).
    "CREATE INDEX IF NOT EXISTS search_entry_document_gin ON search_entry USING gin (document) "
    "WITH (fastupdate = off)",
    # Headline matches come first: for a common word, found without reading every match.
    "CREATE INDEX IF NOT EXISTS search_entry_headline_gin ON search_entry USING gin (headline_document) "
    "WITH (fastupdate = off)",
    # Newest first: a common word's count and pages are read along it, and a date range narrows with it.
    "CREATE INDEX IF NOT EXISTS search_entry_newest ON search_entry (published_at DESC, article_id DESC) "
    "WHERE status = 'published'",
]


def create_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in INDEXES:
        schema_editor.execute(statement)
    # Without statistics the planner takes any search for selective (0.5% of entries) and always answers it from the
    # GIN index. With them it reads the whole table for a common word, as it cannot know that testing a row means
    # fetching its document from TOAST: seconds instead of milliseconds.
    schema_editor.execute("ALTER TABLE search_entry ALTER COLUMN document SET STATISTICS 0")


def drop_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_entry ALTER COLUMN document SET STATISTICS -1")
    for name in ("newest", "headline_gin", "document_gin"):
        schema_editor.execute(f"DROP INDEX IF EXISTS search_entry_{name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries"), ("articles", "0010_reader_site")]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]

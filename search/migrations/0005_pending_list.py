from django.db import migrations

# PostgreSQL only. A save adds its entry's terms to each GIN index's list of pending entries, a few pages written at
# once, instead of placing each of its ~600 terms in the index (2 to 5 times slower at a million articles, and a
# rebuild's batches too); the list is merged into the index in bulk when it passes PENDING_LIMIT_KB, by the minute's
# job (search.flush_pending) or by VACUUM. Every search reads the list whole, so it is kept short.
# See docs/search.md for the measurements.
PENDING_LIMIT_KB = 1024
INDEXES = ("search_entry_document_gin", "search_entry_headline_gin")


def pending_on(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(
            f"ALTER INDEX IF EXISTS {name} SET (fastupdate = on, gin_pending_list_limit = {PENDING_LIMIT_KB})"
        )


def pending_off(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        # Turning the list off leaves what it holds there: merged, before and after, so that no search reads it.
        flush = f"SELECT gin_clean_pending_list(to_regclass('{name}')) WHERE to_regclass('{name}') IS NOT NULL"
        schema_editor.execute(flush)
        schema_editor.execute(f"ALTER INDEX IF EXISTS {name} SET (fastupdate = off)")
        schema_editor.execute(f"ALTER INDEX IF EXISTS {name} RESET (gin_pending_list_limit)")
        schema_editor.execute(flush)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_spelling_variants")]

    operations = [migrations.RunPython(pending_on, pending_off, elidable=False)]

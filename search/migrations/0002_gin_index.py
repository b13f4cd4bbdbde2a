from django.db import migrations


def create_gin_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS search_entry_document_gin ON search_entry USING gin (document)")


def drop_gin_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_document_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries"), ("articles", "0010_reader_site")]

    operations = [
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]

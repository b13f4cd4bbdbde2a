from django.db import migrations, models


def record_format(apps, schema_editor) -> None:
    """A new index holds the current format; one with entries holds those written before reporter facets (1) until
    `manage.py rebuild_search_index` writes them again."""
    Entry = apps.get_model("search", "Entry")
    IndexState = apps.get_model("search", "IndexState")
    IndexState.objects.using(schema_editor.connection.alias).create(
        pk=1, format=1 if Entry.objects.using(schema_editor.connection.alias).exists() else 2
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_gin_index")]

    operations = [
        migrations.CreateModel(
            name="IndexState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("format", models.PositiveSmallIntegerField(default=2)),
            ],
            options={"verbose_name": "검색 색인 상태", "verbose_name_plural": "검색 색인 상태"},
        ),
        migrations.RunPython(record_format, migrations.RunPython.noop),
    ]

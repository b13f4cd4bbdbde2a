from django.db import migrations, models

# The admin's article list in its order, the last change first: its first page is read along this index instead of
# sorting every article, and its search for a word in most articles walks it. On PostgreSQL built concurrently, as
# 0015, so that a large archive keeps taking saves while it is made; elsewhere as any index.
INDEX = models.Index(fields=["-updated_at", "-id"], name="article_changed_idx")
CREATE = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS article_changed_idx ON articles_article (updated_at DESC, id DESC)"
)


def create_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
    else:
        schema_editor.add_index(apps.get_model("articles", "Article"), INDEX)


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS article_changed_idx")
    else:
        schema_editor.remove_index(apps.get_model("articles", "Article"), INDEX)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0015_article_visibility_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(create_index, drop_index)],
            state_operations=[migrations.AddIndex(model_name="article", index=INDEX)],
        ),
    ]

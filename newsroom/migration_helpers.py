"""Moving a model to another app without copying a row: the table stays, and so does its content type.

A model that moves keeps its `db_table`; the migrations change only Django's state (SeparateDatabaseAndState). Its
content type is renamed to the new app in place, so the permissions that point at it (and the groups holding them),
admin log entries and history stay attached.
"""

from django.db import migrations


def move_content_types(source: str, target: str, models: list[str]) -> migrations.RunPython:
    def forward(apps, schema_editor) -> None:
        _relabel(apps, schema_editor, source, target, models)

    def backward(apps, schema_editor) -> None:
        _relabel(apps, schema_editor, target, source, models)

    return migrations.RunPython(forward, backward)


def _relabel(apps, schema_editor, source: str, target: str, models: list[str]) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
    for model in models:
        if not content_types.filter(app_label=source, model=model).exists():
            continue  # a database that never had it: the next migrate creates it
        # One made for the new app in the meantime is empty next to the old one, which holds the permissions.
        content_types.filter(app_label=target, model=model).delete()
        content_types.filter(app_label=source, model=model).update(app_label=target)

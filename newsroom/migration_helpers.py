"""Moving a model to another app without copying a row: the table stays, and so does its content type.

A model that moves keeps its `db_table`; the migrations change only Django's state (SeparateDatabaseAndState). Its
content type is renamed to the new app in place, so the permissions that point at it (and the groups holding them),
admin log entries and history stay attached.

The moved code runs on the unmigrated database as it is (same tables), so between a deploy and its `migrate` it may
already have made a content type for the new app: the first admin log entry about a banner does. Such a one is merged
into the old one before the rename, never just deleted: deleting it would empty the content type of the log entries
made in the meantime and take away permissions given on it.
"""

from django.db import migrations, router


def move_content_types(source: str, target: str, models: list[str]) -> migrations.RunPython:
    def forward(apps, schema_editor) -> None:
        _relabel(apps, schema_editor, source, target, models)

    def backward(apps, schema_editor) -> None:
        _relabel(apps, schema_editor, target, source, models)

    return migrations.RunPython(forward, backward)


def _relabel(apps, schema_editor, source: str, target: str, models: list[str]) -> None:
    content_type_model = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not router.allow_migrate_model(db, content_type_model):
        return
    content_types = content_type_model.objects.db_manager(db)
    for model in models:
        moving = content_types.filter(app_label=source, model=model).first()
        if moving is None:
            continue  # a database that never had it: the next migrate creates it
        made_meanwhile = content_types.filter(app_label=target, model=model).first()
        if made_meanwhile is not None:
            _merge(apps, db, made_meanwhile, into=moving)
        content_types.filter(pk=moving.pk).update(app_label=target)
    content_types.clear_cache()
    # The running process's own cache still maps these ids to the old app (`migrate` goes on to post_migrate).
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def _merge(apps, db: str, content_type, into) -> None:
    """Everything that points at `content_type` points at `into` instead; then `content_type` goes."""
    try:
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        permission_model = None
    if permission_model is not None:
        permissions = permission_model._base_manager.using(db)
        for permission in permissions.filter(content_type=content_type):
            kept = permissions.filter(content_type=into, codename=permission.codename).first()
            if kept is None:
                permissions.filter(pk=permission.pk).update(content_type=into)
            else:  # the same permission twice: its groups and users get the old one
                _repoint(apps, db, permission, kept)
                permissions.filter(pk=permission.pk).delete()
    _repoint(apps, db, content_type, into)
    content_type.__class__._base_manager.using(db).filter(pk=content_type.pk).delete()


def _repoint(apps, db: str, old, new) -> None:
    """Every foreign key to `old` in the historical models (admin log, history, m2m rows) is set to `new`."""
    label = old._meta.label_lower
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue  # a proxy's rows are its parent's; an unmanaged model's table is not ours to write
        for field in model._meta.concrete_fields:
            if field.related_model is None or field.related_model._meta.label_lower != label:
                continue
            rows = model._base_manager.using(db).filter(**{field.attname: old.pk})
            if model._meta.auto_created:  # an m2m row (group ↔ permission): one per pair
                (other,) = [f.attname for f in model._meta.concrete_fields if f.many_to_one and f is not field]
                already = model._base_manager.using(db).filter(**{field.attname: new.pk})
                rows.filter(**{f"{other}__in": list(already.values_list(other, flat=True))}).delete()
            rows.update(**{field.attname: new.pk})

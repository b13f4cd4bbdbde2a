"""Permissions named in Korean: Django names the four it makes for every model "Can add 배너" and so on, in English
whatever the language, and the user and group pages list them by those names. After every migrate they are named
as the admin's Korean reads them (배너을/를 추가할 수 있음), once the last app's permissions are made."""

from django.apps import apps
from django.conf import settings
from django.utils import translation

from .korean import with_particle

VERBS = {"add": "추가할", "change": "변경할", "delete": "삭제할", "view": "볼"}


def korean_name(verbose_name: str, action: str) -> str:
    return f"{with_particle(verbose_name, '을/를')} {VERBS[action]} 수 있음"


def name_in_korean(sender, **kwargs) -> None:
    if sender is not [config for config in apps.get_app_configs() if config.models_module][-1]:
        return
    from django.contrib.auth.models import Permission

    renamed = []
    with translation.override(settings.LANGUAGE_CODE):
        for permission in Permission.objects.select_related("content_type").filter(name__startswith="Can "):
            action, _, model_name = permission.codename.partition("_")
            model = apps.get_model(permission.content_type.app_label, model_name) if action in VERBS else None
            if model is None or model_name != model._meta.model_name:
                continue
            permission.name = korean_name(str(model._meta.verbose_name), action)[:255]
            renamed.append(permission)
    Permission.objects.bulk_update(renamed, ["name"])

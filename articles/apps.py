from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    from .roles import sync_roles

    sync_roles(Group, Permission)


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "뉴스"

    def ready(self) -> None:
        # Apps added later (and their permissions) join the roles on the next migrate.
        post_migrate.connect(_sync_roles, sender=self)

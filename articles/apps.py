from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_migrate


def _sync_roles(sender, **kwargs) -> None:
    # post_migrate comes once per app, each after that app's permissions are made: the roles wait for the last.
    if sender is not [config for config in apps.get_app_configs() if config.models_module][-1]:
        return
    from django.contrib.auth.models import Group, Permission

    from .roles import sync_roles

    sync_roles(Group, Permission)


class ArticlesConfig(AppConfig):
    """The paper's content and its desk: sections, series, reporters, articles and their bylines and related
    picks, the desk's roles, edit locks, kept edits and history, and the pages, feeds and sitemaps readers get."""

    name = "articles"
    verbose_name = "뉴스"

    def ready(self) -> None:
        from . import changes  # noqa: F401  (a change readers would see moves the page cache on)

        # Apps added later (and their permissions) join the roles on the next migrate.
        post_migrate.connect(_sync_roles, dispatch_uid="articles-sync-roles")
        from django.contrib.auth import get_user_model

        from .roles import staff_on_joining_a_role

        m2m_changed.connect(
            staff_on_joining_a_role, sender=get_user_model().groups.through, dispatch_uid="articles-role-staff"
        )

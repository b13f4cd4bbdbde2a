from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    """The project's own wiring that belongs to no app: how its database connections are set up, the lookups they
    are asked (newsroom.lookups), and the permissions' Korean names (newsroom.permissions)."""

    name = "newsroom"
    verbose_name = "뉴스룸"

    def ready(self) -> None:
        from . import lookups
        from .postgres import use_compiled_timestamps

        lookups.register()

        connection_created.connect(use_compiled_timestamps, dispatch_uid="newsroom-compiled-timestamps")
        from .permissions import name_in_korean

        post_migrate.connect(name_in_korean, dispatch_uid="newsroom-korean-permission-names")

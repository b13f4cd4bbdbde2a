from django.apps import AppConfig
from django.db.backends.signals import connection_created


class NewsroomConfig(AppConfig):
    """The project's own wiring that belongs to no app: how its database connections are set up, and the lookups
    they are asked (newsroom.lookups)."""

    name = "newsroom"
    verbose_name = "뉴스룸"

    def ready(self) -> None:
        from . import lookups
        from .postgres import use_compiled_timestamps

        lookups.register()

        connection_created.connect(use_compiled_timestamps, dispatch_uid="newsroom-compiled-timestamps")

from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The desk's overview: the dashboard that is the admin's home, and the notifications of 반려, 출고 and 예약 출고
    that reporters get on every admin page."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "desk"
    verbose_name = "데스크"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (a return, release or schedule stamps the article and notifies)

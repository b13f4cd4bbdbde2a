from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo paper behind `make run`: its loader, its text, its drawn images and its sample weather."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "데모"

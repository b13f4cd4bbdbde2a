from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo paper behind `make run`: its loader, its text, its drawn images, its sample weather, and which article
    and section is which of its entries across runs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "데모"

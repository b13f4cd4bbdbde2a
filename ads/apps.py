from django.apps import AppConfig


class AdsConfig(AppConfig):
    """Banners: their slots, dates and weights, rotation, the click redirect, and their daily counts."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ads"
    verbose_name = "광고"

from django.apps import AppConfig


class AudienceConfig(AppConfig):
    """Readers: who counts as one (not bots or previews), their article views, and the 많이 본 뉴스 ranking."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "audience"
    verbose_name = "독자"

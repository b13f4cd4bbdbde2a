from django.apps import AppConfig


class CachingConfig(AppConfig):
    """What readers are sent from a cache: the content version every visible change moves on, the page cache keyed
    by it, and the purges that tell proxies and CDNs which addresses changed."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "caching"
    verbose_name = "캐시"

from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Korean search over articles: its own app because the index (bigram terms, a PostgreSQL tsvector with a GIN
    index, a plain string on SQLite), its upkeep and its queries stand apart from how articles are written."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "검색"

    def ready(self) -> None:
        from . import signals  # noqa: F401

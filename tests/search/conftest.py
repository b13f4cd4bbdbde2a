import pytest

from .relevance_cases import ARTICLES


@pytest.fixture
def newsroom(make_article) -> dict:
    """The relevance set's articles, released an hour apart (the first the newest), by key."""
    from datetime import timedelta

    return {
        key: make_article(headline, body=f"<p>{body}</p>", age=timedelta(hours=n + 1))
        for n, (key, (headline, body)) in enumerate(ARTICLES.items())
    }


@pytest.fixture(autouse=True)
def _spelling_variants(django_db_blocker) -> None:
    """The variants migration 0004 brings, back after a test that empties every table (transaction=True)."""
    import importlib

    from search.models import SpellingVariant

    seed = importlib.import_module("search.migrations.0004_spelling_variants").COMMON
    with django_db_blocker.unblock():
        if not SpellingVariant.objects.exists():
            SpellingVariant.objects.bulk_create([SpellingVariant(word=w, variants=v) for w, v in seed.items()])

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

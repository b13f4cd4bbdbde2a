import uuid

import pytest
from django.urls import reverse


@pytest.fixture
def beacon(reader):
    """What an article page's script sends once the page has loaded: beacon(article), as a reader's browser unless
    another `client` is given, with a fresh page-load token unless `token` is given; returns the response."""

    def send(article, *, client=None, token: str | None = None, headers: dict | None = None):
        return (client or reader).post(
            reverse("audience:view_beacon", args=[article.pk]),
            token or str(uuid.uuid4()),
            content_type="text/plain;charset=UTF-8",
            headers=headers,
        )

    return send

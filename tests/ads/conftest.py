import uuid
from urllib.parse import urlencode

import pytest
from django.urls import reverse


@pytest.fixture
def banners_seen(reader):
    """What a page's banner script sends once it has picked: banners_seen(banner, …), as a reader's browser unless
    another `client` is given, with a fresh page-load token unless `token` is given; returns the response."""

    def send(*banners, client=None, token: str | None = None, ids: list | None = None, headers: dict | None = None):
        form = {"t": token or str(uuid.uuid4()), "b": ids if ids is not None else [banner.pk for banner in banners]}
        return (client or reader).post(
            reverse("ads:seen"),
            urlencode(form, doseq=True),
            content_type="application/x-www-form-urlencoded;charset=UTF-8",
            headers=headers,
        )

    return send

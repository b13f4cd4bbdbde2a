"""The body editor uploads an image and gets back what it needs for an <img>, or a message to show."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from photos.models import Photo

from . import images


@pytest.fixture
def url() -> str:
    return reverse("photos:upload")


def test_anonymous_visitors_cannot_upload(client, url, db, stored_files):
    response = client.post(url, {"image": images.upload("a.jpg", images.jpeg())})

    assert response.status_code == 403
    assert response.json() == {"error": "사진을 올릴 권한이 없습니다."}
    assert stored_files() == []


def test_staff_without_the_upload_permission_cannot_upload(client, url, db):
    client.force_login(User.objects.create_user("intern", is_staff=True))

    response = client.post(url, {"image": images.upload("a.jpg", images.jpeg())})

    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_the_endpoint_only_takes_posts(client, url, photo_desk):
    client.force_login(photo_desk)

    assert client.get(url).status_code == 405


def test_a_post_without_the_csrf_token_is_refused(url, photo_desk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(photo_desk)

    response = client.post(url, {"image": images.upload("a.jpg", images.jpeg())})

    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_a_bad_file_gets_a_korean_error_the_editor_can_show(client, url, photo_desk, stored_files):
    client.force_login(photo_desk)

    response = client.post(url, {"image": images.upload("logo.svg", images.SVG, "image/svg+xml")})

    assert response.status_code == 400
    assert response.json() == {"error": "JPEG, PNG, WebP, GIF 이미지만 올릴 수 있습니다."}
    assert stored_files() == []


def test_a_good_file_comes_back_with_its_url_srcset_and_alt(client, url, photo_desk):
    client.force_login(photo_desk)

    response = client.post(
        url, {"image": images.upload("a.jpg", images.jpeg((2000, 1000))), "alt_text": "남산에서 본 서울 야경"}
    )

    assert response.status_code == 200
    data = response.json()
    photo = Photo.objects.get()
    assert data["id"] == photo.pk
    assert data["alt"] == "남산에서 본 서울 야경"
    assert data["url"].endswith("-1024w.jpg")
    assert data["srcset"].count("w, ") == 3 and data["srcset"].endswith("-1600w.jpg 1600w")
    assert (data["width"], data["height"]) == (2000, 1000)
    assert photo.uploaded_by == photo_desk
    assert data["url"] == photo.renditions.get(width=1024, format="jpeg").file.url


def test_an_upload_past_the_memory_limit_for_forms_is_still_saved(client, url, photo_desk, settings):
    """The check for NUL characters (newsroom.middleware) reads a large upload's fields as it streams in, as the
    view would, not its whole body into memory, which Django refuses past DATA_UPLOAD_MAX_MEMORY_SIZE."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(photo_desk)
    content = images.jpeg()
    assert len(content) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = client.post(url, {"image": images.upload("a.jpg", content), "credit": "윤슬"})

    assert response.status_code == 200, response.content
    assert Photo.objects.get().credit == "윤슬"

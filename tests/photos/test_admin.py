"""An editor uploads photos in the admin; every refused file comes back as an error on the form."""

import random

import pytest

from photos.models import Photo

from . import images

ADD_URL = "/admin/photos/photo/add/"
FORMAT_ERROR = "JPEG, PNG, WebP, GIF 이미지만 올릴 수 있습니다."
PIXELS_ERROR = "이미지 해상도가 너무 큽니다 (최대 4,000만 화소)."


def add_form(upload, **fields) -> dict:
    return {"image": upload, "alt_text": "", "caption": "", "credit": "", "_save": "저장", **fields}


def test_editor_uploads_a_photo_and_finds_it_in_the_list_by_its_credit(admin_client, admin_user):
    response = admin_client.post(
        ADD_URL,
        add_form(
            images.upload("DSC_0042.JPG", images.jpeg()),
            alt_text="서울광장에 모인 시민들",
            caption="28일 서울광장에서 시민들이 첫눈을 맞고 있다.",
            credit="연합뉴스",
        ),
    )

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.alt_text, photo.credit, photo.uploaded_by) == ("서울광장에 모인 시민들", "연합뉴스", admin_user)
    assert (photo.width, photo.height) == (1200, 800)
    listing = admin_client.get("/admin/photos/photo/", {"q": "연합뉴스"}).text
    assert "서울광장에 모인 시민들" in listing
    assert photo.renditions.get(width=320, format="jpeg").file.url in listing  # the thumbnail
    assert "서울광장에 모인 시민들" not in admin_client.get("/admin/photos/photo/", {"q": "뉴시스"}).text


def test_the_add_page_asks_for_a_file_and_the_alt_text(admin_client):
    page = admin_client.get(ADD_URL).text

    assert 'enctype="multipart/form-data"' in page
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in page
    assert "대체 텍스트" in page


def test_a_large_upload_spooled_to_disk_is_stored_like_a_small_one(admin_client, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload becomes a temporary file

    response = admin_client.post(ADD_URL, add_form(images.upload("a.jpg", images.phone_jpeg())))

    assert response.status_code == 302
    assert (Photo.objects.get().width, Photo.objects.get().height) == (800, 1200)


def test_the_change_page_shows_size_and_renditions_and_edits_only_the_texts(admin_client):
    photo = Photo.objects.create_from_upload(images.upload("a.jpg", images.jpeg((700, 500))), credit="뉴시스")
    url = f"/admin/photos/photo/{photo.pk}/change/"

    page = admin_client.get(url).text

    assert '<div class="readonly">700</div>' in page
    assert '<div class="readonly">500</div>' in page
    assert "320w WebP" in page and "640w JPEG" in page
    assert 'type="file"' not in page
    response = admin_client.post(url, {"alt_text": "불 꺼진 국회 본관", "caption": "", "credit": "뉴시스"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.alt_text == "불 꺼진 국회 본관"
    assert photo.renditions.count() == 4


# (uploaded name, content type, a function making the bytes, the message the editor reads)
REFUSED = [
    pytest.param("bomb.png", "image/png", lambda: images.png_claiming(50_000, 50_000), PIXELS_ERROR, id="header-bomb"),
    pytest.param("big.png", "image/png", lambda: images.png_claiming(10_000, 10_000), PIXELS_ERROR, id="over-pillow"),
    pytest.param("bomb.png", "image/png", images.bomb_png, PIXELS_ERROR, id="real-bomb"),
    pytest.param("scan.tif", "image/tiff", images.tiff, FORMAT_ERROR, id="tiff"),
    pytest.param("logo.svg", "image/svg+xml", lambda: images.SVG, FORMAT_ERROR, id="svg"),
    pytest.param("scan.jpg", "image/jpeg", images.pdf, FORMAT_ERROR, id="pdf-renamed-jpg"),
    pytest.param("noise.jpg", "image/jpeg", lambda: random.Random(0).randbytes(4096), FORMAT_ERROR, id="random"),
    pytest.param("empty.jpg", "image/jpeg", lambda: b"", "입력하신 파일은 빈 파일입니다.", id="empty"),
    pytest.param(
        "cut.jpg",
        "image/jpeg",
        lambda: images.jpeg()[:3000],
        "이미지 파일이 손상되어 읽을 수 없습니다.",
        id="truncated",
    ),
    pytest.param(
        "huge.jpg",
        "image/jpeg",
        lambda: b"\xff\xd8\xff" + bytes(20 * 1024 * 1024),
        "이미지 파일이 너무 큽니다 (최대 20MB).",
        id="over-20mb",
    ),
]


@pytest.mark.parametrize(("name", "content_type", "make_bytes", "message"), REFUSED)
def test_a_refused_file_comes_back_as_a_form_error_and_nothing_is_stored(
    admin_client, stored_files, name, content_type, make_bytes, message
):
    upload = images.upload(name, make_bytes(), content_type)

    response = admin_client.post(ADD_URL, add_form(upload, alt_text="설명"))

    assert response.status_code == 200
    assert f'<ul class="errorlist" id="id_image_error"><li>{message}</li></ul>' in response.text
    assert 'value="설명"' in response.text  # what the editor typed is kept
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_the_size_cap_follows_the_setting(admin_client, settings, stored_files):
    settings.PHOTO_MAX_BYTES = 50 * 1024

    response = admin_client.post(ADD_URL, add_form(images.upload("noise.jpg", images.noisy_jpeg())))

    assert response.status_code == 200
    assert "이미지 파일이 너무 큽니다 (최대 50KB)." in response.text
    assert stored_files() == []


def test_the_pixel_cap_follows_the_setting(admin_client, settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000

    response = admin_client.post(ADD_URL, add_form(images.upload("a.jpg", images.jpeg((1200, 900)))))

    assert "이미지 해상도가 너무 큽니다 (최대 100만 화소)." in response.text
    assert not Photo.objects.exists()

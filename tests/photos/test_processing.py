"""What is stored for an upload: upright, without metadata, under a random name, with renditions."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from PIL import Image

from photos.models import Photo, Rendition

from . import images


def open_stored(field_file) -> Image.Image:
    with field_file.open("rb") as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
    return image


def test_a_sideways_phone_photo_is_stored_upright_without_location_or_camera(db):
    photo = Photo.objects.create_from_upload(images.upload("IMG_0001.jpg", images.phone_jpeg()))

    stored = open_stored(photo.image)
    assert (photo.width, photo.height) == (800, 1200)
    assert stored.size == (800, 1200)
    # Orientation 6 turns the picture a quarter clockwise: the red top-left corner ends up top-right.
    assert stored.getpixel((780, 20))[0] > 200
    assert stored.getpixel((20, 20))[0] < 150
    assert dict(stored.getexif()) == {}
    assert not {"exif", "xmp", "comment"} & set(stored.info)
    assert b"Samsung" not in photo.image.open("rb").read()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("shot.png", images.encode(images.landscape(), "PNG", pnginfo=images.png_text("Author", "Kim Cheolsu"))),
        ("shot.webp", images.encode(images.landscape(), "WEBP", exif=images.camera_exif(), xmp=b"Kim Cheolsu")),
    ],
)
def test_png_and_webp_lose_their_metadata_too(db, name, content):
    photo = Photo.objects.create_from_upload(images.upload(name, content))

    stored = photo.image.open("rb").read()
    assert b"Kim Cheolsu" not in stored
    assert b"Samsung" not in stored
    assert dict(open_stored(photo.image).getexif()) == {}


def test_a_camera_multi_picture_jpeg_is_taken_as_a_jpeg(db):
    photo = Photo.objects.create_from_upload(images.upload("DSCF0001.JPG", images.mpo()))

    assert photo.image.name.endswith(".jpg")
    assert open_stored(photo.image).getpixel((10, 10))[0] > 200  # the first picture, not the second


def test_every_stored_file_has_a_random_name_not_the_uploaded_one(db, stored_files):
    photo = Photo.objects.create_from_upload(images.upload("김철수_단독제보_서초동.jpg", images.jpeg()))

    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)
    assert stored_files()
    assert not [name for name in stored_files() if "김철수" in name or "서초동" in name]


def test_renditions_are_made_at_each_width_the_image_reaches_in_webp_and_jpeg(db):
    photo = Photo.objects.create_from_upload(images.upload("wide.jpg", images.jpeg((1100, 700))))

    made = sorted((r.width, r.format) for r in photo.renditions.all())
    assert made == [(w, f) for w in (320, 640, 1024) for f in ("jpeg", "webp")]  # no 1600: never scaled up
    for rendition in photo.renditions.all():
        stored = open_stored(rendition.file)
        assert stored.width == rendition.width
        assert stored.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
        assert stored.height == round(700 * rendition.width / 1100)


def test_rendition_widths_follow_the_setting(db, settings):
    settings.PHOTO_RENDITION_WIDTHS = [200, 480]

    photo = Photo.objects.create_from_upload(images.upload("wide.jpg", images.jpeg((1100, 700))))

    assert photo.srcset("jpeg").endswith("-480w.jpg 480w")
    assert sorted({r.width for r in photo.renditions.all()}) == [200, 480]


def test_an_image_narrower_than_every_rendition_is_served_as_uploaded(db):
    photo = Photo.objects.create_from_upload(images.upload("icon.png", images.transparent_png((200, 150))))

    assert not photo.renditions.exists()
    assert photo.srcset("webp") == ""
    assert photo.fallback_url == photo.image.url


def test_a_transparent_png_keeps_its_alpha_and_gets_jpeg_renditions_on_white(db):
    photo = Photo.objects.create_from_upload(images.upload("logo.png", images.transparent_png()))

    assert photo.image.name.endswith(".png")
    assert open_stored(photo.image).mode == "RGBA"
    jpeg = open_stored(photo.renditions.get(width=640, format=Rendition.Format.JPEG).file)
    assert jpeg.getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=3)  # see-through became page white
    assert jpeg.getpixel((320, 240))[0] > 200
    webp = open_stored(photo.renditions.get(width=640, format=Rendition.Format.WEBP).file)
    assert webp.mode == "RGBA"


def test_an_animated_gif_is_stored_as_its_first_frame(db):
    photo = Photo.objects.create_from_upload(images.upload("cat.gif", images.animated_gif(), "image/gif"))

    stored = open_stored(photo.image)
    assert photo.image.name.endswith(".gif")
    assert getattr(stored, "n_frames", 1) == 1
    assert stored.convert("RGB").getpixel((10, 10)) == images.RED
    assert "comment" not in stored.info
    assert sorted({r.width for r in photo.renditions.all()}) == [320]


def test_fallback_is_the_1024_jpeg_and_srcset_lists_each_width(db):
    photo = Photo.objects.create_from_upload(images.upload("big.jpg", images.jpeg((2000, 1000))))

    assert re.fullmatch(r"/media/photos/\d{4}/\d{2}/[0-9a-f]{32}-1024w\.jpg", photo.fallback_url)
    srcset = photo.srcset("webp")
    assert [entry.rsplit(" ", 1)[1] for entry in srcset.split(", ")] == ["320w", "640w", "1024w", "1600w"]
    assert all(entry.split(" ")[0].endswith(".webp") for entry in srcset.split(", "))


def test_credit_is_shown_after_the_photo_sign(db):
    photo = Photo(credit="연합뉴스")
    assert photo.credit_line == "사진=연합뉴스"
    assert Photo(credit="  ").credit_line == ""


def test_a_photo_without_alt_text_cannot_be_published():
    with pytest.raises(ValidationError, match="대체 텍스트를 입력해야 출고할 수 있습니다"):
        Photo(alt_text=" ").validate_for_publication()
    Photo(alt_text="서울광장에 모인 시민들").validate_for_publication()


def test_a_failure_while_storing_leaves_no_row_and_no_file(db, stored_files, monkeypatch):
    real_save = FileSystemStorage._save
    saved = []

    def save_until_the_disk_fills(storage, name, content):
        if len(saved) == 3:
            raise OSError(28, "No space left on device")
        saved.append(name)
        return real_save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save_until_the_disk_fills)

    with pytest.raises(OSError, match="No space left"):
        Photo.objects.create_from_upload(images.upload("a.jpg", images.jpeg()))

    assert len(saved) == 3  # the original and two renditions were written, then removed
    assert not Photo.objects.exists()
    assert stored_files() == []


def test_a_refused_upload_raises_a_korean_message_and_stores_nothing(db, stored_files):
    with pytest.raises(ValidationError) as refused:
        Photo.objects.create_from_upload(images.upload("scan.tif", images.tiff(), "image/tiff"))

    assert refused.value.messages == ["JPEG, PNG, WebP, GIF 이미지만 올릴 수 있습니다."]
    assert stored_files() == []


def test_a_credit_typed_with_its_photo_sign_is_not_signed_twice(db):
    assert Photo(credit="사진=윤슬 기자").credit_line == "사진=윤슬 기자"
    assert Photo(credit="사진 = 연합뉴스").credit_line == "사진=연합뉴스"

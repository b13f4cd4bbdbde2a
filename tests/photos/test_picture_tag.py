"""`{% picture %}` gives readers WebP where their browser takes it and JPEG otherwise, without a query."""

import pytest
from django.template import Context, Template

from photos.models import Photo

from . import images

SIZES = "(max-width: 860px) 100vw, 760px"


def render(template: str, **context) -> str:
    return Template("{% load photos %}" + template).render(Context(context))


@pytest.fixture
def make_photo(db):
    def make(size: tuple[int, int] = (1200, 800), alt_text: str = "한강 위로 뜬 보름달") -> Photo:
        upload = images.upload("a.jpg", images.jpeg(size))
        return Photo.objects.create_from_upload(upload, alt_text=alt_text)

    return make


def test_picture_offers_webp_then_a_jpeg_fallback_with_alt_and_sizes(make_photo):
    photo = Photo.objects.with_renditions().get(pk=make_photo().pk)

    html = render('{% picture photo sizes="' + SIZES + '" %}', photo=photo)

    webp, jpeg = photo.srcset("webp"), photo.srcset("jpeg")
    assert f'<source type="image/webp" srcset="{webp}" sizes="{SIZES}">' in html
    assert f'<img src="{photo.fallback_url}" srcset="{jpeg}" sizes="{SIZES}" alt="한강 위로 뜬 보름달"' in html
    assert 'width="1200" height="800" loading="lazy" decoding="async">' in html
    assert "-1024w.jpg 1024w" in jpeg and "-320w.webp 320w" in webp


def test_alt_text_is_escaped(make_photo):
    html = render("{% picture photo %}", photo=make_photo(alt_text='"따옴표" <b>'))

    assert 'alt="&quot;따옴표&quot; &lt;b&gt;"' in html


def test_a_small_photo_is_shown_as_uploaded_without_srcset(make_photo):
    photo = make_photo(size=(300, 200))

    html = render("{% picture photo %}", photo=photo)

    assert "<source" not in html and "srcset" not in html
    assert f'<img src="{photo.image.url}"' in html


def test_no_photo_renders_nothing():
    assert render("{% picture photo %}", photo=None).strip() == ""


def test_prefetched_photos_render_without_queries(make_photo, django_assert_num_queries):
    photo = Photo.objects.with_renditions().get(pk=make_photo().pk)

    with django_assert_num_queries(0):
        html = render("{% picture photo %}", photo=photo)

    assert 'type="image/webp"' in html


def test_a_page_of_photos_costs_two_queries_however_many_there_are(make_photo, django_assert_num_queries):
    template = "{% for photo in photos %}{% picture photo %}{% endfor %}"
    make_photo()
    for count in (1, 4):
        with django_assert_num_queries(2):  # the photos; their renditions
            html = render(template, photos=Photo.objects.with_renditions())
        assert html.count("<picture>") == count
        for _ in range(3):
            make_photo()


def test_a_body_image_of_ours_is_shown_from_its_renditions_and_others_are_left_alone(db, settings, tmp_path):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from photos.models import Photo
    from photos.rendering import with_renditions

    settings.MEDIA_ROOT = tmp_path
    buffer = BytesIO()
    Image.new("RGB", (1200, 800), "steelblue").save(buffer, "JPEG")
    photo = Photo.objects.create_from_upload(SimpleUploadedFile("a.jpg", buffer.getvalue()), alt_text="광장")
    body = (
        f'<figure><img src="{photo.fallback_url}" alt="광장"><figcaption>설명</figcaption></figure>'
        '<p><img src="https://elsewhere.example/x.png" alt="남의 사진"></p>'
    )

    html = with_renditions(body)

    assert '<source type="image/webp" srcset="' in html
    assert "320w" in html and 'sizes="(max-width: 860px) 100vw, 760px"' in html
    assert 'alt="광장"' in html and "<figcaption>설명</figcaption>" in html
    assert '<img src="https://elsewhere.example/x.png" alt="남의 사진">' in html

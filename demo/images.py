"""The demo's pictures, drawn with Pillow: abstract lead images and banners, different for every seed."""

import functools
import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from photos import processing


def _palette(seed: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    digest = hashlib.sha256(seed.encode()).digest()
    start = (digest[0] // 3, 40 + digest[1] // 3, 90 + digest[2] // 2)
    end = (120 + digest[3] // 2, 60 + digest[4] // 3, digest[5] // 2)
    return start, end


def _gradient(size: tuple[int, int], seed: str) -> Image.Image:
    width, height = size
    start, end = _palette(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for x in range(width):
        t = x / max(width - 1, 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        draw.line([(x, 0), (x, height)], fill=color)
    return image


def _jpeg(image: Image.Image) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue())


def lead_image(seed: str) -> ContentFile:
    """An abstract 16:9 graphic, different for every article."""
    image = _gradient((1200, 675), seed)
    draw = ImageDraw.Draw(image, "RGBA")
    digest = hashlib.sha256(seed.encode()).digest()
    for i in range(6):
        x, y, r = digest[i * 3] * 5, digest[i * 3 + 1] * 3, 40 + digest[i * 3 + 2]
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255, 28 + i * 6))
    for i in range(0, 1200, 60):
        draw.line([(i, 675), (i + 300, 0)], fill=(255, 255, 255, 18), width=2)
    return _jpeg(image)


def banner_image(size: tuple[int, int], seed: str) -> ContentFile:
    image = _gradient(size, seed)
    draw = ImageDraw.Draw(image)
    width, height = size
    font = ImageFont.load_default(size=max(14, min(height // 4, width // 9)))
    draw.rectangle([4, 4, width - 5, height - 5], outline=(255, 255, 255), width=2)
    draw.text((width // 2, height // 2), "NEWSSPACE", fill=(255, 255, 255), font=font, anchor="mm")
    draw.text((width - 10, height - 8), "AD", fill=(255, 255, 255), font=ImageFont.load_default(size=12), anchor="rs")
    return _jpeg(image)


def clean_lead_image(seed: str) -> processing.CleanImage:
    """The lead image of `seed` as an upload comes out of the photo checks: ready for `Photo.objects.create_from_clean`.

    The same seed always draws the same picture, so it is cleaned (and its renditions made) once per process and
    rendition widths; loading the demo again (the test suite does, many times) stores the files without redoing it.
    """
    return _cleaned(seed, tuple(processing.rendition_widths()))


@functools.cache
def _cleaned(seed: str, widths: tuple[int, ...]) -> processing.CleanImage:
    upload = lead_image(seed)
    upload.name = f"{seed}.jpg"
    return processing.process(upload)

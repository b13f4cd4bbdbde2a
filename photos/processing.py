"""Checking and cleaning uploaded images with Pillow; no models, no storage.

`validate` reads only the file's header, so a refused upload costs no decoding. `process` decodes the first frame
(at most PHOTO_MAX_PIXELS pixels), applies the EXIF orientation, re-encodes without metadata and makes the
renditions. Both raise ValidationError with a message for the editor.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format names tried on open; every other decoder (TIFF, PSD, EPS, SVG-less XML…) is never reached.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# Pillow opens a camera's multi-picture JPEG (MPO) as its own format; it is a JPEG to editors and browsers.
_OPENED_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}


ORIGINAL_JPEG_QUALITY = 90
ORIGINAL_WEBP_QUALITY = 90
RENDITION_JPEG_QUALITY = 82
RENDITION_WEBP_QUALITY = 78

MESSAGE_FORMAT = "JPEG, PNG, WebP, GIF 이미지만 올릴 수 있습니다."
MESSAGE_EMPTY = "빈 파일입니다. 이미지 파일을 다시 골라 주세요."
MESSAGE_BROKEN = "이미지 파일이 손상되어 읽을 수 없습니다."

# What reading a damaged file can raise inside Pillow's decoders.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error, MemoryError)
# Everything else in `info` (exif, xmp, comment, dpi, GIF extensions…) is dropped on re-encoding.
_KEPT_INFO = ("transparency",)


@dataclass(frozen=True)
class RenditionImage:
    width: int
    height: int
    format: str  # "webp" or "jpeg", as Rendition.Format
    content: bytes


@dataclass(frozen=True)
class CleanImage:
    """The re-encoded original (upright, no metadata) and its renditions, ready to store."""

    content: bytes
    extension: str  # "jpg", "png", "webp" or "gif"
    width: int
    height: int
    renditions: list[RenditionImage] = field(default_factory=list)

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


def max_bytes() -> int:
    return settings.PHOTO_MAX_BYTES


def max_pixels() -> int:
    return settings.PHOTO_MAX_PIXELS


def rendition_widths() -> list[int]:
    return sorted(set(settings.PHOTO_RENDITION_WIDTHS))


def too_large_message() -> str:
    return f"이미지 파일이 너무 큽니다 (최대 {_human_bytes(max_bytes())})."


def too_many_pixels_message() -> str:
    return f"이미지 해상도가 너무 큽니다 (최대 {_human_pixels(max_pixels())} 화소)."


def validate(upload: File) -> None:
    """Refuse an upload by its size, its format and its pixel count, all read before any pixel is decoded."""
    size = upload.size
    if not size:
        raise ValidationError(MESSAGE_EMPTY, code="empty")
    if size > max_bytes():
        raise ValidationError(too_large_message(), code="too_large")
    with _opened(upload):
        pass


def process(upload: File) -> CleanImage:
    """Validate `upload`, then return its first frame upright and re-encoded, with renditions."""
    validate(upload)
    with _opened(upload) as image:
        source_format = _OPENED_AS[image.format]
        try:
            image.load()
            ImageOps.exif_transpose(image, in_place=True)  # in place: one full-size copy fewer in memory
        except _DECODE_ERRORS as error:
            raise ValidationError(MESSAGE_BROKEN, code="broken") from error
        upright = image
    icc_profile = upright.info.get("icc_profile")
    upright.info = {key: value for key, value in upright.info.items() if key in _KEPT_INFO}
    content, extension = _encode_original(upright, source_format, icc_profile)
    return CleanImage(
        content=content,
        extension=extension,
        width=upright.width,
        height=upright.height,
        renditions=list(_renditions(upright, rendition_widths(), icc_profile)),
    )


@contextmanager
def _opened(upload: File) -> Iterator[Image.Image]:
    """The upload opened by Pillow (header only) if it is an allowed format within the pixel cap."""
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow warns past MAX_IMAGE_PIXELS and raises past twice that; either way it is refused here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=ALLOWED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(too_many_pixels_message(), code="too_many_pixels") from error
        except UnidentifiedImageError as error:
            raise ValidationError(MESSAGE_FORMAT, code="format") from error
        except _DECODE_ERRORS as error:
            raise ValidationError(MESSAGE_BROKEN, code="broken") from error
        try:
            with image:  # lets go of the upload without closing it (Image.close() would)
                if image.format not in _OPENED_AS:
                    raise ValidationError(MESSAGE_FORMAT, code="format")
                width, height = image.size
                if width < 1 or height < 1:
                    raise ValidationError(MESSAGE_BROKEN, code="broken")
                if width * height > max_pixels():
                    raise ValidationError(too_many_pixels_message(), code="too_many_pixels")
                yield image
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(too_many_pixels_message(), code="too_many_pixels") from error
        finally:
            upload.seek(0)


def _encode_original(image: Image.Image, source_format: str, icc_profile: bytes | None) -> tuple[bytes, str]:
    """The cleaned original in its own format; GIFs keep only their first frame."""
    if source_format == "JPEG":
        if image.mode not in ("L", "RGB"):
            image, icc_profile = image.convert("RGB"), None  # CMYK and friends; their profile no longer fits
        return _encode(image, "JPEG", icc_profile, quality=ORIGINAL_JPEG_QUALITY), "jpg"
    if source_format == "WEBP":
        return _encode(_rgb_or_rgba(image), "WEBP", icc_profile, quality=ORIGINAL_WEBP_QUALITY, method=4), "webp"
    if source_format == "GIF":
        return _encode(image, "GIF", None), "gif"
    if image.mode not in ("1", "L", "LA", "I;16", "P", "RGB", "RGBA"):
        image = _rgb_or_rgba(image)
    return _encode(image, "PNG", icc_profile), "png"


def _renditions(image: Image.Image, widths: Sequence[int], icc_profile: bytes | None) -> Iterator[RenditionImage]:
    """A WebP and a JPEG at each width the image reaches; smaller images are never scaled up."""
    base = _rgb_or_rgba(image)
    if base.mode != image.mode:
        icc_profile = None
    for width in widths:
        if width > base.width:
            break
        height = max(1, round(base.height * width / base.width))
        resized = (
            base if width == base.width else base.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        yield RenditionImage(
            width,
            height,
            "webp",
            _encode(resized, "WEBP", icc_profile, quality=RENDITION_WEBP_QUALITY, method=4),
        )
        yield RenditionImage(
            width,
            height,
            "jpeg",
            _encode(_on_white(resized), "JPEG", icc_profile, quality=RENDITION_JPEG_QUALITY),
        )


def _rgb_or_rgba(image: Image.Image) -> Image.Image:
    wanted = "RGBA" if image.has_transparency_data else "RGB"
    return image if image.mode == wanted else image.convert(wanted)


def _on_white(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: what was see-through shows the page's white, not black."""
    if image.mode != "RGBA":
        return image
    flat = Image.new("RGB", image.size, (255, 255, 255))
    flat.paste(image, mask=image.getchannel("A"))
    return flat


def _encode(image: Image.Image, fmt: str, icc_profile: bytes | None, **options: object) -> bytes:
    if icc_profile:
        options["icc_profile"] = icc_profile
    if fmt == "JPEG":
        options.update(optimize=True, progressive=True)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _human_bytes(n: int) -> str:
    """20971520 → "20MB", 51200 → "50KB"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + unit
    return f"{n}바이트"


def _human_pixels(n: int) -> str:
    """40000000 → "4,000만", as Korean counts pixels in units of 10,000."""
    if n >= 10_000:
        return f"{n / 10_000:,.1f}".removesuffix(".0") + "만"
    return f"{n:,}"

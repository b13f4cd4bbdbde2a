"""Images drawn with Pillow for the photo tests, so no binary fixture is committed."""

import io
import random
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageDraw, PngImagePlugin

RED = (220, 30, 30)
BLUE = (30, 30, 220)


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def landscape(size: tuple[int, int] = (1200, 800)) -> Image.Image:
    """Grey, with a red block in the top-left corner to tell which way is up."""
    image = Image.new("RGB", size, (128, 128, 128))
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 6, size[1] // 6), fill=RED)
    return image


def jpeg(size: tuple[int, int] = (1200, 800), **options) -> bytes:
    return encode(landscape(size), "JPEG", quality=90, **options)


def camera_exif() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Samsung"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (37.0, 33.0, 59.0)}
    return exif.tobytes()


def png_text(key: str, value: str) -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    info.add_text(key, value)
    info.add_itxt("XML:com.adobe.xmp", "Samsung")
    return info


def mpo() -> bytes:
    """What some cameras write: a JPEG followed by a second picture (here red, then blue)."""
    first, second = Image.new("RGB", (700, 400), RED), Image.new("RGB", (700, 400), BLUE)
    return encode(first, "MPO", save_all=True, append_images=[second])


def phone_jpeg() -> bytes:
    """A 1200×800 sensor image a phone held upright tagged Orientation=6, with its camera and GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Samsung"
    exif[ExifTags.Base.Model] = "Galaxy S99"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (37.0, 33.0, 59.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (126.0, 58.0, 40.0),
    }
    return jpeg(exif=exif.tobytes(), comment=b"seoul city hall", xmp=b"<x:xmpmeta>Kim Cheolsu</x:xmpmeta>")


def transparent_png(size: tuple[int, int] = (800, 600)) -> bytes:
    """Fully see-through but for a red square in the middle."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    w, h = size
    ImageDraw.Draw(image).rectangle((w // 3, h // 3, 2 * w // 3, 2 * h // 3), fill=(*RED, 255))
    return encode(image, "PNG")


def animated_gif(size: tuple[int, int] = (400, 300)) -> bytes:
    frames = [Image.new("RGB", size, RED), Image.new("RGB", size, BLUE)]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0, comment=b"hi")


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width×height pixels (CRC fixed, so it passes as a valid header)."""
    data = bytearray(encode(Image.new("1", (8, 8)), "PNG"))
    ihdr = bytearray(data[16:29])
    ihdr[0:8] = struct.pack(">II", width, height)
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(ihdr)))
    return bytes(data)


def bomb_png() -> bytes:
    """A real 8000×6000 (48 megapixel) black PNG that compresses to a few kilobytes."""
    return encode(Image.new("1", (8000, 6000)), "PNG")


def noisy_jpeg(size: tuple[int, int] = (300, 300)) -> bytes:
    """Noise does not compress: about 100 KB at this size."""
    pixels = random.Random(1).randbytes(size[0] * size[1] * 3)
    return encode(Image.frombytes("RGB", size, pixels), "JPEG", quality=95)


def tiff() -> bytes:
    return encode(landscape((400, 300)), "TIFF")


def pdf() -> bytes:
    return encode(landscape((400, 300)), "PDF")


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">'
    b'<script>alert("xss")</script><rect width="400" height="300" fill="red"/></svg>'
)

"""Path converters for every app's URLs, registered by newsroom.urls before any app's URLs are included."""

from django.urls import register_converter


class IdConverter:
    """A positive database id; longer numbers than a 64-bit column holds never reach the database (404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class TwoDigitsConverter:
    """A part of an archive date, zero-padded to its width (`01`, `2026`); whether the date exists is for the view."""

    regex = "[0-9]{2}"
    width = 2

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:0{self.width}d}"


class FourDigitsConverter(TwoDigitsConverter):
    regex = "[0-9]{4}"
    width = 4


def register() -> None:
    register_converter(IdConverter, "id")
    register_converter(FourDigitsConverter, "yyyy")
    register_converter(TwoDigitsConverter, "mm")
    register_converter(TwoDigitsConverter, "dd")

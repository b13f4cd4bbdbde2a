"""The weather's part in every public page (newsroom.pages, PAGE_PARTS)."""

from .models import current_strip


def weather_strip(page) -> None:
    """The strip of the latest readings under the masthead (기상청 제공)."""
    page.context["weather_strip"] = current_strip()

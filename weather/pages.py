"""The weather's part in every public page (newsroom.pages, PAGE_PARTS)."""

from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string

from caching.pages import fragment

from .models import current_strip


def weather_strip(page) -> None:
    """The strip of the latest readings under the masthead (기상청 제공), as HTML: the same on every page, it is
    rendered once per content version (an import moves it on) until its oldest reading goes stale (below)."""
    page.context["weather_strip"] = fragment("weather-strip", _render_strip)


def _render_strip() -> str:
    return render_to_string("includes/weather_strip.html", {"weather_strip": current_strip()})


def next_clock_change(now):
    """When the oldest reading on the strip goes stale and leaves it (caching.pages, PAGE_CLOCK)."""
    strip = current_strip(now)
    if strip is None:
        return None
    return min(item.observed_at for item in strip.items) + timedelta(hours=settings.WEATHER_STALE_HOURS)

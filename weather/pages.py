"""The weather's part in every public page (newsroom.pages, PAGE_PARTS)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from caching.pages import fragment
from newsroom.escaping import escape

from .models import WeatherStrip, current_strip


def weather_strip(page) -> None:
    """The strip of the latest readings under the masthead (기상청 제공), as HTML: the same on every page, it is
    rendered once per content version (an import moves it on) until its oldest reading goes stale (below)."""
    page.context["weather_strip"] = fragment("weather-strip", _render_strip)


def _render_strip() -> SafeString:
    return strip_html(current_strip())


def strip_html(strip: WeatherStrip | None) -> SafeString:
    """The strip: each station's weather word, name and temperature, and whose readings they are and of when; nothing
    when no reading is fresh. Written in Python, escaping as Django's `escape` does, as the cards are
    (articles.templatetags.cards). The row is focusable: on phones it scrolls sideways, and keyboard users scroll it
    with the arrow keys."""
    if strip is None:
        return mark_safe("")
    items = "".join(
        f'\n      <li>{_word(item.word)}<span class="weather-strip__station">{escape(item.station)}</span> '
        f'<span class="weather-strip__temp">{item.temperature:f}℃</span></li>'
        for item in strip.items
    )
    return mark_safe(
        '<section class="weather-strip" aria-label="전국 날씨">\n'
        f'  <ul class="weather-strip__list" tabindex="0">{items}\n  </ul>\n'
        '  <p class="weather-strip__credit">기상청 제공 · '
        f'<time datetime="{timezone.localtime(strip.observed_at).isoformat()}">{escape(strip.time_label)}</time></p>\n'
        "</section>\n"
    )


def _word(word: str) -> str:
    return f'<span class="weather-strip__word">{escape(word)}</span> ' if word else ""


def next_clock_change(now):
    """When the oldest reading on the strip goes stale and leaves it (caching.pages, PAGE_CLOCK)."""
    strip = current_strip(now)
    if strip is None:
        return None
    return min(item.observed_at for item in strip.items) + timedelta(hours=settings.WEATHER_STALE_HOURS)

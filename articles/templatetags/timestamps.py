"""The times printed on article pages and cards, as `|date:'c'` and `|date:"Y.m.d H:i"` print them, at a fraction of
their cost: a front page prints two for each of its 60 cards, and Django's `date` filter looks up the format and
builds a formatter for each."""

from datetime import datetime

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def iso_time(value: datetime | None) -> str:
    """The `datetime` attribute of a <time>: ISO 8601 in the paper's time zone, like `|date:'c'`."""
    return value.isoformat() if value else ""


@register.filter(expects_localtime=True)
def stamp(value: datetime | None) -> str:
    """`2026.01.04 09:30`, like `|date:"Y.m.d H:i"`."""
    return f"{value:%Y.%m.%d %H:%M}" if value else ""

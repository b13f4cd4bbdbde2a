"""The readers' part in every public page (newsroom.pages, PAGE_PARTS): 많이 본 뉴스 beside the pages that show it.

A reader's view of an article is not counted here but by the beacon the article page sends once it has loaded
(audience.views.view_beacon), so that the page's request writes nothing and its HTML is the same for every reader.
"""

from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string

from caching.pages import fragment

from .popular import DAY, most_viewed

POPULAR_BOX_COUNT = 10


def most_read_box(page) -> None:
    """Put the 많이 본 뉴스 of the last 24 hours beside the pages that show it: the box is the same on every page,
    so it is rendered once per content version and ranking (its next ranking is a clock change, below)."""
    if page.popular_box:
        page.context["popular_box"] = fragment("popular-box", _render_popular_box)


def _render_popular_box() -> str:
    return render_to_string("includes/popular_box.html", {"articles": most_viewed(DAY, POPULAR_BOX_COUNT)})


def next_clock_change(now):
    """The next ranking of 많이 본 뉴스 (caching.pages, PAGE_CLOCK): a kept page lags it by no more than that."""
    return now + timedelta(seconds=settings.RANKING_CACHE_SECONDS)

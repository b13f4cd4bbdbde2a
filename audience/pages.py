"""The readers' part in every public page (newsroom.pages, PAGE_PARTS): 많이 본 뉴스 beside the pages that show it.

A reader's view of an article is not counted here but by the beacon the article page sends once it has loaded
(audience.views.view_beacon), so that the page's request writes nothing and its HTML is the same for every reader.
"""

from datetime import timedelta

from django.conf import settings

from .popular import DAY, most_viewed

POPULAR_BOX_COUNT = 10


def most_read_box(page) -> None:
    """Put the 많이 본 뉴스 of the last 24 hours beside the pages that show it."""
    if page.popular_box:
        page.context["popular"] = most_viewed(DAY, POPULAR_BOX_COUNT)


def next_clock_change(now):
    """The next ranking of 많이 본 뉴스 (caching.pages, PAGE_CLOCK): a kept page lags it by no more than that."""
    return now + timedelta(seconds=settings.RANKING_CACHE_SECONDS)

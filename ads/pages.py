"""The banners' part in every public page (newsroom.pages, PAGE_PARTS)."""

from audience.readers import is_reader

from .counting import count_impressions
from .models import Banner


def banners(page) -> None:
    """A banner in the top slot and in each of the page's own, taking turns by weight; the ones a reader is shown
    are counted as seen in one write (an editor's preview counts nothing)."""
    shown = Banner.objects.for_slots([Banner.Slot.SITE_TOP, *page.banner_slots])
    page.context["banners"] = shown
    if shown and not page.preview and is_reader(page.request):
        count_impressions(banner.pk for banner in shown.values())

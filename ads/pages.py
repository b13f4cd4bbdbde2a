"""The banners' part in every public page (newsroom.pages, PAGE_PARTS)."""

import logging
from collections.abc import Iterable

from django.core.cache import cache
from django.template.loader import render_to_string

from caching.pages import fragment

from .models import Banner, candidates_for_slots, next_start_or_end

logger = logging.getLogger(__name__)

# How long an image's size is remembered. A file never changes under its name: a new upload gets a name of its own.
IMAGE_SIZE_SECONDS = 7 * 24 * 3600


# What each slot's box is called for screen readers (its aria-label).
SLOT_LABELS = {
    Banner.Slot.SITE_TOP: "상단 광고",
    Banner.Slot.HOME_MIDDLE: "중간 광고",
    Banner.Slot.HOME_SIDE: "오른쪽 광고",
    Banner.Slot.ARTICLE_TOP: "기사 위 광고",
    Banner.Slot.ARTICLE_SIDE: "기사 옆 광고",
    Banner.Slot.ARTICLE_INLINE: "본문 중간 광고",
    Banner.Slot.ARTICLE_BOTTOM: "기사 아래 광고",
}


def banners(page) -> None:
    """Every live banner of the top slot and of the page's own, for the reader's browser to pick one per slot by
    weight and count it by a beacon (ads.views.banners_seen): the page writes nothing and is the same for every
    reader. An editor's preview shows them and counts nothing.

    `banners` holds each slot's candidates, `banner_boxes` each slot's box as HTML: both are the same for every page
    of a content version with these slots (a banner's start or end is a clock change, below), so they are read and
    rendered once per version."""
    slots = [Banner.Slot.SITE_TOP, *page.banner_slots]
    counted = not page.preview
    key = f"banners:{'counted' if counted else 'preview'}:{','.join(slots)}"
    page.context["banners"], page.context["banner_boxes"] = fragment(key, lambda: _slots(slots, counted))
    page.context["banners_counted"] = counted


def _slots(slots: list[str], counted: bool) -> tuple[dict[str, list[Banner]], dict[str, str]]:
    candidates = candidates_for_slots(slots)
    measure([banner for slot in candidates.values() for banner in slot])
    boxes = {
        slot: render_to_string(
            "includes/banner.html",
            {"candidates": shown, "label": SLOT_LABELS.get(slot, "광고"), "banners_counted": counted},
        )
        for slot, shown in candidates.items()
    }
    return candidates, boxes


def measure(banners: Iterable[Banner]) -> None:
    """Give each banner its image's `size`, (width, height), so that the page reserves the banner's box before the
    image arrives and whichever banner the browser picks: None when the file cannot be read (no box is reserved).
    Read from the cache in one round trip; an image not in it is measured once, from its header."""
    keys = {banner.pk: f"banner-image-size:{banner.image.name}" for banner in banners}
    try:
        known = cache.get_many(keys.values())
    except Exception:
        logger.warning("cache unavailable: banner images are measured on every page", exc_info=True)
        known = {}
    measured = {}
    for banner in banners:
        key = keys[banner.pk]
        if key not in known:
            try:
                known[key] = measured[key] = (banner.image.width, banner.image.height)
            except (OSError, ValueError, TypeError):
                known[key] = None  # a file gone missing is one broken image, not a broken page
        banner.size = known[key]
    if measured:
        try:
            cache.set_many(measured, timeout=IMAGE_SIZE_SECONDS)
        except Exception:
            logger.warning("cache unavailable: banner image sizes are not remembered", exc_info=True)


def next_clock_change(now):
    """When a banner next starts or ends (caching.pages, PAGE_CLOCK): one query over the few banners there are."""
    return next_start_or_end(now)

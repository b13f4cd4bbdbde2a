"""The banners' part in every public page (newsroom.pages, PAGE_PARTS)."""

from django.utils.safestring import SafeString, mark_safe

from caching.pages import fragment
from newsroom.escaping import escape
from newsroom.site import fixed_url

from .models import Banner, candidates_for_slots, next_start_or_end

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
    beacon = fixed_url("ads:seen") if counted else None
    boxes = {slot: banner_box(shown, SLOT_LABELS.get(slot, "광고"), beacon) for slot, shown in candidates.items()}
    return candidates, boxes


def banner_box(candidates: list[Banner], label: str, beacon: str | None) -> SafeString:
    """A slot's box with every candidate, the first shown and the rest hidden until the browser picks one by weight;
    with the `beacon` address the browser counts the one it shows (and a reader without JavaScript is counted by a
    pixel for the first). Each image has its size, so that its box is reserved before the image arrives. Written
    in Python, escaping as Django's `escape` does: a template cost more than the rest of the slot's making."""
    if not candidates:
        return mark_safe("")
    links = []
    for index, banner in enumerate(candidates):
        size = banner.size
        dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
        links.append(
            f'<a href="{escape(banner.get_click_url())}" rel="sponsored noopener" target="_blank" '
            f'data-banner="{banner.pk}" data-weight="{banner.weight}"{" hidden" if index else ""}>'
            f'<img src="{escape(banner.image.url)}" alt="{escape(banner.alt_text)}"{dimensions} loading="lazy"></a>'
        )
    counted = f' data-banner-beacon="{escape(beacon)}"' if beacon else ""
    pixel = (
        f'\n  <noscript><img class="banner__pixel" src="{escape(beacon)}?b={candidates[0].pk}" alt="" width="1" '
        'height="1"></noscript>'
        if beacon
        else ""
    )
    return mark_safe(
        f'<aside class="banner banner--{escape(candidates[0].slot)}" aria-label="{escape(label)}" data-banner-slot'
        f'{counted}>\n  <span class="banner__label">광고</span>\n  {"".join(links)}{pixel}\n</aside>\n'
    )


def next_clock_change(now):
    """When a banner next starts or ends (caching.pages, PAGE_CLOCK): one query over the few banners there are."""
    return next_start_or_end(now)

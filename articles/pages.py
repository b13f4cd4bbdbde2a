"""The articles' part in every public page (newsroom.pages, PAGE_PARTS)."""

from django.template.loader import render_to_string

from caching.pages import fragment

from .models import Section
from .reads import next_release_or_end


def section_menu(page) -> None:
    """The section menu, as HTML, the current section marked; the front page has read the sections already.
    Elsewhere it is read and rendered once per content version and section (a saved or deleted section moves it
    on), not on every page."""
    current = page.context.get("current_section_id")
    if page.sections is not None:
        page.context["section_nav"] = _render_menu(page.sections, current)
    else:
        key = f"section-menu:{current or ''}"
        page.context["section_nav"] = fragment(key, lambda: _render_menu(list(Section.objects.all()), current))


def _render_menu(sections: list[Section], current: int | None) -> str:
    return render_to_string("includes/section_nav.html", {"nav_sections": sections, "current_section_id": current})


def next_clock_change(now):
    """When an article is next released at its 예약 출고 time or reaches its 출고 종료 time (caching.pages,
    PAGE_CLOCK): every list and the article itself change then, with no save."""
    return next_release_or_end(now)

"""The articles' part in every public page (newsroom.pages, PAGE_PARTS)."""

from caching.pages import fragment

from .models import Article, Section


def section_menu(page) -> None:
    """The sections of the menu, in their order; the front page has read them already. Elsewhere they are read once
    per content version (a saved or deleted section moves it on), not on every page."""
    if page.sections is not None:
        page.context["nav_sections"] = page.sections
    else:
        page.context["nav_sections"] = fragment("section-menu", lambda: list(Section.objects.all()))


def next_clock_change(now):
    """When an article is next released at its 예약 출고 time or reaches its 출고 종료 time (caching.pages,
    PAGE_CLOCK): every list and the article itself change then, with no save."""
    return Article.objects.next_release_or_end(now)

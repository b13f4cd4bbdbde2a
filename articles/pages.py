"""The articles' part in every public page (newsroom.pages, PAGE_PARTS)."""

from .models import Article, Section


def section_menu(page) -> None:
    """The sections of the menu, in their order; the front page has read them already."""
    page.context["nav_sections"] = page.sections if page.sections is not None else list(Section.objects.all())


def next_clock_change(now):
    """When an article is next released at its 예약 출고 time or reaches its 출고 종료 time (caching.pages,
    PAGE_CLOCK): every list and the article itself change then, with no save."""
    return Article.objects.next_release_or_end(now)

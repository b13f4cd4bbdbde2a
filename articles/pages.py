"""The articles' part in every public page (newsroom.pages, PAGE_PARTS)."""

from .models import Section


def section_menu(page) -> None:
    """The sections of the menu, in their order; the front page has read them already."""
    page.context["nav_sections"] = page.sections if page.sections is not None else list(Section.objects.all())

"""The articles' part in every public page (newsroom.pages, PAGE_PARTS)."""

from django.utils.safestring import SafeString, mark_safe

from caching.pages import SqlClock, fragment
from newsroom.escaping import escape
from newsroom.site import public_urls

from .models import Section
from .reads import first_release_or_end, release_or_end_sql


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


_CURRENT = ' aria-current="page"'


def _render_menu(sections: list[Section], current: int | None) -> SafeString:
    """The menu under the masthead, the current section marked for screen readers. Written in Python, escaping as
    Django's `escape` does, as the cards are (articles.templatetags.cards)."""
    section_url = public_urls("articles:section")
    items = "".join(
        f'\n    <li><a href="{escape(section_url(section.slug))}"'
        f"{_CURRENT if section.id == current else ''}>{escape(section.name)}</a></li>"
        for section in sections
    )
    return mark_safe(f'<nav class="section-nav" aria-label="섹션">\n  <ul class="wrap">{items}\n  </ul>\n</nav>\n')


# When an article is next released at its 예약 출고 time or reaches its 출고 종료 time (caching.pages, PAGE_CLOCK):
# every list and the article itself change then, with no save. Read with the content version where a page reads it.
next_clock_change = SqlClock(release_or_end_sql, first_release_or_end)

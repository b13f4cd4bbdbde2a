"""The shell of every public page: what the apps put around a page's own content (the weather strip, the section
menu, the banner slots, 많이 본 뉴스), and the pagination of its lists.

An app renders a public page with `render_page()`. The parts around it come from the apps themselves, named in the
`PAGE_PARTS` setting as context processors are: each part is a function that takes the `Page` being made and adds
to its context (and may count what a reader saw). So the shell knows no app, and no app knows another's part.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.core.paginator import Page as ListPage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string


@dataclass
class Page:
    """A public page being made, as its parts see it."""

    request: HttpRequest
    context: dict
    # The page's own banner slots, besides the top one every page has (ads.models.Banner.Slot values).
    banner_slots: list[str] = field(default_factory=list)
    # The sections, when the view has read them already (the front page); the menu reads them otherwise.
    sections: list | None = None
    # Whether the page shows 많이 본 뉴스 beside its content.
    popular_box: bool = False
    # An editor's preview from the admin: shown like the page, counted as nothing.
    preview: bool = False


def render_page(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    banner_slots: Iterable[str] = (),
    sections: list | None = None,
    popular_box: bool = False,
    preview: bool = False,
) -> HttpResponse:
    """Render a public page with its own `context` and what every public page shows around it (`PAGE_PARTS`)."""
    page = Page(
        request,
        context,
        banner_slots=list(banner_slots),
        sections=sections,
        popular_box=popular_box,
        preview=preview,
    )
    for part in page_parts():
        part(page)
    return render(request, template, page.context)


@cache
def page_parts() -> list[Callable[[Page], None]]:
    return [import_string(path) for path in settings.PAGE_PARTS]


def paginate(request: HttpRequest, items) -> ListPage:
    """The requested `?page=N` of `items`, fetched: a page number that is not a number or out of range is a 404."""
    paginator = Paginator(items, settings.ARTICLES_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("없는 페이지입니다.") from error
    page.object_list = list(page.object_list)
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page

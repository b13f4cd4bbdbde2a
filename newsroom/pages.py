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
from django.core.paginator import EmptyPage, InvalidPage, Paginator
from django.core.paginator import Page as ListPage
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property
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


# A list counts its articles up to here, then says "총 1,000건 이상": an exact count reads every index entry of the
# list (25 ms for a section of 100,000 articles), and a reader needs no exact number past it (docs/performance.md).
COUNT_LIMIT = 1_000


class _Page(ListPage):
    def has_next(self) -> bool:
        more = self.paginator.more and len(self.object_list) == self.paginator.per_page
        return super().has_next() or more


class CappedPaginator(Paginator):
    """Counts up to COUNT_LIMIT. Past it `more` is set, and every later page that holds articles is served, each
    with a link to the next while it is full: the archive stays browsable to its first article."""

    more = False

    @cached_property
    def count(self) -> int:
        found = self.object_list.order_by()[: COUNT_LIMIT + 1].count()
        self.more = found > COUNT_LIMIT
        return min(found, COUNT_LIMIT)

    def validate_number(self, number) -> int:
        try:
            return super().validate_number(number)
        except EmptyPage:
            # A positive integer (super() checked that first), kept to what a database offset can take.
            if self.more and self.num_pages < int(number) <= 10_000_000:
                return int(number)
            raise

    def page(self, number) -> ListPage:
        number = self.validate_number(number)
        if not self.more:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        found = list(self.object_list[bottom : bottom + self.per_page])
        if not found:
            raise EmptyPage("없는 페이지입니다.")
        return self._get_page(found, number, self)

    def _get_page(self, *args, **kwargs) -> ListPage:
        return _Page(*args, **kwargs)


def paginate(request: HttpRequest, items) -> ListPage:
    """The requested `?page=N` of `items`, fetched: a page number that is not a number or out of range is a 404.
    A QuerySet is counted only up to COUNT_LIMIT (CappedPaginator)."""
    paginator = (CappedPaginator if isinstance(items, QuerySet) else Paginator)(items, settings.ARTICLES_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("없는 페이지입니다.") from error
    page.object_list = list(page.object_list)
    # A list that counts itself to a limit says so (articles.models.RelatedArticles): "총 1,000건 이상".
    paginator.more = getattr(paginator, "more", False) or getattr(items, "more", False)
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page

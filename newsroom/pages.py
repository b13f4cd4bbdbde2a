"""The shell of every public page: the weather strip, the section menu, the banner slots and 많이 본 뉴스.

Apps render their public pages through `render_page()`; it is the one place that puts the parts of several apps
(articles, ads, audience, weather) on one page, so that the apps themselves need not know each other.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ads.counting import count_impressions
from ads.models import Banner
from articles.models import Article, Section
from audience.counting import count_view
from audience.popular import DAY, most_viewed
from audience.readers import is_reader
from weather.models import current_strip

POPULAR_BOX_COUNT = 10


def render_page(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    banner_slots: Iterable[str] = (),
    sections: list[Section] | None = None,
    popular_box: bool = False,
    viewed: Article | None = None,
    preview: bool = False,
) -> HttpResponse:
    """Render a public page with what every page shows: the weather strip, the section menu and the top banner;
    `banner_slots` adds the page's own banners and `popular_box` the 많이 본 뉴스 of the last 24 hours.

    A reader's view of `viewed` and the banners shown to them are counted, one write each; an editor's preview
    (`preview`) counts nothing.
    """
    counts = not preview and is_reader(request)
    if viewed is not None and counts:
        count_view(viewed)
    context["weather_strip"] = current_strip()
    context["nav_sections"] = sections if sections is not None else list(Section.objects.all())
    context["banners"] = Banner.objects.for_slots([Banner.Slot.SITE_TOP, *banner_slots])
    if popular_box:
        context["popular"] = most_viewed(DAY, POPULAR_BOX_COUNT)
    if context["banners"] and counts:
        count_impressions(banner.pk for banner in context["banners"].values())
    return render(request, template, context)


def paginate(request: HttpRequest, items) -> Page:
    """The requested `?page=N` of `items`, fetched: a page number that is not a number or out of range is a 404."""
    paginator = Paginator(items, settings.ARTICLES_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("없는 페이지입니다.") from error
    page.object_list = list(page.object_list)
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page

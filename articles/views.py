from collections.abc import Iterable

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from photos.rendering import with_renditions
from weather.models import current_strip

from .models import Article, Banner, RelatedArticles, Reporter, Section, Series

HOME_LATEST_COUNT = 12
HOME_SECTION_COUNT = 5


def _page(request: HttpRequest, articles: QuerySet[Article]) -> Page:
    """The requested `?page=N`, fetched: a page number that is not a number or out of range is a 404."""
    paginator = Paginator(articles, settings.ARTICLES_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("없는 페이지입니다.") from error
    page.object_list = list(page.object_list)
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page


def _render(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    banner_slots: Iterable[str] = (),
    sections: list[Section] | None = None,
) -> HttpResponse:
    """Render a public page with what every page shows: the weather strip, the section menu and the top banner."""
    context["weather_strip"] = current_strip()
    context["nav_sections"] = sections if sections is not None else list(Section.objects.all())
    context["banners"] = Banner.objects.for_slots([Banner.Slot.SITE_TOP, *banner_slots])
    return render(request, template, context)


def home(request: HttpRequest) -> HttpResponse:
    blocks = Section.objects.front_page_blocks(HOME_SECTION_COUNT)
    latest = list(Article.objects.published().for_listing().with_lead_photo().newest_first()[:HOME_LATEST_COUNT])
    context = {"latest": latest, "section_blocks": [block for block in blocks if block[1]]}
    sections = [section for section, _ in blocks]
    return _render(request, "articles/home.html", context, banner_slots=[Banner.Slot.HOME_MIDDLE], sections=sections)


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    published = Article.objects.published().for_listing().with_lead_photo()
    return article_page(request, get_object_or_404(published, pk=pk))


def article_page(request: HttpRequest, article: Article, *, preview: bool = False) -> HttpResponse:
    """The article page; the admin's preview renders the same page for an article readers cannot see yet."""
    context = {
        "article": article,
        "body": with_renditions(article.body),
        "preview": preview,
        "related": article.related_box(settings.RELATED_ARTICLES_LIMIT),
        "related_count": article.related_count(),
        "current_section_id": article.section_id,
    }
    slots = [Banner.Slot.ARTICLE_TOP, Banner.Slot.ARTICLE_SIDE, Banner.Slot.ARTICLE_BOTTOM]
    return _render(request, "articles/article_detail.html", context, banner_slots=slots)


def related_list(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().select_related("series"), pk=pk)
    page = _page(request, RelatedArticles(article))
    return _render(request, "articles/related_list.html", {"article": article, "page": page})


def section_detail(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    page = _page(request, Article.objects.published().filter(section=section).for_listing().newest_first())
    return _render(
        request, "articles/section_detail.html", {"section": section, "page": page, "current_section_id": section.pk}
    )


def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series.objects.select_related("section"), slug=slug)
    page = _page(request, Article.objects.published().filter(series=series).for_listing().newest_first())
    return _render(request, "articles/series_detail.html", {"series": series, "page": page})


def reporter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reporter = get_object_or_404(Reporter, pk=pk)
    page = _page(request, Article.objects.published().by_reporter(reporter).for_listing().newest_first())
    return _render(request, "articles/reporter_detail.html", {"reporter": reporter, "page": page})

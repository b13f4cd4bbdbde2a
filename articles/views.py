from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom.context_processors import KOREAN_WEEKDAYS
from photos.rendering import with_renditions
from weather.models import current_strip

from .counting import count_click, count_impressions, count_view, is_reader, most_viewed
from .html import split_between_paragraphs
from .models import Article, Banner, RelatedArticles, Reporter, Section, Series

HOME_HEADLINE_COUNT = 6
HOME_LATEST_COUNT = 10
HOME_SECTION_COUNT = 5
HOME_SERIES_COUNT = 6
POPULAR_BOX_COUNT = 10
POPULAR_PAGE_COUNT = 20
DAY, WEEK = 24, 7 * 24


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
    preview: bool = False,
) -> HttpResponse:
    """Render a public page with what every page shows: the weather strip, the section menu and the top banner.

    The banners shown to a reader are counted as seen, in one write; an editor's preview counts nothing.
    """
    context["weather_strip"] = current_strip()
    context["nav_sections"] = sections if sections is not None else list(Section.objects.all())
    context["banners"] = Banner.objects.for_slots([Banner.Slot.SITE_TOP, *banner_slots])
    if context["banners"] and not preview and is_reader(request):
        count_impressions(banner.pk for banner in context["banners"].values())
    return render(request, template, context)


def home(request: HttpRequest) -> HttpResponse:
    """The front page: a top story with its picture, headlines, 많이 본 뉴스, a block per section, series, latest."""
    blocks = Section.objects.front_page_blocks(HOME_SECTION_COUNT)
    newest = Article.objects.published().for_listing().with_lead_photo().newest_first()
    newest = list(newest[: 1 + HOME_HEADLINE_COUNT + HOME_LATEST_COUNT])
    top = next((article for article in newest if article.lead_photo), newest[0] if newest else None)
    others = [article for article in newest if article is not top]
    context = {
        "top": top,
        "headlines": others[:HOME_HEADLINE_COUNT],
        "latest": others[HOME_HEADLINE_COUNT:],
        "popular": most_viewed(DAY, POPULAR_BOX_COUNT),
        "series_blocks": Series.objects.with_latest_article(HOME_SERIES_COUNT),
        "section_blocks": [block for block in blocks if block[1]],
    }
    sections = [section for section, _ in blocks]
    slots = [Banner.Slot.HOME_MIDDLE, Banner.Slot.HOME_SIDE]
    return _render(request, "articles/home.html", context, banner_slots=slots, sections=sections)


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    published = Article.objects.published().for_listing().with_lead_photo()
    article = get_object_or_404(published, pk=pk)
    if is_reader(request):
        count_view(article)
    return article_page(request, article)


def article_page(request: HttpRequest, article: Article, *, preview: bool = False) -> HttpResponse:
    """The article page; the admin's preview renders the same page for an article readers cannot see yet."""
    body_before, body_after = split_between_paragraphs(with_renditions(article.body))
    context = {
        "article": article,
        "body_before": mark_safe(body_before),  # sanitized on save, renditions rendered by templates
        "body_after": mark_safe(body_after),
        "preview": preview,
        "related": article.related_box(settings.RELATED_ARTICLES_LIMIT),
        "related_count": article.related_count(),
        "popular": most_viewed(DAY, POPULAR_BOX_COUNT),
        "current_section_id": article.section_id,
    }
    slots = [Banner.Slot.ARTICLE_TOP, Banner.Slot.ARTICLE_SIDE, Banner.Slot.ARTICLE_BOTTOM]
    if body_after:
        slots.append(Banner.Slot.ARTICLE_INLINE)
    return _render(request, "articles/article_detail.html", context, banner_slots=slots, preview=preview)


def popular(request: HttpRequest) -> HttpResponse:
    rankings = [
        ("최근 24시간", most_viewed(DAY, POPULAR_PAGE_COUNT)),
        ("최근 7일", most_viewed(WEEK, POPULAR_PAGE_COUNT)),
    ]
    context = {"rankings": rankings}
    return _render(request, "articles/popular.html", context)


@require_safe
@never_cache
def banner_click(request: HttpRequest, pk: int) -> HttpResponse:
    """Count a reader's click and send them on to the banner's own stored address, and only there."""
    # Only while it runs: a campaign not started yet (or ended) keeps its landing page to itself.
    banner = get_object_or_404(Banner.objects.live(), pk=pk)
    if is_reader(request):
        count_click(banner.pk)
    response = HttpResponseRedirect(banner.link_url)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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


def date_archive(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    """What readers may see of the articles released on one day in the paper's time zone, newest first."""
    # Only the years release times may take (validate_plausible_time): the day's bounds then always convert to UTC.
    if not 1900 <= year <= 2999:
        raise Http404("없는 날짜입니다.")
    try:
        shown = date(year, month, day)
    except ValueError as error:
        raise Http404("없는 날짜입니다.") from error
    # A range on the column itself, so that the published_at indexes serve it.
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(shown, time.min), zone)
    end = timezone.make_aware(datetime.combine(shown + timedelta(days=1), time.min), zone)
    articles = Article.objects.published().filter(published_at__gte=start, published_at__lt=end)
    page = _page(request, articles.for_listing().newest_first())
    before, after = shown - timedelta(days=1), shown + timedelta(days=1)
    context = {
        "page": page,
        "day_heading": f"{shown.year}년 {shown.month}월 {shown.day}일 ({KOREAN_WEEKDAYS[shown.weekday()]})",
        "previous_day_url": reverse("articles:date", args=[before.year, before.month, before.day])
        if before.year >= 1900
        else None,
        # Days to come have nothing to show yet.
        "next_day_url": reverse("articles:date", args=[after.year, after.month, after.day])
        if after <= timezone.localdate()
        else None,
    }
    return _render(request, "articles/date_archive.html", context)

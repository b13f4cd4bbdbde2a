from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from newsroom.context_processors import KOREAN_WEEKDAYS
from newsroom.pages import paginate, render_page
from photos.rendering import with_renditions

from .html import split_between_paragraphs
from .models import RELATED_COUNT_LIMIT, Article, RelatedArticles, Reporter, Section, Series
from .reads import front_page, related_box, series_with_latest, visible_article

HOME_HEADLINE_COUNT = 6
HOME_LATEST_COUNT = 10
HOME_SECTION_COUNT = 5
HOME_SERIES_COUNT = 6

# The banner slots of each page, by their names in ads.models.Banner.Slot: the banners part (ads.pages) fills them.
HOME_SLOTS = ["home_middle", "home_side"]
ARTICLE_SLOTS = ["article_top", "article_side", "article_bottom"]
ARTICLE_INLINE_SLOT = "article_inline"


def home(request: HttpRequest) -> HttpResponse:
    """The front page: a top story with its picture, headlines, 많이 본 뉴스, a block per section, series, latest."""
    now = timezone.now()
    blocks, top, others = front_page(HOME_SECTION_COUNT, 1 + HOME_HEADLINE_COUNT + HOME_LATEST_COUNT, now)
    sections = [section for section, _ in blocks]
    context = {
        "top": top,
        "headlines": others[:HOME_HEADLINE_COUNT],
        "latest": others[HOME_HEADLINE_COUNT:],
        "series_blocks": series_with_latest(HOME_SERIES_COUNT, now),
        "section_blocks": [block for block in blocks if block[1]],
    }
    return render_page(
        request, "articles/home.html", context, banner_slots=HOME_SLOTS, sections=sections, popular_box=True
    )


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Its bylines are read with the related articles' (articles.reads).
    article = visible_article(pk, timezone.now())
    if article is None:
        raise Http404("기사를 찾을 수 없습니다.")
    return article_page(request, article)


def article_page(request: HttpRequest, article: Article, *, preview: bool = False) -> HttpResponse:
    """The article page; the admin's preview renders the same page for an article readers cannot see yet."""
    body_before, body_after = split_between_paragraphs(with_renditions(article.body))
    related_count = article.related_count()  # past RELATED_COUNT_LIMIT: "1,000건 이상"
    related = related_box(article, settings.RELATED_ARTICLES_LIMIT, timezone.now())
    context = {
        "article": article,
        "body_before": mark_safe(body_before),  # sanitized on save, renditions rendered by templates
        "body_after": mark_safe(body_after),
        "preview": preview,
        "related": related,
        "related_count": min(related_count, RELATED_COUNT_LIMIT),
        "related_more": related_count > RELATED_COUNT_LIMIT,
        "current_section_id": article.section_id,
    }
    slots = [*ARTICLE_SLOTS, ARTICLE_INLINE_SLOT] if body_after else ARTICLE_SLOTS
    return render_page(
        request,
        "articles/article_detail.html",
        context,
        banner_slots=slots,
        popular_box=True,
        preview=preview,
    )


def related_list(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().select_related("series"), pk=pk)
    page = paginate(request, RelatedArticles(article))
    return render_page(request, "articles/related_list.html", {"article": article, "page": page})


def section_detail(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    page = paginate(request, Article.objects.published().filter(section=section).for_listing().newest_first())
    return render_page(
        request, "articles/section_detail.html", {"section": section, "page": page, "current_section_id": section.pk}
    )


def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series.objects.select_related("section"), slug=slug)
    page = paginate(request, Article.objects.published().filter(series=series).for_listing().newest_first())
    return render_page(request, "articles/series_detail.html", {"series": series, "page": page})


def reporter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reporter = get_object_or_404(Reporter, pk=pk)
    page = paginate(request, Article.objects.published().by_reporter(reporter).for_listing().newest_first())
    return render_page(request, "articles/reporter_detail.html", {"reporter": reporter, "page": page})


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
    page = paginate(request, articles.for_listing().newest_first())
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
    return render_page(request, "articles/date_archive.html", context)

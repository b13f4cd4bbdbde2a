"""What search engines read: the sitemap index and its sections, the Google News sitemap and robots.txt.

Every address is on the site's public address: SITE_URL when set, else the host the request came in on.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap, x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from newsroom.site import absolute_url

from .feeds import xml_text
from .models import Article, Reporter, Section, Series

ARTICLES_PER_SITEMAP = 5_000
# Google News takes articles of the last two days, at most 1,000 of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1_000
XML = "application/xml; charset=utf-8"


class PublicSitemap(Sitemap):
    """Locations on SITE_URL when it is set; the sitemap view otherwise gives the request's scheme and host."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme if settings.SITE_URL else super().get_protocol(protocol)

    def get_domain(self, site=None) -> str:
        # Everything after the scheme, so that a SITE_URL with a path prefix keeps it.
        return settings.SITE_URL.split("://", 1)[1] if settings.SITE_URL else super().get_domain(site)


@dataclass(frozen=True)
class IdRangePage:
    object_list: list[Article]


class IdRangePaginator:
    """The article sitemap's pages are ranges of 5,000 ids, counted from the range of the first visible article:
    page N holds the visible articles whose id lies in (base + (N - 1) × size, base + N × size].

    A page is read along the primary key and its number needs no count, so neither grows with the archive (a count
    and an OFFSET did: 150 ms and a walk of up to a million rows at a million articles). A new article lands on the
    last page and no page's articles ever shift to another. Pages whose range holds nothing readers may see are left
    out of the index and answer 404.
    """

    def __init__(self, articles: QuerySet[Article], size: int) -> None:
        self.articles = articles
        self.size = size

    def _base(self) -> Subquery:
        """The id just before the first visible article's range, as a subquery of the page's own statement."""
        first = self.articles.order_by("pk").values("pk")[:1]
        return Subquery(first.annotate(base=(F("pk") - 1) / self.size * self.size).values("base")[:1])

    def page(self, number: int | str) -> IdRangePage:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("페이지 번호가 정수가 아닙니다.") from None
        if number < 1:
            raise EmptyPage("페이지 번호가 1보다 작습니다.")
        base = self._base()
        page = self.articles.filter(pk__gt=base + (number - 1) * self.size, pk__lte=base + number * self.size)
        page = list(page.order_by("pk"))
        if not page and number > 1:
            raise EmptyPage("이 페이지에 기사가 없습니다.")
        return IdRangePage(page)

    def number_of(self, pk: int) -> int:
        """The number of the page whose range holds the article `pk`."""
        first = self.articles.order_by("pk").values_list("pk", flat=True).first()
        base = ((pk if first is None else min(first, pk)) - 1) // self.size * self.size
        return (pk - 1 - base) // self.size + 1

    def numbers(self) -> list[int]:
        """The numbers of the pages that hold a visible article, in one statement: from each such page it jumps to
        the first visible article past it (one index probe per page listed, whatever lies between)."""
        visible, params = self.articles.values("pk").order_by().query.sql_with_params()
        pk, size = connection.ops.quote_name("pk"), self.size  # the column's alias in `visible`
        sql = (
            f"WITH RECURSIVE first_page(base) AS (SELECT ({pk} - 1) / {size} * {size} FROM ({visible}) v "
            f"ORDER BY {pk} LIMIT 1), "
            "pages(number) AS (SELECT CAST(1 AS BIGINT) FROM first_page UNION ALL "
            f"SELECT (SELECT ({pk} - 1 - first_page.base) / {size} + 1 "
            f"FROM ({visible}) v WHERE {pk} > first_page.base + pages.number * {size} "
            f"ORDER BY {pk} LIMIT 1) FROM pages, first_page WHERE pages.number IS NOT NULL) "
            "SELECT number FROM pages WHERE number IS NOT NULL"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *params])
            return [number for (number,) in cursor.fetchall()]


class ArticleSitemap(PublicSitemap):
    limit = ARTICLES_PER_SITEMAP

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().only("updated_at")

    @property
    def paginator(self) -> IdRangePaginator:
        return IdRangePaginator(self.items(), self.limit)

    def lastmod(self, article: Article) -> datetime:
        return article.updated_at.replace(microsecond=0)


class SectionSitemap(PublicSitemap):
    def items(self) -> QuerySet[Section]:
        return Section.objects.all()  # every one is in the menu, even before its first article


class SeriesSitemap(PublicSitemap):
    def items(self) -> QuerySet[Series]:
        # A series page with nothing readers may see yet is an empty list: not worth a crawl.
        return Series.objects.filter(Exists(Article.objects.published().filter(series=OuterRef("pk"))))


class ReporterSitemap(PublicSitemap):
    def items(self) -> QuerySet[Reporter]:
        # Reporters with a visible article, whether or not still on staff: a retired reporter's archive stays.
        return Reporter.objects.filter(Exists(Article.objects.published().filter(bylines__reporter=OuterRef("pk"))))


SITEMAPS: dict[str, type[PublicSitemap]] = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "series": SeriesSitemap,
    "reporters": ReporterSitemap,
}


def article_sitemap_path(pk: int) -> str:
    """The address of the article sitemap's page that lists the article `pk`, as the index names it."""
    location = reverse("articles:sitemap", args=["articles"])
    number = ArticleSitemap().paginator.number_of(pk)
    return location if number == 1 else f"{location}?p={number}"


@x_robots_tag
def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """Each section's sitemap, one entry per page: the articles' pages in one statement along the primary key, and a
    count for each of the others (a few hundred rows at most)."""
    locations = []
    for section, sitemap_class in SITEMAPS.items():
        location = absolute_url(request, reverse("articles:sitemap", args=[section]))
        paginator = sitemap_class().paginator
        if isinstance(paginator, IdRangePaginator):
            pages = [number for number in paginator.numbers() if number > 1]
        else:
            pages = range(2, paginator.num_pages + 1)
        locations += [location, *(f"{location}?p={page}" for page in pages)]
    return TemplateResponse(request, "sitemaps/index.xml", {"locations": locations}, content_type=XML)


def sitemap_section(request: HttpRequest, section: str) -> TemplateResponse:
    """One page (`?p=N`) of a section: its count and its page of items. Unknown section or page: 404."""
    return sitemap(request, SITEMAPS, section, template_name="sitemaps/sitemap.xml", content_type=XML)


@dataclass(frozen=True)
class NewsEntry:
    location: str
    published: str
    title: str


@x_robots_tag
def news_sitemap(request: HttpRequest) -> TemplateResponse:
    """The Google News sitemap: what readers may see that was released in the last 48 hours, in one query."""
    now = timezone.now()
    articles = (
        Article.objects.published(now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .select_related("series")
        .only("headline", "published_at", "series__name")
        .newest_first()[:NEWS_LIMIT]
    )
    entries = [
        NewsEntry(
            location=absolute_url(request, article.get_absolute_url()),
            published=timezone.localtime(article.published_at).isoformat(timespec="seconds"),
            title=xml_text(article.display_headline),
        )
        for article in articles
    ]
    context = {"entries": entries, "publication": xml_text(settings.SITE_NAME)}
    return TemplateResponse(request, "sitemaps/news.xml", context, content_type=XML)

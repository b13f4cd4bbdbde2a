"""What search engines read: the sitemap index and its sections, the Google News sitemap and robots.txt.

Every address is on the site's public address: SITE_URL when set, else the host the request came in on.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap, x_robots_tag
from django.db.models import Exists, OuterRef, QuerySet
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


class ArticleSitemap(PublicSitemap):
    limit = ARTICLES_PER_SITEMAP

    def items(self) -> QuerySet[Article]:
        # Oldest first, so that a new article lands on the last page instead of shifting every page.
        return Article.objects.published().order_by("published_at", "pk").only("updated_at")

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


@x_robots_tag
def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """Each section's sitemap, one entry per page: a count per section, whatever the size of the archive."""
    locations = []
    for section, sitemap_class in SITEMAPS.items():
        location = absolute_url(request, reverse("articles:sitemap", args=[section]))
        pages = sitemap_class().paginator.num_pages
        locations += [location, *(f"{location}?p={page}" for page in range(2, pages + 1))]
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

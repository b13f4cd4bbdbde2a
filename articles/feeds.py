"""RSS 2.0 feeds of what readers may see: all news, a section, a series, a reporter.

Every address in a feed is absolute on the site's public address (`newsroom.site.absolute_url`): syndication only
adds the request's host to relative links, so the feeds hand it full URLs and SITE_URL wins when it is set.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

import nh3
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from newsroom.site import absolute_url

from .html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES
from .models import Article, Reporter, Section, Series

FEED_LENGTH = 30

# XML 1.0 cannot carry these (control characters, U+FFFE, U+FFFF, lone surrogates); a vertical tab pasted from a
# word processor would otherwise break the whole feed.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    return _CONTROL_CHARACTERS.sub("", value)


def absolute_body(body: str, base: str) -> str:
    """The sanitized body with its link and image addresses made absolute against `base`: feed readers show it
    away from our site, where `/media/…` means nothing."""

    def resolve(tag: str, attribute: str, value: str) -> str:
        return urljoin(base, value) if attribute in ("href", "src") else value

    return nh3.clean(
        body,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=resolve,
        link_rel="noopener noreferrer",
    )


@dataclass(frozen=True)
class Channel:
    """One feed as requested: its names, the page it mirrors, and the articles it draws from."""

    title: str
    description: str
    page: str
    articles: QuerySet[Article]
    request: HttpRequest


@dataclass(frozen=True)
class Item:
    article: Article
    link: str


class ArticleFeed(Feed):
    """The newest FEED_LENGTH visible articles of a channel, in two queries (articles, bylines) after its own.

    A subclass states only what makes its channel: the `model` its URL names (found by the URL's keyword arguments;
    none for all news), its `name` after the site's, its `default_description` and its `articles`. The templates
    may use {site} and {subject}, the object found."""

    language = "ko"
    item_guid_is_permalink = True
    model: type[Section | Series | Reporter] | None = None
    name: str
    default_description: str

    def get_object(self, request: HttpRequest, **lookup: str | int) -> Channel:
        subject = get_object_or_404(self.model, **lookup) if self.model else None
        words = {"site": settings.SITE_NAME, "subject": subject}
        return Channel(
            title=f"{settings.SITE_NAME} {self.name.format(**words)}",
            # Sections and series have a description the desk may write; it comes before ours.
            description=getattr(subject, "description", "") or self.default_description.format(**words),
            page=subject.get_absolute_url() if subject else reverse("articles:home"),
            articles=self.articles(subject),
            request=request,
        )

    def articles(self, subject: Section | Series | Reporter | None) -> QuerySet[Article]:
        raise NotImplementedError

    def title(self, channel: Channel) -> str:
        return xml_text(channel.title)

    def description(self, channel: Channel) -> str:
        return xml_text(channel.description)

    def link(self, channel: Channel) -> str:
        return absolute_url(channel.request, channel.page)

    def feed_url(self, channel: Channel) -> str:
        return absolute_url(channel.request, channel.request.path)

    def items(self, channel: Channel) -> list[Item]:
        articles = channel.articles.published().for_listing().newest_first()[:FEED_LENGTH]
        return [Item(article, absolute_url(channel.request, article.get_absolute_url())) for article in articles]

    def item_title(self, item: Item) -> str:
        # Plain text, escaped once by the XML writer: the headline round-trips as the editor wrote it.
        return xml_text(item.article.display_headline)

    def item_link(self, item: Item) -> str:
        return item.link

    def item_description(self, item: Item) -> str:
        """HTML, as RSS readers take it: the body when FEED_FULL_TEXT is on, else the summary (or the teaser)
        escaped, so that a title like 영화 <기생충> is read as text and not as a tag."""
        article = item.article
        if settings.FEED_FULL_TEXT:
            return xml_text(absolute_body(article.body, item.link))
        return xml_text(escape(article.summary or article.teaser))

    def item_pubdate(self, item: Item) -> datetime:
        return timezone.localtime(item.article.published_at)

    def item_author_name(self, item: Item) -> str | None:
        # A name only (dc:creator): RSS's <author> is an e-mail address.
        return xml_text(", ".join(reporter.name for reporter in item.article.byline_reporters)) or None

    def item_categories(self, item: Item) -> list[str]:
        return [xml_text(item.article.section.name)]


class LatestArticlesFeed(ArticleFeed):
    name = "전체기사"
    default_description = "{site}의 최신 기사"

    def articles(self, subject: None) -> QuerySet[Article]:
        return Article.objects.all()


class SectionFeed(ArticleFeed):
    model = Section
    name = "{subject.name}"
    default_description = "{site} {subject.name} 섹션의 최신 기사"

    def articles(self, section: Section) -> QuerySet[Article]:
        return Article.objects.filter(section=section)


class SeriesFeed(ArticleFeed):
    model = Series
    name = "{subject.name}"
    default_description = "{site} 연재 {subject.name}의 최신 기사"

    def articles(self, series: Series) -> QuerySet[Article]:
        return Article.objects.filter(series=series)


class ReporterFeed(ArticleFeed):
    model = Reporter
    name = "{subject.name} 기자"
    default_description = "{site} {subject.name} 기자의 최신 기사"

    def articles(self, reporter: Reporter) -> QuerySet[Article]:
        return Article.objects.by_reporter(reporter)

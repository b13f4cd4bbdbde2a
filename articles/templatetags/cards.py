"""Cards and the lists of a page made of them, written in Python: `{% card article %}`, `{% card_list articles %}`,
and the front page's headline list, section blocks and series list.

A front page shows 60 cards and a list page 20: as an included template each card cost 70 µs of context pushes and
node rendering, and the template loops around them as much again, most of a cold front page's template time; these
write the same HTML directly. Every value is escaped as Django's `escape` does (`html.escape`), called directly:
through Django's lazy-aware wrapper it was a third of a card's time.
"""

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from newsroom.escaping import escape
from newsroom.site import public_urls

register = template.Library()


@register.simple_tag
def card(article, *, compact: bool = False, heading_level: int = 3) -> SafeString:
    """The card; `heading_level` 2 right under a page's h1 (lists), 3 (the default) under a block's h2 (front
    page); a `compact` card shows no teaser."""
    return mark_safe(_card(article, compact, int(heading_level), _Links()))


@register.simple_tag
def card_list(articles, *, compact: bool = False, heading_level: int = 3) -> SafeString:
    """The cards of `articles` as a numbered list (`article-list`)."""
    return mark_safe(_card_list(articles, compact, int(heading_level), _Links()))


@register.simple_tag
def headline_list(articles) -> SafeString:
    """Headlines alone, each a link to its article (under the front page's top story); nothing when there are none."""
    if not articles:
        return mark_safe("")
    article_url = public_urls("articles:detail")
    items = "".join(
        f'\n  <li><a href="{escape(article_url(article.id))}">{escape(article.display_headline)}</a></li>'
        for article in articles
    )
    return mark_safe(f'<ul class="headline-list">{items}\n</ul>')


@register.simple_tag
def section_blocks(blocks) -> SafeString:
    """The front page's block of each section: its name, its newest articles as compact cards, and a link to
    more. `blocks` are (section, articles) pairs."""
    links, html = _Links(), []
    for section, articles in blocks:
        url, name = escape(links.section(section.slug)), escape(section.name)
        html.append(
            f'\n<section class="section-block" aria-labelledby="section-{section.id}">'
            f'\n  <h2 id="section-{section.id}" class="block-title"><a href="{url}">{name}</a></h2>'
            f"\n  {_card_list(articles, True, 3, links)}"
            f'\n  <a class="more" href="{url}">{name} 기사 더보기</a>\n</section>'
        )
    return mark_safe("".join(html))


@register.simple_tag
def series_list(blocks) -> SafeString:
    """Each series with the headline of its newest article. `blocks` are (series, article) pairs."""
    series_url, article_url = public_urls("articles:series"), public_urls("articles:detail")
    items = "".join(
        f'\n  <li>\n    <a class="series-list__name" href="{escape(series_url(series.slug))}">'
        f"{escape(series.name)}</a>"
        f'\n    <a class="series-list__headline" href="{escape(article_url(article.id))}">'
        f"{escape(article.headline)}</a>\n  </li>"
        for series, article in blocks
    )
    return mark_safe(f'<ul class="series-list">{items}\n</ul>')


class _Links:
    """What every card of a list needs alike, looked up once for the list: the addresses of articles and sections
    (Article.get_absolute_url, Section.get_absolute_url), the time zone the times are shown in, and each section's
    link, written once for the cards of that section."""

    def __init__(self) -> None:
        self.article = public_urls("articles:detail")
        self.section = public_urls("articles:section")
        self.zone = timezone.get_current_timezone()
        self._section_links: dict[int, str] = {}

    def section_link(self, section) -> str:
        link = self._section_links.get(section.id)
        if link is None:
            link = f'<a href="{escape(self.section(section.slug))}">{escape(section.name)}</a>'
            self._section_links[section.id] = link
        return link


def _card_list(articles, compact: bool, level: int, links: _Links) -> str:
    items = "".join(f"\n  <li>{_card(article, compact, level, links)}</li>" for article in articles)
    return f'<ol class="article-list">{items}\n</ol>'


def _card(article, compact: bool, level: int, links: _Links) -> str:
    published = article.published_at.astimezone(links.zone) if article.published_at else None
    teaser = "" if compact else f'<p class="card__teaser">{escape(article.byline)} {escape(article.teaser)}</p>'
    when = (
        f'<time datetime="{published.isoformat()}">{published.year}.{published.month:02}.{published.day:02} '
        f"{published.hour:02}:{published.minute:02}</time>"
        if published
        else '<time datetime=""></time>'
    )
    return (
        f'<article class="card{" card--compact" if compact else ""}">'
        f'<h{level} class="card__headline"><a href="{escape(links.article(article.id))}">'
        f"{escape(article.display_headline)}</a></h{level}>{teaser}"
        f'<p class="card__meta">{links.section_link(article.section)} · '
        f"{when}</p></article>"
    )

"""The readers' part in every public page (newsroom.pages, PAGE_PARTS): 많이 본 뉴스 beside the pages that show it.

A reader's view of an article is not counted here but by the beacon the article page sends once it has loaded
(audience.views.view_beacon), so that the page's request writes nothing and its HTML is the same for every reader.
"""

from datetime import timedelta

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from caching.pages import fragment
from newsroom.escaping import escape
from newsroom.site import fixed_url

from .popular import DAY, most_viewed

POPULAR_BOX_COUNT = 10


def most_read_box(page) -> None:
    """Put the 많이 본 뉴스 of the last 24 hours beside the pages that show it: the box is the same on every page,
    so it is rendered once per content version and ranking (its next ranking is a clock change, below)."""
    if page.popular_box:
        page.context["popular_box"] = fragment("popular-box", _render_popular_box)


def _render_popular_box() -> SafeString:
    return popular_box(most_viewed(DAY, POPULAR_BOX_COUNT), fixed_url("audience:popular"))


def popular_box(articles: list, more_url: str) -> SafeString:
    """The box: the ranked headlines, or "집계 중입니다." before the first ranking, and the link to the whole
    ranking. Written in Python, escaping as Django's `escape` does, as the cards are (articles.templatetags.cards)."""
    if articles:
        items = "".join(
            f'\n      <li><span class="rank-list__rank" aria-hidden="true">{rank}</span>'
            f'<a href="{escape(article.get_absolute_url())}">{escape(article.display_headline)}</a></li>'
            for rank, article in enumerate(articles, start=1)
        )
        ranking = f'<ol class="rank-list">{items}\n    </ol>'
    else:
        ranking = '<p class="empty">집계 중입니다.</p>'
    return mark_safe(
        '<section class="popular-box" aria-labelledby="popular-box-title">\n'
        '  <h2 id="popular-box-title" class="block-title">많이 본 뉴스</h2>\n'
        f'  {ranking}\n  <a class="more" href="{escape(more_url)}">많이 본 뉴스 더보기</a>\n</section>\n'
    )


def next_clock_change(now):
    """The next ranking of 많이 본 뉴스 (caching.pages, PAGE_CLOCK): a kept page lags it by no more than that."""
    return now + timedelta(seconds=settings.RANKING_CACHE_SECONDS)

"""The readers' part in every public page (newsroom.pages, PAGE_PARTS): a view counted, and 많이 본 뉴스."""

from .counting import count_view
from .popular import DAY, most_viewed
from .readers import is_reader

POPULAR_BOX_COUNT = 10


def reading(page) -> None:
    """Count a reader's view of the article the page shows (not an editor's preview), and put the 많이 본 뉴스 of the
    last 24 hours beside the pages that show it."""
    if page.viewed is not None and not page.preview and is_reader(page.request):
        count_view(page.viewed)
    if page.popular_box:
        page.context["popular"] = most_viewed(DAY, POPULAR_BOX_COUNT)

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from newsroom.pages import render_page

from .popular import DAY, WEEK, most_viewed

POPULAR_PAGE_COUNT = 20


def popular(request: HttpRequest) -> HttpResponse:
    rankings = [
        ("최근 24시간", most_viewed(DAY, POPULAR_PAGE_COUNT)),
        ("최근 7일", most_viewed(WEEK, POPULAR_PAGE_COUNT)),
    ]
    return render_page(request, "audience/popular.html", {"rankings": rankings})


@require_safe
def legacy_most_read(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """The former site's 많이 본 뉴스 (`/news/best_list_all.html`), with the other old addresses in articles.legacy."""
    return HttpResponsePermanentRedirect(reverse("audience:popular"))

import re

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article
from newsroom.ceilings import under_ceiling
from newsroom.pages import render_page

from .counting import count_view, first_sighting
from .popular import DAY, WEEK, most_viewed
from .readers import sent_by_a_person

POPULAR_PAGE_COUNT = 20

# The page load's token the beacon sends (static/js/view-beacon.js): a random UUID, as lowercase hex.
LOAD_TOKEN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# A token is 36 bytes; anything much longer is not a beacon of ours.
BEACON_MAX_BYTES = 64
# The noscript pixel: a transparent 1×1 GIF.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


def popular(request: HttpRequest) -> HttpResponse:
    rankings = [
        ("최근 24시간", most_viewed(DAY, POPULAR_PAGE_COUNT)),
        ("최근 7일", most_viewed(WEEK, POPULAR_PAGE_COUNT)),
    ]
    return render_page(request, "audience/popular.html", {"rankings": rankings})


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def view_beacon(request: HttpRequest, pk: int) -> HttpResponse:
    """Count a reader's view of an article, sent by the article page once it has loaded: a POST from
    `navigator.sendBeacon` with the page load's token, or for readers without JavaScript a GET of the page's
    `<noscript>` pixel (which browsers with JavaScript never load, so no view is counted twice).

    Counting here rather than in the article page's request keeps that page the same for every reader and free of
    writes, so that any proxy may cache it. Never cached itself (every beacon must reach the server) and kept out
    of crawlers' way by robots.txt. Exempt from CSRF because sendBeacon cannot send a token, and nothing needs one:
    the only thing a request can do here is add one view to an article readers may see, as opening the page did
    before; everything else is refused with a 4xx and changes nothing. A beacon sent again for the same page load
    (the same token) is answered like the first and counts nothing. The pixel carries no token, as the page that
    names it is the same for everyone: each time it is loaded is a view, as each opening of the page was.

    A script can make tokens, not addresses: an address counts at most BEACON_CEILING views (pixels included) per
    BEACON_CEILING_SECONDS (newsroom.ceilings), and a beacon past it is answered like any other.
    """
    length = request.headers.get("Content-Length") or "0"
    if not length.isdecimal():
        return HttpResponse(status=400)
    if int(length) > BEACON_MAX_BYTES:
        return HttpResponse(status=413)
    if request.method == "POST" and not LOAD_TOKEN.fullmatch(request.body.decode("ascii", "replace")):
        return HttpResponse(status=400)
    # Another site's page cannot make its visitors' browsers count views here (browsers that say where a request
    # comes from); bots, scripts and prefetches are not readers.
    if request.headers.get("Sec-Fetch-Site") == "cross-site" or not sent_by_a_person(request):
        return HttpResponse(status=403)
    article = Article.objects.published().filter(pk=pk).only("pk").first()
    if article is None:
        return HttpResponse(status=404)
    if request.method == "GET":
        if under_ceiling("views", request):
            count_view(article)
        return HttpResponse(PIXEL, content_type="image/gif")
    # The token first: a beacon sent again takes nothing from the address's ceiling.
    if first_sighting(request.body.decode("ascii")) and under_ceiling("views", request):
        count_view(article)
    return HttpResponse(status=204)


@require_safe
def legacy_most_read(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """The former site's 많이 본 뉴스 (`/news/best_list_all.html`), with the other old addresses in articles.legacy."""
    return HttpResponsePermanentRedirect(reverse("audience:popular"))

import re

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from audience.readers import is_reader, sent_by_a_person
from newsroom.ceilings import address_key, under_ceiling

from .counting import count_click, count_impressions, first_click, first_sighting
from .models import Banner

# A banner's id, as the click's URL takes it (newsroom.converters.IdConverter): nothing a 64-bit column cannot hold.
BANNER_ID = re.compile(r"[0-9]{1,18}")
# The page load's token static/js/banners.js sends: a random UUID, as lowercase hex.
LOAD_TOKEN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# A page shows at most one banner per slot.
MOST_BANNERS = len(Banner.Slot)
# A token and seven banner ids as a form are under 200 bytes; anything much longer is not a beacon of ours.
BEACON_MAX_BYTES = 512
# The noscript pixel: a transparent 1×1 GIF.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def banners_seen(request: HttpRequest) -> HttpResponse:
    """Count the banners a reader was shown, sent by the page once its browser has picked one per slot: a POST from
    `navigator.sendBeacon` with the page load's token and the banners' ids (`t`, `b`), or for readers without
    JavaScript a GET of a slot's `<noscript>` pixel (`?b=<id>`, the slot's first banner, which is the one they see).

    Counting here rather than in the page's request keeps the page the same for every reader and free of writes,
    so that any proxy may cache it. Never cached itself and kept out of crawlers' way by robots.txt. Exempt from
    CSRF for the reason the view beacon is (audience.views.view_beacon): sendBeacon cannot send a token, and all a
    request can do here is add one impression to a few running banners of different slots, as opening a page did
    before; everything else is refused with a 4xx and changes nothing. A beacon sent again for one page load (the
    same token) is answered like the first and counts nothing, and so is one past the address's ceiling
    (newsroom.ceilings): a script can make tokens, not addresses. Each noscript pixel counts against it too.
    """
    length = request.headers.get("Content-Length") or "0"
    if not length.isdecimal():
        return HttpResponse(status=400)
    if int(length) > BEACON_MAX_BYTES:
        return HttpResponse(status=413)
    data = request.POST if request.method == "POST" else request.GET
    ids = data.getlist("b")
    if request.method == "POST" and not LOAD_TOKEN.fullmatch(data.get("t", "")):
        return HttpResponse(status=400)
    if not 0 < len(ids) <= MOST_BANNERS or not all(BANNER_ID.fullmatch(pk) for pk in ids):
        return HttpResponse(status=400)
    if len(set(ids)) < len(ids) or (request.method == "GET" and len(ids) > 1):
        return HttpResponse(status=400)
    # Another site's page cannot make its visitors' browsers count impressions here; bots, scripts and prefetches
    # are not readers.
    if request.headers.get("Sec-Fetch-Site") == "cross-site" or not sent_by_a_person(request):
        return HttpResponse(status=403)
    slots = dict(Banner.objects.live().filter(pk__in=[int(pk) for pk in ids]).values_list("pk", "slot"))
    if len(slots) < len(ids):  # a banner that is not running (or never was)
        return HttpResponse(status=404)
    if len(set(slots.values())) < len(slots):  # a page shows one banner per slot
        return HttpResponse(status=400)
    if request.method == "GET":
        if under_ceiling("impressions", request):
            count_impressions(slots.keys())
        return HttpResponse(PIXEL, content_type="image/gif")
    # The token first: a beacon sent again takes nothing from the address's ceiling.
    if first_sighting(data["t"]) and under_ceiling("impressions", request):
        count_impressions(slots.keys())
    return HttpResponse(status=204)


@require_safe
@never_cache
def banner_click(request: HttpRequest, pk: int) -> HttpResponse:
    """Count a reader's click, once per address and BANNER_CLICK_WINDOW_SECONDS (ads.counting.first_click), and send
    them on to the banner's own stored address, and only there: every time, counted or not."""
    # Only while it runs: a campaign not started yet (or ended) keeps its landing page to itself.
    banner = get_object_or_404(Banner.objects.live(), pk=pk)
    if is_reader(request) and first_click(banner.pk, address_key(request)):
        count_click(banner.pk)
    response = HttpResponseRedirect(banner.link_url)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

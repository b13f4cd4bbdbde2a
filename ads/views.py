from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from audience.readers import is_reader

from .counting import count_click
from .models import Banner


@require_safe
@never_cache
def banner_click(request: HttpRequest, pk: int) -> HttpResponse:
    """Count a reader's click and send them on to the banner's own stored address, and only there."""
    # Only while it runs: a campaign not started yet (or ended) keeps its landing page to itself.
    banner = get_object_or_404(Banner.objects.live(), pk=pk)
    if is_reader(request):
        count_click(banner.pk)
    response = HttpResponseRedirect(banner.link_url)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

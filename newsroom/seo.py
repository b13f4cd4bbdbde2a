"""robots.txt: what crawlers may read, and where the sitemaps are."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .site import absolute_url


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        # The admin, and with it the desk's previews of unreleased articles and the photo upload.
        f"Disallow: {reverse('admin:index')}",
        # Banner clicks: a redirect to the advertiser that counts a click.
        f"Disallow: {reverse('articles:home')}banners/",
        # The article pages' view beacon, which counts a reader's view.
        f"Disallow: {reverse('articles:home')}views/",
        "Allow: /",
        "",
        f"Sitemap: {absolute_url(request, reverse('articles:sitemap_index'))}",
        f"Sitemap: {absolute_url(request, reverse('articles:sitemap_news'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

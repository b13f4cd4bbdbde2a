"""What an article page tells search engines and link previews (Open Graph, Twitter cards, schema.org JSON-LD).

Everything is read from what the article page already fetched (section, series, bylines, the lead photo's
renditions), so the metadata costs the public page no query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from newsroom.site import absolute_url
from photos.models import Photo, Rendition

from .models import Article

# Link previews show a wide image at about this width; the JPEG rendition nearest to it is shared.
SHARE_IMAGE_WIDTH = 1200
# The publisher's logo in structured data, when the site has one.
LOGO_STATIC_PATH = "img/logo.png"

# As django.utils.html.json_script: inside <script> the JSON must not contain `</script>` or `<!--`.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class ArticleSharing:
    url: str
    title: str
    description: str
    image: ShareImage | None
    published: str
    modified: str
    section: str
    json_ld: dict[str, Any]


def to_absolute(request: HttpRequest, url: str) -> str:
    """A file or page address as a full URL; one that already has a scheme (media on a CDN) is kept."""
    if urlsplit(url).scheme:
        return url
    if url.startswith("//"):
        return f"{request.scheme}:{url}"
    return absolute_url(request, url)


def iso_datetime(value: datetime | None) -> str:
    """ISO 8601 in the site's time zone with its offset, to the second: `2026-01-04T09:30:00+09:00`."""
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def share_rendition(photo: Photo) -> Rendition | None:
    """The JPEG rendition nearest SHARE_IMAGE_WIDTH (the wider one on a tie); none for a photo too small to
    have any, which previews would not show large anyway."""
    jpegs = photo.renditions_in(Rendition.Format.JPEG)
    if not jpegs:
        return None
    return min(jpegs, key=lambda r: (abs(r.width - SHARE_IMAGE_WIDTH), -r.width))


def share_image(request: HttpRequest, photo: Photo | None) -> ShareImage | None:
    if photo is None:
        return None
    # A no-op on the public page, whose view prefetched them; the admin's preview did not, and the page's
    # <picture> below then reads them from this one query instead of one query per format.
    prefetch_related_objects([photo], "renditions")
    rendition = share_rendition(photo)
    if rendition is None:
        return None
    # Renditions keep the photo's proportions, rounded as photos.processing rounds them.
    height = max(1, round(photo.height * rendition.width / photo.width))
    return ShareImage(to_absolute(request, rendition.file.url), rendition.width, height, photo.alt_text)


def publisher_logo(request: HttpRequest) -> dict[str, str] | None:
    if not finders.find(LOGO_STATIC_PATH):
        return None
    return {"@type": "ImageObject", "url": to_absolute(request, static(LOGO_STATIC_PATH))}


def article_sharing(request: HttpRequest, article: Article) -> ArticleSharing:
    url = absolute_url(request, article.get_absolute_url())
    description = article.summary.strip() or article.teaser
    image = share_image(request, article.lead_photo)
    published = iso_datetime(article.published_at)
    # An article edited before its release time was modified, for readers, when it came out.
    modified_at = max(article.updated_at, article.published_at) if article.published_at else article.updated_at
    modified = iso_datetime(modified_at)

    publisher: dict[str, Any] = {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute_url(request, reverse("articles:home")),
    }
    if logo := publisher_logo(request):
        publisher["logo"] = logo
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.display_headline,
        "description": description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published,
        "dateModified": modified,
        "author": [
            {
                "@type": "Person",
                "name": reporter.name,
                "url": absolute_url(request, reporter.get_absolute_url()),
            }
            for reporter in article.byline_reporters
        ],
        "publisher": publisher,
        "image": [image.url] if image else [],
        "articleSection": article.section.name,
        "inLanguage": "ko",
    }
    # A draft in the admin's preview has no release time yet; an empty list says nothing either.
    data = {key: value for key, value in data.items() if value not in ("", [])}
    return ArticleSharing(
        url=url,
        title=article.display_headline,
        description=description,
        image=image,
        published=published,
        modified=modified,
        section=article.section.name,
        json_ld=data,
    )


def json_for_script(value: Any) -> SafeString:
    """`value` as JSON that is safe inside a <script> element: `<`, `>` and `&` escaped, so no text in it (a
    headline with `</script>` in it) can close the element; JSON parsers read the escapes back as the characters."""
    return mark_safe(json.dumps(value, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))

"""Body images at their best size: an <img> the editor put in an article becomes a <picture> of its renditions."""

import re

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from .models import Photo, Rendition

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_SRC = re.compile(r'\ssrc="([^"]*)"', re.I)
BODY_SIZES = "(max-width: 860px) 100vw, 760px"


def with_renditions(body: str) -> SafeString:
    """`body` (already sanitized) with each image of ours swapped for its renditions; two queries when it has any.

    Images that are not uploaded photos (or whose files are gone) stay exactly as they are.
    """
    tags = _IMG.findall(body)
    sources = {match.group(1) for tag in tags if (match := _SRC.search(tag))}
    names = {source.removeprefix(settings.MEDIA_URL) for source in sources if source.startswith(settings.MEDIA_URL)}
    if not names:
        return mark_safe(body)
    shown_as = dict(Rendition.objects.filter(file__in=names).values_list("file", "photo_id"))
    shown_as |= dict(Photo.objects.filter(image__in=names).values_list("image", "pk"))
    photos = Photo.objects.filter(pk__in=set(shown_as.values())).with_renditions().in_bulk()

    def swap(match: re.Match) -> str:
        source = _SRC.search(match.group(0))
        photo = photos.get(shown_as.get(source.group(1).removeprefix(settings.MEDIA_URL))) if source else None
        if photo is None:
            return match.group(0)
        return photo.picture(BODY_SIZES)

    return mark_safe(_IMG.sub(swap, body))

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..models import Photo

register = template.Library()


@register.simple_tag
def picture(photo: Photo | None, sizes: str = "100vw") -> SafeString:
    """`{% picture photo sizes="(max-width: 860px) 100vw, 760px" %}`: WebP for browsers that take it, JPEG otherwise
    (`Photo.picture`); nothing without a photo.

    Reads only `photo.renditions.all()`, so a photo from `Photo.objects.with_renditions()` costs no query.
    """
    return photo.picture(sizes) if photo is not None else mark_safe("")

from django import template

from ..models import Photo, Rendition

register = template.Library()


@register.inclusion_tag("photos/picture.html")
def picture(photo: Photo | None, sizes: str = "100vw") -> dict:
    """`{% picture photo sizes="(max-width: 860px) 100vw, 760px" %}`: WebP for browsers that take it, JPEG otherwise.

    Reads only `photo.renditions.all()`, so a photo from `Photo.objects.with_renditions()` costs no query.
    """
    if photo is None:
        return {"photo": None}
    return {
        "photo": photo,
        "sizes": sizes,
        "webp_srcset": photo.srcset(Rendition.Format.WEBP),
        "jpeg_srcset": photo.srcset(Rendition.Format.JPEG),
    }

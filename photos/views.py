from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from .forms import PhotoUploadForm
from .models import Rendition


def _may_upload(request: HttpRequest) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.has_perm("photos.add_photo")


@require_POST
@csrf_protect
def upload_for_editor(request: HttpRequest) -> JsonResponse:
    """The body editor's image upload: the file under "image", optional alt_text, caption and credit.

    Answers JSON the editor can put straight into an <img>; errors are JSON too, so it can show them in place.
    """
    if not _may_upload(request):
        return JsonResponse({"error": "사진을 올릴 권한이 없습니다."}, status=403)
    form = PhotoUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"error": form.first_error()}, status=400)
    photo = form.save(request.user)
    return JsonResponse(
        {
            "id": photo.pk,
            "url": photo.fallback_url,
            "srcset": photo.srcset(Rendition.Format.JPEG),
            "alt": photo.alt_text,
            "width": photo.width,
            "height": photo.height,
        }
    )

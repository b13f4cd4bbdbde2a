from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from .forms import PhotoUploadForm
from .models import Photo


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    """Upload on add; afterwards only the texts change, since the file and its renditions are made once."""

    list_display = ["thumbnail", "__str__", "credit", "has_alt_text", "dimensions", "uploaded_by", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "width", "height", "rendition_list", "uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["preview", "alt_text", "caption", "credit"]}),
        ("파일 정보", {"fields": ["width", "height", "rendition_list", "uploaded_by", "created_at"]}),
    ]
    add_fieldsets = [(None, {"fields": ["image", "alt_text", "caption", "credit"]})]

    def has_change_permission(self, request: HttpRequest, obj: Photo | None = None) -> bool:
        # A reporter may correct the texts (alt, caption, credit) of their own uploads.
        own = obj is not None and obj.uploaded_by_id == request.user.pk and request.user.has_perm("photos.add_photo")
        return own or super().has_change_permission(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Photo]:
        photos = super().get_queryset(request).with_renditions()
        # The desk sees every photo; a reporter only their own uploads (another's may belong to an unreleased story).
        return photos if request.user.has_perm("photos.change_photo") else photos.filter(uploaded_by=request.user)

    def get_fieldsets(self, request: HttpRequest, obj: Photo | None = None) -> list:
        return self.add_fieldsets if obj is None else self.fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Photo | None = None) -> list[str]:
        return [] if obj is None else self.readonly_fields

    def get_form(self, request: HttpRequest, obj: Photo | None = None, change: bool = False, **kwargs):
        if obj is None:
            return PhotoUploadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def save_form(self, request: HttpRequest, form: ModelForm, change: bool) -> Photo:
        if change:
            return super().save_form(request, form, change)
        return form.save(request.user)  # stores the file, its renditions and the row together

    def save_model(self, request: HttpRequest, obj: Photo, form: ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: list, change: bool) -> None:
        if change:
            super().save_related(request, form, formsets, change)

    @admin.display(description="사진")
    def thumbnail(self, photo: Photo) -> str:
        return format_html('<img src="{}" alt="" class="photo-thumbnail">', photo.thumbnail_url)

    @admin.display(description="미리 보기")
    def preview(self, photo: Photo) -> str:
        return format_html(
            '<a href="{}"><img src="{}" alt="" class="photo-preview"></a>',
            photo.image.url,
            photo.fallback_url,
        )

    @admin.display(description="대체 텍스트", boolean=True)
    def has_alt_text(self, photo: Photo) -> bool:
        return bool(photo.alt_text.strip())

    @admin.display(description="크기")
    def dimensions(self, photo: Photo) -> str:
        return f"{photo.width}×{photo.height}"

    @admin.display(description="크기별 사본")
    def rendition_list(self, photo: Photo) -> str:
        renditions = list(photo.renditions.all())
        if not renditions:
            return "없음 (가장 작은 폭보다 좁은 사진은 원본만 씁니다)"
        return format_html_join(", ", '<a href="{}">{}</a>', ((r.file.url, str(r)) for r in renditions))

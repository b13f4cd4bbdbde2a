"""The article form of the admin: the body in a rich-text editor that offers only what the body may hold."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django_prose_editor.widgets import AdminProseEditorWidget

from .models import Article

# Exactly the markup `articles.html.sanitize_body` keeps; the editor offers no raw HTML view, so what an editor
# sees is what is saved. Document, Paragraph, Text, History and the menu are always on. Figure brings the image
# and caption nodes; images come from the upload control under the editor (photos:upload).
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Heading": {"levels": [2, 3, 4]},
    "Blockquote": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Figure": True,
    "Image": True,
    "Caption": True,
}


class BodyEditorWidget(AdminProseEditorWidget):
    """The prose editor with the 글자수 · 원고지 line under it, filled in by static/js/editor-counters.js."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, config={"extensions": BODY_EXTENSIONS}, preset="configurable")

    def render(self, name: str, value: str | None, attrs: dict | None = None, renderer=None) -> SafeString:
        editor = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        # One wrapper, so the admin's label-and-field row lays the counters out under the editor, not beside it.
        return format_html(
            '<div class="body-editor">{}<p class="editor-counters" data-editor-counters="{}" aria-live="polite"></p>'
            '<fieldset class="body-photo" data-body-photo="{}" data-upload-url="{}">'
            "<legend>본문에 사진 넣기</legend>"
            '<input type="file" name="body_photo_file" accept="image/jpeg,image/png,image/webp,image/gif" '
            'aria-label="사진 파일">'
            '<input type="text" name="body_photo_alt" placeholder="대체 텍스트 (필수)" aria-label="대체 텍스트" '
            'maxlength="300">'
            '<input type="text" name="body_photo_caption" placeholder="사진 설명" aria-label="사진 설명" '
            'maxlength="500">'
            '<input type="text" name="body_photo_credit" placeholder="사진 출처 (사진=…)" aria-label="사진 출처" '
            'maxlength="100">'
            '<button type="button" class="button">사진 올려서 넣기</button>'
            '<span class="body-photo__status" role="status"></span></fieldset>'
            "</div>",
            editor,
            field_id,
            field_id,
            reverse("photos:upload"),
        )


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 -- ArticleAdmin's fieldsets choose the fields; the form only sets widgets
        widgets = {"body": BodyEditorWidget}

    class Media:
        js = ["js/editor-counters.js", "js/body-photo.js"]
        css = {"all": ["css/editor.css"]}

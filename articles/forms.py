"""The article form of the desk: the body in a rich-text editor that offers only what the body may hold, a video
given by its address, and no save made over someone else's newer one."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django_prose_editor.widgets import AdminProseEditorWidget

from .html import youtube_id
from .locking import display_name, keep_refused
from .models import Article

# Exactly the markup `articles.html.sanitize_body` keeps; the editor offers no raw HTML view, so what an editor
# sees is what is saved. Document, Paragraph, Text, History and the menu are always on. Figure brings the image
# and caption nodes; images come from the upload control under the editor (photos:upload). BodyEditor is our own
# module (static/js/body-editor.js, registered in settings): the way out of a caption, links that end where they
# were made, and the menu in Korean.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Heading": {"levels": [2, 3, 4]},
    "Blockquote": True,
    "BulletList": True,
    # No start number or numbering style: the body keeps a bare <ol>.
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Figure": True,
    "Image": True,
    "Caption": True,
    "BodyEditor": True,
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
            '<input type="text" name="body_photo_credit" placeholder="사진 출처 (예: 윤슬 기자)" '
            'aria-label="사진 출처" maxlength="100">'
            '<button type="button" class="button">사진 올려서 넣기</button>'
            '<span class="body-photo__status" role="status"></span></fieldset>'
            "</div>",
            editor,
            field_id,
            field_id,
            reverse("photos:upload"),
        )


class ArticleForm(forms.ModelForm):
    """The desk's article form. It remembers the last-saved time it was loaded with and refuses to save over a newer
    save, keeping the refused text as a KeptEdit. The time is re-read under a row lock inside the admin's
    transaction, so two saves that race are decided one after the other (BEGIN IMMEDIATE on SQLite).

    The last-saved time only moves forward: restoring an old revision keeps the article's current one (it is
    among the fields a restore leaves alone), and the restore's own save stamps it anew, so a form opened before
    the restore is refused afterwards."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    user = None  # set by the admin for each request

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 -- ArticleAdmin's fieldsets choose the fields; the form only sets widgets
        widgets = {"body": BodyEditorWidget}

    class Media:
        js = ["js/editor-counters.js", "js/body-photo.js"]
        css = {"all": ["css/editor.css"]}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()
        if "video_youtube_id" in self.fields:  # an address is accepted too, and reduced to its id
            video = self.fields["video_youtube_id"]
            video.max_length = None
            video.validators = [v for v in video.validators if not isinstance(v, MaxLengthValidator)]
            video.widget.attrs.pop("maxlength", None)

    def clean_video_youtube_id(self) -> str:
        value = self.cleaned_data.get("video_youtube_id", "")
        if value and not youtube_id(value):
            raise forms.ValidationError("유튜브 영상 주소나 ID가 아닙니다.")
        return youtube_id(value)

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        current = (
            Article.objects.select_for_update().filter(pk=self.instance.pk).values("updated_at", "updated_by").first()
        )
        now_saved = current and current["updated_at"].isoformat()
        if current is None or cleaned.get("loaded_version") == now_saved:
            return cleaned
        keep_refused(self.instance, self.user, self.data)
        saver = get_user_model().objects.filter(pk=current["updated_by"]).first()
        who = f"{display_name(saver)} 님이" if saver else "다른 사람이"
        when = timezone.localtime(current["updated_at"])
        raise forms.ValidationError(
            f"{who} {when:%H:%M:%S}에 먼저 저장해서 이 저장은 반영하지 않았습니다. "
            "내가 고친 내용은 '보관된 편집'에 그대로 남겨 두었습니다. 기사를 새로 불러온 뒤 다시 고쳐 주세요."
        )

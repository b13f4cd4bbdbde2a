"""The article form of the admin: the body in a rich-text editor that offers only what the body may hold."""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django_prose_editor.widgets import AdminProseEditorWidget

from .models import Article

# Exactly the markup `articles.html.sanitize_body` keeps (images come later); the editor offers no raw HTML view,
# so what an editor sees is what is saved. Document, Paragraph, Text, History and the menu are always on.
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
            "</div>",
            editor,
            field_id,
        )


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 -- ArticleAdmin's fieldsets choose the fields; the form only sets widgets
        widgets = {"body": BodyEditorWidget}

    class Media:
        js = ["js/editor-counters.js"]
        css = {"all": ["css/editor.css"]}

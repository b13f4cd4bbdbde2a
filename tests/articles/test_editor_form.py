"""The admin's article form: the body in a rich-text editor that offers only what the body may hold."""

import html
import json
import re

import pytest
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.forms import BODY_EXTENSIONS, ArticleForm
from articles.html import ALLOWED_TAGS
from articles.models import Article


def editor_config(markup: str) -> dict:
    attribute = re.search(r'data-django-prose-editor-configurable="([^"]*)"', markup)
    assert attribute, "the body textarea does not start the prose editor"
    return json.loads(html.unescape(attribute[1]))


def test_body_is_rendered_as_the_prose_editor_with_its_counters_and_assets():
    form = ArticleForm()

    body = str(form["body"])
    media = str(form.media)

    assert re.search(r'<textarea name="body"[^>]* id="id_body"', body)
    assert '<p class="editor-counters" data-editor-counters="id_body" aria-live="polite"></p>' in body
    extensions = editor_config(body)["extensions"]
    assert extensions["Heading"] == {"levels": [2, 3, 4]}
    assert extensions["Link"] == {"enableTarget": False, "protocols": ["http", "https", "mailto"]}
    offered = ("Bold", "Italic", "Blockquote", "BulletList", "HorizontalRule", "HardBreak", "Figure", "BodyEditor")
    for name in offered:
        assert extensions[name] is True
    # A bare numbered list: the body keeps no start number or numbering style.
    assert extensions["OrderedList"] == {"enableListAttributes": False}
    # No raw HTML view, no tables, colours or other marks the body cannot keep.
    assert not {"HTML", "Table", "Strike", "Underline", "TextAlign", "Color"} & extensions.keys()
    # Images arrive through the photos app's upload (checked, cleaned, resized), put in place by body-photo.js.
    assert 'data-upload-url="/admin/photos-upload/upload/"' in body
    assert '<script src="/static/js/body-photo.js"></script>' in media
    # No CDN: the editor comes from its own static files, through an import map, with the counters after it.
    assert '<script type="importmap">' in media
    assert '"django-prose-editor/editor": "/static/django_prose_editor/editor.js"' in media
    assert '<script src="/static/django_prose_editor/configurable.js" type="module"></script>' in media
    assert '<script src="/static/js/editor-counters.js"></script>' in media
    assert '<link href="/static/css/editor.css" media="all" rel="stylesheet">' in media
    assert "://" not in media


def test_editor_offers_exactly_the_tags_the_body_keeps():
    offered = allowlist_from_extensions(expand_extensions(BODY_EXTENSIONS))["tags"]

    assert offered == ALLOWED_TAGS


@pytest.mark.django_db
def test_body_posted_through_the_form_is_stored_with_only_the_allowed_markup(section, reporter):
    posted = (
        '<p onclick="steal()" style="color:red">서울에 <strong>첫눈</strong>이 내렸다.<script>alert(1)</script></p>'
        "<h1>큰 제목</h1><table><tr><td>표</td></tr></table>"
        '<p><a href="javascript:alert(1)" target="_blank">링크</a> <a href="https://kma.go.kr/">기상청</a></p>'
        '<iframe src="https://evil.example/"></iframe>'
    )
    form = ArticleForm(
        data={
            "headline": "서울 첫눈 관측",
            "section": section.pk,
            "reporters": [reporter.pk],
            "status": Article.Status.DRAFT,
            "body": posted,
        }
    )

    assert form.is_valid(), form.errors
    form.save()

    assert Article.objects.get(headline="서울 첫눈 관측").body == (
        "<p>서울에 <strong>첫눈</strong>이 내렸다.</p>큰 제목표"
        '<p><a rel="noopener noreferrer">링크</a> <a href="https://kma.go.kr/" rel="noopener noreferrer">기상청</a></p>'
    )

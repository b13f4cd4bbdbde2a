"""The body editor's Korean: its catalogue, compiled as Django serves it to the admin, and its own module."""

import gettext
import html
import json
import re
from pathlib import Path

from django.urls import reverse

from articles.forms import ArticleForm

LOCALE = Path(__file__).resolve().parents[2] / "newsroom" / "locale" / "ko" / "LC_MESSAGES"


def test_the_compiled_editor_catalogue_matches_its_source():
    """After editing djangojs.po: `msgfmt -o djangojs.mo djangojs.po` in newsroom/locale/ko/LC_MESSAGES."""
    source = (LOCALE / "djangojs.po").read_text(encoding="utf-8")
    entries = re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', source, flags=re.MULTILINE)

    def text(quoted: str) -> str:
        return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', quoted)).replace('\\"', '"').replace("\\\\", "\\")

    wanted = {text(msgid): text(msgstr) for msgid, msgstr in entries if text(msgid)}
    with (LOCALE / "djangojs.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)

    assert len(wanted) > 50
    assert {msgid: catalogue.gettext(msgid) for msgid in wanted} == wanted


def test_the_admin_serves_the_editor_labels_in_korean(admin_client):
    catalog = admin_client.get(reverse("admin:jsi18n")).content.decode()

    # The package's own dialog texts, and the menu labels the body editor module passes through gettext.
    for english, korean in [
        ("Edit Link", "링크 고치기"),
        ("Remove caption", "사진 설명 빼기"),
        ("Heading 2", "소제목 2"),
        ("bold", "굵게"),
        ("undo", "되돌리기"),
    ]:
        assert json.dumps({english: korean})[1:-1] in catalog  # escaped, as the catalogue writes it


def test_the_body_editor_loads_its_own_module_from_the_sites_static_files():
    attribute = re.search(r'data-django-prose-editor-configurable="([^"]*)"', str(ArticleForm()["body"]))
    config = json.loads(html.unescape(attribute[1]))

    assert config["extensions"]["BodyEditor"] is True
    assert config["js_modules"] == ["/static/js/body-editor.js"]

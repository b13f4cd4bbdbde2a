"""Article HTML: what may be stored, and the plain text cut from it for teasers."""

import html
import re
from html.parser import HTMLParser

import nh3
from django.utils.html import strip_tags

# What a news article needs; no style, script, iframe, svg or math ever reaches a reader's browser.
ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "strong", "em", "a", "blockquote", "ul", "ol", "li",
    "figure", "img", "figcaption", "br", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_body(value: str) -> str:
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


# Tags that end a line of text; inline ones (strong, em, a) sit inside a word: <strong>메타</strong>는.
_BLOCK_TAG = re.compile(r"<(?:/?(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|div)\b[^>]*|br\s*/?|hr\s*/?)>", re.I)


def plain_text(value: str) -> str:
    """The text a reader sees, on one line: tags dropped, entities decoded, white space folded."""
    spaced = _BLOCK_TAG.sub(" ", value)
    return " ".join(html.unescape(strip_tags(spaced)).split())


def excerpt(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a word boundary, marking the cut with `…`."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else text[:limit]
    return cut.rstrip(" ,.·") + "…"


_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"""\salt\s*=\s*(["'])\s*[^"'\s]""", re.I)


def images_without_alt(value: str) -> int:
    """How many images in article HTML lack a non-empty alt text."""
    return sum(1 for tag in _IMG.findall(value) if not _ALT.search(tag))


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})(?:[?&#/].*)?$"
)


def youtube_id(value: str) -> str:
    """The 11-character video id from an id or any usual YouTube address; "" when it is neither."""
    value = value.strip()
    if _YOUTUBE_ID.match(value):
        return value
    match = _YOUTUBE_URL.match(value)
    return match.group(1) if match else ""


class _ParagraphEnds(HTMLParser):
    """Offsets just after each `</p>` that closes a paragraph at the top level of a body."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0]
        self.line_starts += [match.end() for match in re.finditer("\n", text)]
        self.depth = 0
        self.ends: list[int] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if tag == "p" and self.depth == 0:
            line, column = self.getpos()
            self.ends.append(self.line_starts[line - 1] + column + len("</p>"))


def split_between_paragraphs(body: str, min_paragraphs: int = 3) -> tuple[str, str]:
    """`body` cut in two at the top-level paragraph break nearest its middle, for a banner between paragraphs.

    A body of fewer than `min_paragraphs` paragraphs is not cut: the second part is empty.
    """
    ends = _ParagraphEnds(body).ends
    if len(ends) < min_paragraphs:
        return body, ""
    cut = ends[len(ends) // 2 - 1] if len(ends) > 1 else ends[0]
    return body[:cut], body[cut:]

"""Looking inside a page, for tests that need more than "this fragment is on it" (pytest_django's assertInHTML).

The tree is django.test.html's (`parse_html`): elements with `.name`, `.attributes` and `.children` that compare
semantically, so `parse_html(fragment) in element` and `element == parse_html(fragment)` work on any part of a
page. Here is only what it lacks: finding elements, an element's text, the head's meta tags and canonical links.

`head_scripts` alone reads the page with html.parser itself: django.test.html collapses the whitespace inside a
<script>, and a JSON-LD block has to be read exactly as the browser hands it on.
"""

from collections.abc import Iterator
from html.parser import HTMLParser

from django.test.html import Element, parse_html


def elements(root: Element | str) -> Iterator[Element]:
    """Every element of `root` (a page's HTML, or an element of it), itself included, in document order."""
    if isinstance(root, str):
        root = parse_html(root)
    if root.name is not None:  # the unnamed root of a page that is not one element
        yield root
    for child in root.children:
        if isinstance(child, Element):
            yield from elements(child)


def find_all(root: Element | str, name: str, **attributes: str) -> list[Element]:
    """Elements named `name` with the attributes given (`class_` for class, `http_equiv` for http-equiv)."""
    wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attributes.items()}
    return [
        element
        for element in elements(root)
        if element.name == name and wanted.items() <= dict(element.attributes).items()
    ]


def find(root: Element | str, name: str, **attributes: str) -> Element:
    found = find_all(root, name, **attributes)
    assert len(found) == 1, f"{len(found)} <{name} {attributes}> on the page"
    return found[0]


def text(element: Element) -> str:
    """The text inside, whitespace collapsed."""
    parts = [child if isinstance(child, str) else text(child) for child in element.children]
    return " ".join(" ".join(parts).split())


def meta_tags(html: str) -> dict[str, str]:
    """`<meta property|name=… content=…>` of the page's head, by property or name (each must occur once)."""
    found: dict[str, str] = {}
    for meta in find_all(find(html, "head"), "meta"):
        attributes = dict(meta.attributes)
        key = attributes.get("property") or attributes.get("name")
        if key:
            assert key not in found, f"{key} twice"
            found[key] = attributes.get("content", "")
    return found


def canonical_links(html: str) -> list[str]:
    return [dict(link.attributes)["href"] for link in find_all(html, "link", rel="canonical")]


class _HeadScripts(HTMLParser):
    def __init__(self, script_type: str) -> None:
        super().__init__()
        self.script_type = script_type
        self.texts: list[str] = []
        self._in_head = self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_head = self._in_head or tag == "head"
        self._in_script = self._in_head and tag == "script" and dict(attrs).get("type") == self.script_type
        if self._in_script:
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_head = self._in_head and tag != "head"
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.texts[-1] += data


def head_scripts(html: str, script_type: str) -> list[str]:
    """The text of each `<script type=…>` in the page's head, exactly as written."""
    parser = _HeadScripts(script_type)
    parser.feed(html)
    parser.close()
    return parser.texts

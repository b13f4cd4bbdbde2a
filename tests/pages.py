"""A page's HTML as a tree of elements, read with the standard library's parser, for tests that look inside it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    @property
    def text(self) -> str:
        """The text inside, whitespace collapsed; a <script>'s raw content as it is."""
        if self.tag == "script":
            return "".join(child for child in self.children if isinstance(child, str))
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return " ".join(" ".join(parts).split())

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self) -> Iterator[Element]:
        for child in self.elements:
            yield child
            yield from child.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        """Elements named `tag` with the attributes given (`class_` for class, `http_equiv` for http-equiv)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if element.tag == tag and all(element.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag} {attrs}> on the page"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if any(element.tag == tag for element in self.open[1:]):
            while self.open.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def meta_tags(html: str) -> dict[str, str]:
    """`<meta property|name=… content=…>` of the page's head, by property or name (each must occur once)."""
    found: dict[str, str] = {}
    for meta in parse(html).find("head").find_all("meta"):
        key = meta.attrs.get("property") or meta.attrs.get("name")
        if key:
            assert key not in found, f"{key} twice"
            found[key] = meta.attrs.get("content", "")
    return found


def canonical_links(html: str) -> list[str]:
    return [link.attrs["href"] for link in parse(html).find_all("link", rel="canonical")]

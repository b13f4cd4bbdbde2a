import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tokens import PARTICLES

SNIPPET_LENGTH = 140
_PARTICLE = "|".join(map(re.escape, PARTICLES))
LEAD_IN = 40


def _pattern(mark: str) -> str:
    """Hangul anywhere (메타 in 메타의) but a single syllable only as a word of its own; a Latin word or number
    only whole, as search matched it (ai, not in said)."""
    if re.fullmatch("[0-9a-z]+", mark):
        return f"(?<![0-9a-z]){re.escape(mark)}(?![0-9a-z])"
    pattern = re.sub(r"(\d)(?=\d)", r"\1,?", re.escape(mark))  # 1400 marks 1,400 too
    if len(mark) == 1 and "가" <= mark <= "힣":
        # A single syllable is a word of its own, perhaps with a particle (금, 금은; not 기준금리, 금세, 가수).
        return f"(?<![\uac00-\ud7a3]){pattern}(?=(?:{_PARTICLE})?(?![\uac00-\ud7a3]))"
    return pattern


def _finder(marks: list[str]) -> re.Pattern | None:
    ordered = sorted(marks, key=len, reverse=True)
    return re.compile("|".join(_pattern(mark) for mark in ordered), re.I) if marks else None


def _marked(text: str, found: re.Pattern | None) -> str:
    html, position = [], 0
    for match in found.finditer(text) if found else ():
        html.append(escape(text[position : match.start()]))
        html.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    html.append(escape(text[position:]))
    return "".join(html)


def marked(text: str, marks: list[str]) -> SafeString:
    """All of `text` (a headline), each occurrence of `marks` in <mark>, everything else escaped."""
    return mark_safe(_marked(text, _finder(marks)))


def teaser_text(summary: str, body: str) -> str:
    """What a result's snippet is cut from: the summary and the body, or the body alone when it opens with the
    summary (many a summary is the first sentence), so that no sentence is shown twice."""
    summary, body = " ".join(summary.split()), " ".join(body.split())
    return body if not summary or body.startswith(summary) else f"{summary} {body}"


def snippet(text: str, marks: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """A piece of `text` around the first of `marks`, each occurrence in <mark>, everything else escaped."""
    found = _finder(marks)
    first = found.search(text) if found else None
    start = 0
    if first and first.start() > LEAD_IN:
        start = first.start() - LEAD_IN
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + _marked(text[start : start + length], found) + suffix)

"""An article's history: each save a revision of its own (django-reversion), and for the admin what each revision
changed, as an escaped word diff."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from .html import plain_text

# The fields an editor cares about, in the order the change form shows them.
TRACKED = [
    ("headline", "제목"),
    ("subheadline", "부제"),
    ("section_id", "섹션"),
    ("series_id", "연재"),
    ("summary", "요약"),
    ("body", "본문"),
    ("lead_photo_id", "대표 사진"),
    ("video_youtube_id", "유튜브 영상"),
    ("status", "상태"),
    ("published_at", "출고 시각"),
    ("ends_at", "출고 종료"),
    ("review_note", "데스크 메모"),
]


def save_in_revision(article, user, comment: str, *, save: Callable[[], None] | None = None) -> None:
    """Save `article` as `user` in a revision of its own, with `comment`: one entry in its history. `save` does the
    saving when given (`article.publish`, which checks before it saves)."""
    article.updated_by = user
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        (save or article.save)()


@dataclass
class Entry:
    version: Version
    changes: list[tuple[str, SafeString]] = field(default_factory=list)


def word_diff(old: str, new: str) -> SafeString:
    """`old` → `new` word by word, removed words in <del>, added ones in <ins>; every word escaped."""
    before, after = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(after[j1:j2])))
    return mark_safe(" ".join(parts))


def _shown(name: str, value, names: dict[str, dict]) -> str:
    if value in (None, ""):
        return "(없음)"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if name in names:
        return names[name].get(value, f"#{value}")
    if name == "body":
        return plain_text(value)
    return str(value)


def history(versions: list[Version], names: dict[str, dict]) -> list[Entry]:
    """One entry per version, oldest first, each with the tracked fields that differ from the one before."""
    entries, previous = [], None
    for version in versions:
        fields = version.field_dict
        entry = Entry(version)
        for name, label in TRACKED:
            new = _shown(name, fields.get(name), names)
            old = _shown(name, previous.get(name), names) if previous is not None else None
            if old is None:
                continue
            if old != new:
                entry.changes.append((label, word_diff(old, new)))
        entries.append(entry)
        previous = fields
    return entries

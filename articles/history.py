"""An article's history: each save a revision of its own (django-reversion), and for the admin what each revision
changed, as an escaped word diff."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from newsroom.korean import korean_name, with_particle

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
# What restoring an old revision leaves as it is now: the desk's release decision (a live story stays live, with
# its release and end times), and who made the article and when it was last saved (the stale-save check).
KEPT_ON_RESTORE = [
    "status", "published_at", "ends_at", "review_note", "created_by_id", "created_at", "updated_at", "updated_by_id",
]  # fmt: skip
# What it brings back, beside the bylines and related picks.
RESTORED = [(name, label) for name, label in TRACKED if name not in KEPT_ON_RESTORE]


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

    @property
    def who(self) -> str:
        user = self.version.revision.user
        return korean_name(user) if user else "—"

    @property
    def comment(self) -> str:
        """The history line saved with the revision, in Korean (older ones kept Django's list of changed fields)."""
        comment = self.version.revision.comment
        return korean_change_message(comment) if comment else ""


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
        entries.append(Entry(version, differences(previous, fields, names) if previous is not None else []))
        previous = fields
    return entries


def differences(old: dict, new: dict, names: dict[str, dict]) -> list[tuple[str, SafeString]]:
    """The tracked fields that differ between two saved versions' fields, each as a word diff."""
    changes = []
    for name, label in TRACKED:
        before, after = _shown(name, old.get(name), names), _shown(name, new.get(name), names)
        if before != after:
            changes.append((label, word_diff(before, after)))
    return changes


def display_names(field_dicts: list[dict]) -> dict[str, dict]:
    """How the ids in these saved versions read: section and series names, state labels, photos' alt texts."""
    from photos.models import Photo

    from .models import Article, Section, Series

    photos = {fields.get("lead_photo_id") for fields in field_dicts} - {None}
    return {
        "section_id": dict(Section.objects.values_list("pk", "name")),
        "series_id": dict(Series.objects.values_list("pk", "name")),
        "status": dict(Article.Status.choices),
        "lead_photo_id": dict(Photo.objects.filter(pk__in=photos).values_list("pk", "alt_text")),
    }


def restore_diff(article, version: Version) -> list[tuple[str, SafeString]]:
    """What restoring `version` would change in `article` as it is now, field by field: the words now in <del>, the
    words the revision brings back in <ins>."""
    from .models import Byline, RelatedPick, Reporter

    now = {name: getattr(article, name) for name, _ in RESTORED}
    then = version.field_dict
    names = display_names([now, then])
    changes = []
    for name, label in RESTORED:
        old, new = _shown(name, now.get(name), names), _shown(name, then.get(name), names)
        if old != new:
            changes.append((label, word_diff(old, new)))
    parts = {Byline: [], RelatedPick: []}
    for part in Version.objects.filter(revision_id=version.revision_id).select_related("content_type"):
        model = part.content_type.model_class()
        if model in parts:
            parts[model].append(part.field_dict)
    reporters = {fields["reporter_id"] for fields in parts[Byline]}
    reporter_names = dict(Reporter.objects.filter(pk__in=reporters).values_list("pk", "name"))
    then_bylines = [reporter_names.get(f["reporter_id"], "(지운 기자)") for f in sorted(parts[Byline], key=_position)]
    now_bylines = [byline.reporter.name for byline in article.bylines.select_related("reporter")]
    if now_bylines != then_bylines:
        changes.append(("기자", word_diff("·".join(now_bylines) or "(없음)", "·".join(then_bylines) or "(없음)")))
    picked = {fields["to_article_id"] for fields in parts[RelatedPick]}
    headlines = dict(type(article).objects.filter(pk__in=picked).values_list("pk", "headline"))
    then_picks = [headlines.get(f["to_article_id"], "(지운 기사)") for f in sorted(parts[RelatedPick], key=_position)]
    now_picks = [pick.to_article.headline for pick in article.related_picks.select_related("to_article")]
    if now_picks != then_picks:
        changes.append(("관련기사", word_diff(" / ".join(now_picks) or "(없음)", " / ".join(then_picks) or "(없음)")))
    return changes


def _position(fields: dict) -> tuple:
    return (fields.get("position", 0), fields.get("id", 0))


def korean_change_message(message: list | str) -> str:
    """The admin's record of a save (Django's list of changed fields and added, changed and deleted parts) as a
    Korean sentence with the right particles: "제목, 본문을 고쳤습니다. 바이라인 ‘김하늘’을 추가했습니다."."""
    if isinstance(message, str):
        if not message.startswith("["):
            return message
        message = json.loads(message)
    sentences = []
    for item in message:
        if "added" in item:
            added = item["added"]
            sentences.append(
                f"{added['name']} {_object(added['object'], '을/를')} 추가했습니다." if added else "새로 작성했습니다."
            )
        elif "changed" in item:
            changed = item["changed"]
            fields = ", ".join(changed.get("fields", []))
            if "object" in changed:
                sentences.append(
                    f"{changed['name']} ‘{changed['object']}’의 {with_particle(fields, '을/를')} 고쳤습니다."
                )
            elif fields:
                sentences.append(f"{with_particle(fields, '을/를')} 고쳤습니다.")
        elif "deleted" in item:
            deleted = item["deleted"]
            sentences.append(f"{deleted['name']} {_object(deleted['object'], '을/를')} 삭제했습니다.")
    return " ".join(sentences) or "바뀐 내용 없이 저장했습니다."


def _object(name: str, particles: str) -> str:
    return with_particle(f"‘{name}’", particles)


@dataclass
class SaveAction:
    """What a save of the article form did, for its history line and for the message its saver reads."""

    name: str  # 저장, 데스크에 넘김, 출고, 예약 출고, 반려, 출고 취소, 되돌리기
    message: str
    restored: bool = False


def _to_the_second(moment):
    return moment.replace(microsecond=0) if moment else moment


def save_action(
    before: dict | None, article, restored_version: Version | None = None, recovered: bool = False
) -> SaveAction:
    """Name the save of `article` whose state was `before` (None for a new article): the desk's decisions and the
    reporter's filing each have their own words; everything else is a plain 저장."""
    title = f"‘{article.display_headline}’"
    if recovered:
        return SaveAction("되살리기", f"삭제된 기사 {with_particle(title, '을/를')} 되살렸습니다.")
    if restored_version is not None:
        when = f"{timezone.localtime(restored_version.revision.date_created):%Y-%m-%d %H:%M}"
        return SaveAction(
            "되돌리기",
            f"{with_particle(title, '을/를')} {when} 판의 글로 되돌렸습니다. 출고 상태와 시각은 그대로입니다.",
            restored=True,
        )
    Status = type(article).Status
    was = before["status"] if before else None
    # The form shows the release time to the second: a save that keeps what it shows has not moved the release.
    moved_release = before is not None and _to_the_second(before["published_at"]) != _to_the_second(
        article.published_at
    )
    if article.status == Status.PUBLISHED and (was != Status.PUBLISHED or moved_release):
        if article.is_scheduled:
            at = timezone.localtime(article.published_at)
            when = f"{at.month}월 {at.day}일 {at:%H:%M}"
            return SaveAction("예약 출고", f"{with_particle(title, '을/를')} {when}에 출고되도록 예약했습니다.")
        return SaveAction("출고", f"{with_particle(title, '을/를')} 출고했습니다. 지금 독자에게 보입니다.")
    if article.status != was:
        if article.status == Status.SUBMITTED:
            return SaveAction(
                "데스크에 넘김",
                f"{with_particle(title, '을/를')} 데스크에 넘겼습니다. 데스크가 출고하거나 반려하면 알려 드립니다.",
            )
        if article.status == Status.RETURNED:
            return SaveAction("반려", f"{with_particle(title, '을/를')} 반려했습니다. 기자가 데스크 메모를 봅니다.")
        if article.status == Status.WITHDRAWN:
            return SaveAction("출고 취소", f"{title}의 출고를 취소했습니다. 독자에게 더 이상 보이지 않습니다.")
        if article.status == Status.DRAFT and was is not None:
            return SaveAction("작성중으로 되돌림", f"{with_particle(title, '을/를')} 작성중으로 되돌렸습니다.")
    return SaveAction("저장", f"{with_particle(title, '을/를')} 저장했습니다.")


def kept_edit_diff(kept) -> list[tuple[str, SafeString]]:
    """What applying the kept edit would change in its article as it is now: the article's words in <del>, the kept
    ones in <ins>; an empty list when they are the same."""
    article = kept.article
    fields = [
        ("제목", article.headline, kept.headline or article.headline),
        ("부제", article.subheadline, kept.subheadline),
        ("요약", article.summary, kept.summary),
        ("본문", plain_text(article.body), plain_text(kept.body)),
    ]
    return [(label, word_diff(now, then)) for label, now, then in fields if now != then]

"""No lost edits: an advisory lock that tells editors who else has an article open, and the kept copy of a save
that is refused (the article form, articles.forms.ArticleForm, refuses a save made over someone else's newer one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.utils import timezone

from newsroom.korean import korean_name as display_name

from .models import Article, EditLock, KeptEdit

LOCK_SECONDS = 90  # the open form refreshes it every 30 s, so a closed tab frees it within this
HEARTBEAT_SECONDS = 30


@dataclass
class LockState:
    held_by_me: bool
    holder: str
    others: list[str]

    @property
    def message(self) -> str:
        if not self.held_by_me:
            return f"{self.holder} 님이 편집 중입니다. 먼저 저장된 내용이 있으면 내 저장은 거절되고 따로 보관됩니다."
        if self.others:
            return f"{', '.join(self.others)} 님도 이 기사를 열었습니다."
        return ""

    def as_json(self) -> dict:
        return {"held_by_me": self.held_by_me, "holder": self.holder, "message": self.message}


@transaction.atomic
def touch(article: Article, user, now: datetime | None = None) -> LockState:
    """Take or refresh the lock if it is free, expired or mine; otherwise note that `user` is looking too."""
    now = now or timezone.now()
    lock = EditLock.objects.select_for_update().filter(article=article).select_related("user").first()
    if lock is None or lock.expires_at <= now or lock.user_id == user.pk:
        lock, _ = EditLock.objects.update_or_create(
            article=article, defaults={"user": user, "expires_at": now + timedelta(seconds=LOCK_SECONDS)}
        )
        other_is_here = lock.other_user_id and lock.other_user_id != user.pk and lock.other_seen_at
        if other_is_here and lock.other_seen_at > now - timedelta(seconds=LOCK_SECONDS):
            return LockState(True, display_name(user), [display_name(lock.other_user)])
        return LockState(True, display_name(user), [])
    lock.other_user, lock.other_seen_at = user, now
    lock.save(update_fields=["other_user", "other_seen_at"])
    return LockState(False, display_name(lock.user), [])


@transaction.atomic
def take_over(article: Article, user, now: datetime | None = None) -> str:
    """Take the lock from whoever holds it, and write the takeover into the article's admin log."""
    now = now or timezone.now()
    lock = EditLock.objects.select_for_update().filter(article=article).select_related("user").first()
    previous = display_name(lock.user) if lock and lock.user_id != user.pk and lock.expires_at > now else ""
    EditLock.objects.update_or_create(
        article=article,
        defaults={
            "user": user,
            "expires_at": now + timedelta(seconds=LOCK_SECONDS),
            "other_user": lock.user if previous else None,
            "other_seen_at": now if previous else None,
        },
    )
    if previous:
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[article],
            action_flag=CHANGE,
            change_message=f"편집 잠금을 {previous} 님에게서 넘겨받음",
            single_object=True,
        )
    return previous


def release(article: Article, user) -> None:
    EditLock.objects.filter(article=article, user=user).delete()


def keep_refused(article: Article, user, posted) -> KeptEdit:
    """Keep the text of a save that is not going to be made."""
    return KeptEdit.objects.create(
        article=article,
        user=user,
        headline=posted.get("headline", "")[:200],
        subheadline=posted.get("subheadline", "")[:300],
        summary=posted.get("summary", ""),
        body=posted.get("body", ""),
    )

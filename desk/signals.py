"""What the desk did to an article, read from each save: the state before (pre_save) against the state saved
(post_save), so that the change form, the bulk actions (each article saved by itself) and any code that saves an
article are all seen. A transition stamps the article (DeskStamp) and notifies its people in the same transaction.

Bylines are saved after their article by the admin's forms: a reporter put on the byline in the very save that
releases the article is notified when their byline is saved, while that save's transaction is still open.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article, Byline, Reporter

from .models import DeskStamp, Notification

logger = logging.getLogger(__name__)

Kind = Notification.Kind


@dataclass
class Transition:
    kind: str
    actor_id: int | None
    notified: set[int] = field(default_factory=set)


def state_of(status: str, published_at: datetime | None, now: datetime) -> str | None:
    """The state a notification speaks of, or None for the states nobody is told about."""
    if status == Article.Status.RETURNED:
        return Kind.RETURNED
    if status == Article.Status.PUBLISHED:
        return Kind.SCHEDULED if published_at is not None and published_at > now else Kind.RELEASED
    return None


def transition(before: tuple[str, datetime | None] | None, article: Article, now: datetime) -> str | None:
    """What this save did, if anything to tell: returned, released (also a scheduled one brought forward to now) or
    scheduled (also moved to another time). Editing an article that stays as it was tells nobody."""
    new = state_of(article.status, article.published_at, now)
    if new is None:
        return None
    old = state_of(*before, now) if before is not None else None
    if new != old:
        return new
    if new == Kind.SCHEDULED and before[1] != article.published_at:
        return new
    return None


@receiver(pre_save, sender=Article, dispatch_uid="desk-before-save")
def _remember_state(sender, instance: Article, raw: bool = False, using: str = "default", **kwargs) -> None:
    instance._desk_before = None
    instance._desk_transition = None
    if raw or instance.pk is None:
        return
    rows = Article.objects.using(using).filter(pk=instance.pk)
    if transaction.get_connection(using).in_atomic_block:
        # Held to the end of the save's transaction: two editors saving at once see each other's state.
        rows = rows.select_for_update()
    instance._desk_before = rows.values_list("status", "published_at").first()


@receiver(post_save, sender=Article, dispatch_uid="desk-after-save")
def _article_saved(sender, instance: Article, raw: bool = False, using: str = "default", **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, "_desk_before", None)
    now = timezone.now()
    actor_id = instance.updated_by_id
    old_status = before[0] if before is not None else None
    if instance.status != old_status and instance.status in (Article.Status.SUBMITTED, Article.Status.RETURNED):
        _stamp(instance, actor_id, now, using)
    kind = transition(before, instance, now)
    if kind is None:
        return
    change = Transition(kind, actor_id)
    instance._desk_transition = change
    recipients = set(
        Reporter.objects.using(using)
        .filter(bylines__article_id=instance.pk, user__isnull=False, user__is_active=True)
        .values_list("user_id", flat=True)
    )
    if instance.created_by_id:
        recipients.add(instance.created_by_id)
    _notify(instance, change, recipients, using)
    # Only bylines saved in this same transaction belong to this transition.
    transaction.on_commit(lambda: setattr(instance, "_desk_transition", None), using=using)


@receiver(post_save, sender=Byline, dispatch_uid="desk-byline-saved")
def _byline_saved(sender, instance: Byline, raw: bool = False, using: str = "default", **kwargs) -> None:
    if raw or not Byline.article.is_cached(instance):
        return  # a byline saved on its own, not alongside the article's save
    change = getattr(instance.article, "_desk_transition", None)
    if change is None:
        return
    user_id = Reporter.objects.using(using).filter(pk=instance.reporter_id, user__is_active=True)
    user_id = user_id.values_list("user_id", flat=True).first()
    if user_id:
        _notify(instance.article, change, {user_id}, using)


def _stamp(article: Article, actor_id: int | None, now: datetime, using: str) -> None:
    if article.status == Article.Status.SUBMITTED:
        values = {"submitted_at": now, "submitted_by_id": actor_id}
    else:
        values = {"returned_at": now, "returned_by_id": actor_id}
    DeskStamp.objects.using(using).update_or_create(article_id=article.pk, defaults=values)


def _notify(article: Article, change: Transition, recipients: set[int], using: str) -> None:
    """Notify `recipients` not yet told of `change`, never the person who made it."""
    recipients = recipients - change.notified - {change.actor_id}
    if not recipients:
        return
    change.notified |= recipients
    note = article.review_note if change.kind == Kind.RETURNED else ""
    published_at = article.published_at if change.kind != Kind.RETURNED else None
    created = Notification.objects.using(using).bulk_create(
        Notification(
            recipient_id=user_id,
            article=article,
            kind=change.kind,
            note=note,
            published_at=published_at,
            actor_id=change.actor_id,
        )
        for user_id in sorted(recipients)
    )
    if settings.DESK_NOTIFY_EMAIL:
        ids = [notification.pk for notification in created]
        # After the commit (a rolled back save notifies nobody), and a mail that fails is only logged.
        transaction.on_commit(lambda: mail_notifications(ids), using=using, robust=True)


def mail_notifications(ids: list[int]) -> int:
    """Mail each notification to its recipient who has an e-mail address; how many went out."""
    sent = 0
    for notification in Notification.objects.filter(pk__in=ids).select_related("recipient", "article__series"):
        address = notification.recipient.email
        if not address:
            continue
        body = notification.message
        if notification.note:
            body += f"\n\n데스크 메모:\n{notification.note}"
        try:
            send_mail(f"[{settings.SITE_NAME}] {notification.message}", body, None, [address])
        except Exception:
            logger.warning("notification %s not mailed", notification.pk, exc_info=True)
        else:
            sent += 1
    return sent

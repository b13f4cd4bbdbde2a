"""The desk's own records: when an article last went to the desk or came back from it, and the notifications its
reporters get when the desk returns, releases or schedules their work."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles.models import Article


class DeskStamp(models.Model):
    """When an article last went to the desk (데스크 대기 since then) and when and by whom it was last returned.

    Kept here rather than read from `updated_at`, which any later save moves on: a typo the desk fixes while the
    article waits must not reset its waiting time."""

    article = models.OneToOneField(
        Article, verbose_name="기사", on_delete=models.CASCADE, primary_key=True, related_name="desk_stamp"
    )
    submitted_at = models.DateTimeField("데스크에 넘긴 시각", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="넘긴 사람",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_at = models.DateTimeField("반려한 시각", null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="반려한 사람",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "데스크 처리 기록"
        verbose_name_plural = "데스크 처리 기록"

    def __str__(self) -> str:
        return str(self.article_id)


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def for_user(self, user) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def for_display(self) -> NotificationQuerySet:
        """What a notice shows, and only that: the article's headline (with its 연재 prefix), never its body."""
        shown = ["kind", "note", "published_at", "created_at", "article__headline", "article__series__name"]
        return self.select_related("article__series").only(*shown).order_by("-created_at", "-pk")

    def mark_read(self, now=None) -> int:
        return self.unread().update(read_at=now or timezone.now())


class Notification(models.Model):
    class Kind(models.TextChoices):
        RETURNED = "returned", "반려"
        RELEASED = "released", "출고"
        SCHEDULED = "scheduled", "예약 출고"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="받는 사람", on_delete=models.CASCADE, related_name="desk_notifications"
    )
    article = models.ForeignKey(Article, verbose_name="기사", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("종류", max_length=16, choices=Kind.choices)
    note = models.TextField("데스크 메모", blank=True, help_text="반려할 때 데스크가 남긴 말")
    published_at = models.DateTimeField("출고 시각", null=True, blank=True, help_text="출고·예약 출고의 시각")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="처리한 사람",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("알림 시각", default=timezone.now)
    read_at = models.DateTimeField("읽은 시각", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "알림"
        verbose_name_plural = "알림"
        indexes = [
            # Every admin page reads the user's unread ones, newest first: a small index, as most are read.
            models.Index(
                fields=["recipient", "-created_at"], condition=Q(read_at__isnull=True), name="desk_notification_unread"
            ),
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        # "기사" ends in a vowel: 기사가, 기사를.
        headline = self.article.display_headline
        if self.kind == self.Kind.RETURNED:
            return f"‘{headline}’ 기사가 반려되었습니다."
        if self.kind == self.Kind.SCHEDULED:
            return f"‘{headline}’ 기사가 {moment_text(self.published_at)}에 출고되도록 예약되었습니다."
        return f"‘{headline}’ 기사가 출고되었습니다."


WEEKDAYS = "월화수목금토일"


def moment_text(moment) -> str:
    """`12월 3일(목) 06:00` in the site's time zone."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local.month}월 {local.day}일({WEEKDAYS[local.weekday()]}) {local:%H:%M}"

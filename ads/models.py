"""Banners in named slots of the public pages, within their dates and with their weights, and their daily counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import connection, models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import validate_plausible_time
from caching import versions
from caching.versions import content_changed
from newsroom.rows import concrete_fields, model_from_row
from newsroom.site import public_url


def image_size(image) -> tuple[int | None, int | None]:
    """An image file's (width, height) from its header, or (None, None) when it cannot be read: a file gone
    missing or not an image is one banner without a reserved box, not a failed save."""
    if not image:
        return None, None
    try:
        return image.width, image.height
    except (OSError, ValueError, TypeError):
        return None, None


class BannerQuerySet(models.QuerySet):
    def live(self, now: datetime | None = None) -> BannerQuerySet:
        now = now or timezone.now()
        return self.filter(is_active=True, starts_at__lte=now).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))

    def with_totals(self) -> BannerQuerySet:
        return self.annotate(
            impression_total=Coalesce(Sum("stats__impressions"), 0), click_total=Coalesce(Sum("stats__clicks"), 0)
        )


class Banner(models.Model):
    class Slot(models.TextChoices):
        SITE_TOP = "site_top", "모든 페이지 상단"
        HOME_MIDDLE = "home_middle", "홈 중간"
        HOME_SIDE = "home_side", "홈 오른쪽"
        ARTICLE_TOP = "article_top", "기사 제목 위"
        ARTICLE_SIDE = "article_side", "기사 옆"
        ARTICLE_INLINE = "article_inline", "기사 본문 중간 (문단 사이)"
        ARTICLE_BOTTOM = "article_bottom", "기사 본문 아래"

    name = models.CharField("관리용 이름", max_length=100, help_text="광고주와 캠페인 (독자에게는 보이지 않습니다)")
    slot = models.CharField("위치", max_length=32, choices=Slot.choices)
    image = models.ImageField("이미지", upload_to="banners/%Y/%m/")
    link_url = models.URLField(
        "연결 주소",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="http:// 또는 https://로 시작하는 주소",
    )
    alt_text = models.CharField("대체 텍스트", max_length=200, help_text="이미지를 볼 수 없는 독자에게 읽어 주는 문구")
    starts_at = models.DateTimeField("게재 시작", default=timezone.now, validators=[validate_plausible_time])
    ends_at = models.DateTimeField(
        "게재 종료",
        null=True,
        blank=True,
        validators=[validate_plausible_time],
        help_text="비워 두면 끄기 전까지 게재합니다.",
    )
    weight = models.PositiveSmallIntegerField(
        "노출 비중",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="같은 위치에 배너가 여럿이면 이 비중에 비례해 번갈아 보입니다 (1–100).",
    )
    is_active = models.BooleanField("게재", default=True)
    # The image's size in pixels, read from its file when the banner is saved: a page reserves the banner's box
    # with it before the image arrives. Empty when the file could not be read (no box is reserved).
    image_width = models.PositiveIntegerField("이미지 너비", null=True, editable=False)
    image_height = models.PositiveIntegerField("이미지 높이", null=True, editable=False)

    objects = BannerQuerySet.as_manager()

    class Meta:
        db_table = "articles_banner"  # where the banners lived before ads had an app of its own
        ordering = ["slot", "-starts_at"]
        verbose_name = "배너"
        verbose_name_plural = "배너"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")), name="banner_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="banner_weight_range"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "image" in update_fields:
            self.image_width, self.image_height = image_size(self.image)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "image_width", "image_height"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "게재 종료는 게재 시작보다 뒤여야 합니다."})

    @property
    def size(self) -> tuple[int, int] | None:
        """The image's (width, height), or None when its file could not be read."""
        if self.image_width and self.image_height:
            return self.image_width, self.image_height
        return None

    def get_click_url(self) -> str:
        return public_url("ads:click", self.pk)

    def daily_stats(self, days: int) -> list[tuple[date, int, int]]:
        """(day, impressions, clicks) of the last `days` days that had any, newest first."""
        since = timezone.localdate() - timedelta(days=days - 1)
        rows = (
            self.stats.filter(day__gte=since)
            .values("day")
            .annotate(shown=Sum("impressions"), clicked=Sum("clicks"))
            .order_by("-day")
        )
        return [(row["day"], row["shown"], row["clicked"]) for row in rows]


class BannerStat(models.Model):
    """Impressions and clicks of a banner on a day (Asia/Seoul), spread over a few rows to spare row locks."""

    banner = models.ForeignKey(Banner, on_delete=models.CASCADE, related_name="stats")
    day = models.DateField("날짜")
    shard = models.PositiveSmallIntegerField()
    impressions = models.PositiveBigIntegerField("노출", default=0, db_default=0)
    clicks = models.PositiveBigIntegerField("클릭", default=0, db_default=0)

    class Meta:
        db_table = "articles_bannerstat"
        verbose_name = "배너 통계"
        verbose_name_plural = "배너 통계"
        constraints = [models.UniqueConstraint(fields=["banner", "day", "shard"], name="banner_stat_bucket")]

    def __str__(self) -> str:
        return f"{self.banner_id} {self.day}"


@receiver(post_save, sender=Banner, dispatch_uid="ads-banner-changed")
@receiver(post_delete, sender=Banner, dispatch_uid="ads-banner-deleted")
def _banner_changed(sender, instance: Banner, raw: bool = False, **kwargs) -> None:
    """Every page lists its slots' banners: a new, changed or removed one is on every page at its next request."""
    if not raw:
        content_changed()


def next_start_or_end(now: datetime) -> datetime | None:
    """The first moment after `now` when a banner that is on starts or ends showing, or None."""
    moments = (moment for banner in _showing_or_coming(now) for moment in (banner.starts_at, banner.ends_at))
    return min((moment for moment in moments if moment is not None and moment > now), default=None)


def candidates_for_slots(slots: Iterable[str]) -> dict[str, list[Banner]]:
    """Every live banner of each slot, heaviest first (then oldest): the page lists them all and the reader's
    browser picks one by weight (static/js/banners.js), so the page is the same for everyone. The first is the one
    shown without JavaScript. What `BannerQuerySet.live()` gives, of the banners read for the page."""
    now, wanted = timezone.now(), set(slots)
    by_slot: dict[str, list[Banner]] = defaultdict(list)
    for banner in _showing_or_coming(now):
        if banner.slot in wanted and banner.starts_at <= now and (banner.ends_at is None or banner.ends_at > now):
            by_slot[banner.slot].append(banner)
    return dict(by_slot)


def _showing_or_coming(now: datetime) -> list[Banner]:
    """The banners that are on and have not ended at `now` (those showing and those to come, a few), heaviest
    first, then oldest: read once per page (caching.versions.request_memo) for both the page's slots and its next
    clock change, in one statement written out (as a queryset, built on every page where no cache keeps the
    banner boxes, it cost three times what running it does)."""
    return versions.request_memo("banners", lambda: _read_showing_or_coming(now))


def _read_showing_or_coming(now: datetime) -> list[Banner]:
    fields = concrete_fields(Banner)
    sql = (
        f"SELECT {', '.join(f'b.{connection.ops.quote_name(field.column)}' for field in fields)} "
        f'FROM "{Banner._meta.db_table}" b WHERE b."is_active" = %s AND (b."ends_at" IS NULL OR b."ends_at" > %s) '
        'ORDER BY b."weight" DESC, b."id"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, connection.ops.adapt_datetimefield_value(now)])
        rows = cursor.fetchall()
    return [model_from_row(Banner, "b", fields, row) for row in rows]

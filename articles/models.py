from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property

from newsroom.korean import korean_name
from newsroom.site import public_url

from .html import excerpt, images_without_alt, plain_text, sanitize_body

TEASER_LENGTH = 120
# Enough of a body's start for its teaser's text, with most markup; a body with more markup up front is read whole.
TEASER_SOURCE_CHARS = 8 * TEASER_LENGTH


def validate_plausible_time(value: datetime) -> None:
    """Refuse dates the databases cannot hold once shifted to UTC (year 1) or that can only be typos."""
    if not 1900 <= value.year <= 2999:
        raise ValidationError("1900년부터 2999년 사이의 날짜를 입력하세요.")


class Section(models.Model):
    name = models.CharField("섹션명", max_length=50, unique=True)
    slug = models.SlugField(
        "주소 이름",
        max_length=50,
        unique=True,
        help_text="섹션 페이지 주소에 쓰입니다. 영문 소문자·숫자·하이픈 (예: bigtech)",
    )
    description = models.TextField("소개", blank=True)
    position = models.PositiveSmallIntegerField(
        "표시 순서", default=0, help_text="작은 수가 메뉴와 홈에서 먼저 나옵니다."
    )
    legacy_sec_no = models.PositiveIntegerField(
        "옛 섹션 번호",
        null=True,
        blank=True,
        unique=True,
        help_text="옛 사이트 주소의 sec_no (예: /news/section.html?sec_no=15 이면 15). 옛 링크가 이 섹션으로 옵니다.",
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "섹션"
        verbose_name_plural = "섹션"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return public_url("articles:section", self.slug)


class Series(models.Model):
    name = models.CharField(
        "연재명", max_length=50, unique=True, help_text="기사 제목 앞에 [연재명]으로 붙습니다. 제목에 따로 쓰지 마세요."
    )
    slug = models.SlugField(
        "주소 이름", max_length=50, unique=True, help_text="연재 페이지 주소에 쓰입니다 (예: bigtech-column)"
    )
    section = models.ForeignKey(
        Section, verbose_name="섹션", on_delete=models.SET_NULL, null=True, blank=True, related_name="series"
    )
    description = models.TextField("소개", blank=True)
    is_active = models.BooleanField("연재 중", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "연재"
        verbose_name_plural = "연재"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return public_url("articles:series", self.slug)

    @property
    def prefix(self) -> str:
        return f"[{self.name}]"


class Reporter(models.Model):
    name = models.CharField("이름", max_length=50)
    email = models.EmailField("이메일", blank=True)
    photo = models.ImageField("사진", upload_to="reporters/%Y/", blank=True)
    bio = models.TextField("소개", blank=True)
    is_active = models.BooleanField(
        "재직 중", default=True, help_text="퇴사한 기자는 끄세요. 지난 기사와 기자 페이지는 남습니다."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="로그인 계정",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporter",
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "기자"
        verbose_name_plural = "기자"
        constraints = [
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="unique_reporter_email"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return public_url("articles:reporter", self.pk)


def byline_prefetch() -> Prefetch:
    return Prefetch("bylines", queryset=Byline.objects.select_related("reporter"))


def visible_at(now: datetime) -> Q:
    """What readers may see at `now`, on any model that carries an article's status, published_at and ends_at:
    released, its release time (예약 출고) passed, and its end time (출고 종료), if any, not yet reached."""
    return Q(status=Article.Status.PUBLISHED, published_at__lte=now) & (Q(ends_at__isnull=True) | Q(ends_at__gt=now))


class ArticleQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> ArticleQuerySet:
        """What readers may see, decided at the moment of reading: no job has to flip a flag on time."""
        return self.filter(visible_at(now or timezone.now()))

    def editable_by(self, user) -> ArticleQuerySet:
        """The articles `user` may open in the admin: everything for the desk; for a reporter, what they created
        or are bylined on, plus what is already released (read-only). Other reporters' drafts never."""
        if user.has_perm("articles.publish_article"):
            return self
        own = Q(created_by=user) | Q(pk__in=Byline.objects.filter(reporter__user=user).values("article_id"))
        # Released ones only once readers can see them: an embargoed article stays the desk's until its time.
        return self.filter(own | Q(pk__in=Article.objects.published().values("pk")))

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-pk")

    def for_listing(self) -> ArticleQuerySet:
        """Everything a headline, byline and teaser show, in a fixed number of queries."""
        return self.select_related("section", "series").prefetch_related(byline_prefetch())

    def by_reporter(self, reporter: Reporter) -> ArticleQuerySet:
        return self.filter(pk__in=Byline.objects.filter(reporter=reporter).values("article_id"))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "작성중"
        SUBMITTED = "submitted", "데스크 대기"
        RETURNED = "returned", "반려"
        PUBLISHED = "published", "출고"
        WITHDRAWN = "withdrawn", "출고 취소"

    # The states a reporter may still edit; after submission the article is the desk's.
    REPORTER_EDITABLE = (Status.DRAFT, Status.RETURNED)

    headline = models.CharField("제목", max_length=200, help_text="연재명은 자동으로 [연재명] 형태로 앞에 붙습니다.")
    subheadline = models.CharField("부제", max_length=300, blank=True)
    summary = models.TextField("요약", blank=True, help_text="목록과 공유 미리보기에 쓰이는 한두 문장")
    body = models.TextField(
        "본문", help_text="HTML. 저장할 때 허용된 태그(문단, 소제목, 강조, 링크, 인용, 목록, 사진)만 남습니다."
    )
    section = models.ForeignKey(Section, verbose_name="섹션", on_delete=models.PROTECT, related_name="articles")
    series = models.ForeignKey(
        Series, verbose_name="연재", on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    reporters = models.ManyToManyField(Reporter, through="Byline", verbose_name="기자", related_name="articles")
    status = models.CharField("상태", max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "출고 시각",
        null=True,
        blank=True,
        validators=[validate_plausible_time],
        help_text="비워 두고 출고하면 저장하는 시각이 들어갑니다.",
    )
    ends_at = models.DateTimeField(
        "출고 종료",
        null=True,
        blank=True,
        validators=[validate_plausible_time],
        help_text="이 시각이 지나면 독자에게 보이지 않습니다 (비워 두면 계속 게재).",
    )
    review_note = models.TextField("데스크 메모", blank=True, help_text="반려할 때 기자에게 남기는 말")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="작성자",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("작성 시각", auto_now_add=True)
    updated_at = models.DateTimeField("수정 시각", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="마지막 저장",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    lead_photo = models.ForeignKey(
        "photos.Photo",
        verbose_name="대표 사진",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="사진 설명과 출처(사진=…)는 사진에 적습니다. 출고하려면 대체 텍스트가 있어야 합니다.",
    )
    video_youtube_id = models.CharField(
        "유튜브 영상",
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]{11}$", "유튜브 영상 ID(11자) 또는 영상 주소를 입력하세요.")],
        help_text="영상 주소(https://youtu.be/… 또는 https://www.youtube.com/watch?v=…)를 붙여 넣으면 됩니다. "
        "본문에는 다른 사이트의 영상 삽입 코드를 넣을 수 없습니다.",
    )
    related_articles = models.ManyToManyField(
        "self",
        through="RelatedPick",
        through_fields=("from_article", "to_article"),
        symmetrical=False,
        blank=True,
        verbose_name="관련기사 직접 선택",
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "기사"
        verbose_name_plural = "기사"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_article_has_published_at",
                violation_error_message="출고한 기사에는 출고 시각이 있어야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(published_at__isnull=True) | Q(ends_at__gt=F("published_at")),
                name="article_ends_after_release",
                violation_error_message="출고 종료는 출고 시각보다 뒤여야 합니다.",
            ),
        ]
        permissions = [
            ("publish_article", "기사를 출고·예약·반려·출고 취소할 수 있음 (데스크)"),
            ("delete_published_article", "출고된 기사를 삭제할 수 있음 (관리자)"),
        ]
        indexes = [
            # ends_at is the last key of each so that counting what readers see reads the index alone.
            models.Index(fields=["status", "-published_at", "ends_at"], name="article_published_idx"),
            models.Index(
                fields=["section", "status", "-published_at", "ends_at"], name="article_section_published_idx"
            ),
            models.Index(fields=["series", "status", "-published_at", "ends_at"], name="article_series_published_idx"),
            # The next end time (출고 종료) to come, for the page cache's expiry: few articles have one.
            models.Index(
                fields=["ends_at"],
                condition=Q(status="published", ends_at__isnull=False),
                name="article_ends_idx",
            ),
            # The admin's list, every state, sorted by 출고 시각: its search for a word in most articles walks it.
            models.Index(fields=["-published_at", "-id"], name="article_newest_idx"),
            # The admin's list in its own order, the last change first (built concurrently by its migration).
            models.Index(fields=["-updated_at", "-id"], name="article_changed_idx"),
        ]

    def __str__(self) -> str:
        return self.display_headline

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_body(self.body)
        self._stamp_release()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return public_url("articles:detail", self.id)

    def clean(self) -> None:
        self._stamp_release()
        if self.status == self.Status.RETURNED and not self.review_note.strip():
            raise ValidationError({"review_note": "반려할 때는 기자에게 남길 메모를 적어 주세요."})
        if self.status == self.Status.PUBLISHED:
            if self.lead_photo_id:
                self.lead_photo.validate_for_publication()
            if images_without_alt(self.body):
                raise ValidationError({"body": "본문 사진마다 대체 텍스트(alt)가 있어야 출고할 수 있습니다."})

    def _stamp_release(self) -> None:
        """Releasing with no time given releases now."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def display_headline(self) -> str:
        """The headline as readers see it everywhere: `[연재명] 제목`."""
        return f"{self.series.prefix} {self.headline}" if self.series_id else self.headline

    @property
    def byline_reporters(self) -> list[Reporter]:
        given = self.__dict__.get("_byline_reporters")
        return given if given is not None else [byline.reporter for byline in self.bylines.all()]

    @property
    def byline(self) -> str:
        """`[뉴스스페이스=윤슬·이종화 기자]`, the first line of the body on every article."""
        names = "·".join(reporter.name for reporter in self.byline_reporters)
        return f"[{settings.SITE_NAME}={names} 기자]" if names else f"[{settings.SITE_NAME}]"

    @property
    def teaser(self) -> str:
        # Only the text up to the cut matters: the start of the body, when it holds enough text past the cut (a tag
        # cut in two is left out; a word or an entity cut in two only ends the text, well past the cut).
        if len(self.body) <= TEASER_SOURCE_CHARS:
            return excerpt(plain_text(self.body), TEASER_LENGTH)
        head = self.body[:TEASER_SOURCE_CHARS]
        if head.rfind("<") > head.rfind(">"):
            head = head[: head.rfind("<")]
        start = plain_text(head)
        return excerpt(start if len(start) > TEASER_LENGTH + 20 else plain_text(self.body), TEASER_LENGTH)

    @property
    def was_updated(self) -> bool:
        """Whether to show 수정 next to 입력: edited at least a minute after release."""
        return bool(self.published_at and self.updated_at - self.published_at >= timedelta(minutes=1))

    @property
    def is_scheduled(self) -> bool:
        """Released by the desk for a time still to come (예약 출고)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_visible_now(self) -> bool:
        return self.is_visible_at(timezone.now())

    def is_visible_at(self, now: datetime) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.ends_at is None or self.ends_at > now)
        )

    @property
    def state_label(self) -> str:
        return "예약 출고" if self.is_scheduled else self.get_status_display()

    def can_be_edited_by(self, user) -> bool:
        if user.has_perm("articles.publish_article"):
            return True
        if not user.has_perm("articles.change_article") or self.status not in self.REPORTER_EDITABLE:
            return False
        return self.created_by_id == user.pk or self.bylines.filter(reporter__user=user).exists()

    def can_be_recalled_by(self, user, now: datetime | None = None) -> bool:
        """회수: a reporter may take back what they sent to the desk while the desk has not touched it: no one has
        saved it since they sent it, and no one else has it open."""
        if self.status != self.Status.SUBMITTED or not user.has_perm("articles.change_article"):
            return False
        if self.updated_by_id != user.pk:
            return False
        now = now or timezone.now()
        if EditLock.objects.filter(article=self, expires_at__gt=now).exclude(user=user).exists():
            return False
        return self.created_by_id == user.pk or self.bylines.filter(reporter__user=user).exists()

    def publish(self, at: datetime | None = None) -> None:
        if not self.bylines.exists():
            raise ValidationError("기자를 한 명 이상 지정해야 출고할 수 있습니다.")
        self.status = self.Status.PUBLISHED
        self.published_at = at or self.published_at or timezone.now()
        self.full_clean()  # alt text, end time after release: the same checks as the change form
        self.save()

    def related_count(self) -> int:
        """How many published articles are related (the N of `N건의 관련기사 더보기`): exactly up to
        RELATED_COUNT_LIMIT, RELATED_COUNT_LIMIT + 1 past it ("1,000건 이상").

        Counted as three disjoint sets (the section; the series outside it; picks outside both), each read from
        an index alone: a single count over "section or series or picked" has to visit every row of the section.
        The three counts go to the database as one statement, each stopping at the limit, and the later ones are
        not read once the limit is reached: the series outside a large section would be read row by row.
        """
        now = timezone.now()
        # Written as SQL rather than built from querysets: building and compiling the three took a millisecond of
        # the article page's CPU, four times what running them takes. The same statements Django would write.
        visible, params = visible_sql(now)
        pick_table = RelatedPick._meta.db_table
        # The article itself is subtracted rather than excluded: excluding it would make the database read every
        # row of the section instead of the index alone.
        counts = [(f'{visible} AND "section_id" = %s', [*params, self.section_id])]
        elsewhere, elsewhere_params = f'{visible} AND NOT ("section_id" = %s)', [*params, self.section_id]
        if self.series_id:
            counts.append((f'{elsewhere} AND "series_id" = %s', [*elsewhere_params, self.series_id]))
            elsewhere = f'{elsewhere} AND NOT ("series_id" = %s AND "series_id" IS NOT NULL)'
            elsewhere_params = [*elsewhere_params, self.series_id]
        picked = f'"id" IN (SELECT "to_article_id" FROM "{pick_table}" WHERE "from_article_id" = %s)'
        counts.append((f"{elsewhere} AND {picked}", [*elsewhere_params, self.pk]))
        table = Article._meta.db_table
        statements = [(f'SELECT "id" FROM "{table}" WHERE {where}', where_params) for where, where_params in counts]
        found = sum(_counts(statements, limit=RELATED_COUNT_LIMIT + 2))  # + 2: the article itself is subtracted
        return min(found - self.is_visible_at(now), RELATED_COUNT_LIMIT + 1)

    def set_byline_reporters(self, reporters: list[Reporter]) -> None:
        """Give the article its bylines' reporters as read by hand (`articles.reads`), in place of its bylines."""
        self._byline_reporters = reporters


def visible_sql(now: datetime, table: str | None = None) -> tuple[str, list]:
    """`visible_at(now)` as SQL on the article table (or its alias `table`), with its parameters, for statements
    written by hand."""
    moment = connection.ops.adapt_datetimefield_value(now)
    t = f'{table}."' if table else '"'
    where = f'{t}status" = %s AND {t}published_at" <= %s AND ({t}ends_at" IS NULL OR {t}ends_at" > %s)'
    return where, [Article.Status.PUBLISHED.value, moment, moment]


def _counts(statements: list[tuple[str, list]], limit: int | None = None) -> list[int]:
    """How many rows each `(sql, params)` SELECT gives, in one round trip: `SELECT (SELECT COUNT(*) …), …`.

    With `limit`, each stops counting at `limit`, and a count is made only while the ones before it add up to less
    (else it is 0): `CASE WHEN … THEN 0 ELSE (SELECT COUNT(*) …) END`, whose subquery the database then never runs.
    """
    parts = []
    for sql, part_params in statements:
        if limit is not None:
            sql = f"{sql} LIMIT {int(limit)}"
        parts.append((f"(SELECT COUNT(*) FROM ({sql}) counted)", list(part_params)))
    if limit is None:
        query, params = f"SELECT {', '.join(sql for sql, _ in parts)}", [p for _, ps in parts for p in ps]
    else:
        query, params, columns = f"SELECT {parts[0][0]} AS c0", parts[0][1], ["c0"]
        for number, (sql, part_params) in enumerate(parts[1:], 1):
            so_far = " + ".join(columns)
            query = (
                f"SELECT {', '.join(columns)}, CASE WHEN {so_far} >= {int(limit)} THEN 0 ELSE {sql} END AS c{number} "
                f"FROM ({query}) level{number}"
            )
            params = part_params + params  # this level's subquery comes before the ones it wraps
            columns.append(f"c{number}")
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return list(cursor.fetchone())


# The 관련기사 count stops here ("1,000건 이상의 관련기사 더보기") and the related list holds the first this many:
# counting a section of 98,000 articles took 20 ms, its series outside it 200 ms (docs/performance.md).
RELATED_COUNT_LIMIT = 1_000


class RelatedArticles:
    """The published articles related to one, in the 관련기사 order: its picks in their order, then its series,
    then its section, newest first, never the article itself.

    Read as three index-backed segments instead of one ranked read, which would sort a whole section to find a
    page of it. Paginator-friendly: `count()` and slicing.
    """

    def __init__(self, article: Article) -> None:
        self.article = article

    @cached_property
    def _published(self) -> ArticleQuerySet:
        return Article.objects.published().exclude(pk=self.article.pk).select_related("section", "series")

    def _picks(self) -> ArticleQuerySet:
        picks = self._published.filter(picked_in__from_article=self.article)
        return picks.order_by("picked_in__position", "picked_in__pk")

    @cached_property
    def segments(self) -> list[ArticleQuerySet]:
        article = self.article
        others = self._published.exclude(pk__in=article.related_picks.values("to_article_id")).newest_first()
        segments = [self._picks()]
        if article.series_id:
            segments.append(others.filter(series_id=article.series_id))
            others = others.exclude(series_id=article.series_id)
        segments.append(others.filter(section_id=article.section_id))
        return segments

    @cached_property
    def total(self) -> int:
        return self.article.related_count()

    @property
    def more(self) -> bool:
        """More related articles than the list holds (it holds the first RELATED_COUNT_LIMIT)."""
        return self.total > RELATED_COUNT_LIMIT

    @cached_property
    def sizes(self) -> list[int]:
        # The section segment is what remains of the total, which is counted from indexes alone. A segment is
        # counted only as far as the total goes, in its own order (along its index: a series of 50,000 is not
        # counted to its end).
        total = min(self.total, RELATED_COUNT_LIMIT)
        known = []
        for segment in self.segments[:-1]:
            known.append(min(segment.select_related(None).values("pk")[: total + 1].count(), total - sum(known)))
        return [*known, total - sum(known)]

    def count(self) -> int:
        return sum(self.sizes)

    def __getitem__(self, window: slice) -> list[Article]:
        start, stop = window.start or 0, window.stop if window.stop is not None else self.count()
        found, offset = [], 0
        for segment, size in zip(self.segments, self.sizes, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                found.extend(segment[low:high])
            offset += size
        return self._with_bylines(found)

    @staticmethod
    def _with_bylines(articles: list[Article]) -> list[Article]:
        models.prefetch_related_objects(articles, byline_prefetch())
        return articles


class Byline(models.Model):
    article = models.ForeignKey(Article, verbose_name="기사", on_delete=models.CASCADE, related_name="bylines")
    reporter = models.ForeignKey(Reporter, verbose_name="기자", on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "바이라인"
        verbose_name_plural = "바이라인"
        constraints = [
            models.UniqueConstraint(fields=["article", "reporter"], name="unique_byline"),
        ]
        indexes = [
            # A reporter's articles newest first (by id), so that counting a reporter page to 1,001 reads that many
            # bylines and stops, instead of every one of the reporter's bylines first.
            models.Index(fields=["reporter", "-article"], name="byline_reporter_article_idx"),
        ]

    def __str__(self) -> str:
        return self.reporter.name


class RelatedPick(models.Model):
    from_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_picks")
    to_article = models.ForeignKey(Article, verbose_name="관련기사", on_delete=models.CASCADE, related_name="picked_in")
    position = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "관련기사 직접 선택"
        verbose_name_plural = "관련기사 직접 선택"
        constraints = [
            models.UniqueConstraint(fields=["from_article", "to_article"], name="unique_related_pick"),
            models.CheckConstraint(condition=~Q(from_article=F("to_article")), name="related_pick_not_self"),
        ]

    def __str__(self) -> str:
        return str(self.to_article_id)


class EditLock(models.Model):
    """Who is editing an article right now: advisory (it warns, it does not block) and it expires by itself,
    refreshed by the open change form every half minute."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="edit_lock")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="편집 중인 사람", on_delete=models.CASCADE, related_name="+"
    )
    expires_at = models.DateTimeField("만료 시각")
    # The last other person who opened the article while it was held, so the holder learns of them too.
    other_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    other_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "편집 잠금"
        verbose_name_plural = "편집 잠금"

    def __str__(self) -> str:
        return f"{self.article_id}: {korean_name(self.user)}"


class KeptEdit(models.Model):
    """A save refused because someone else saved first, kept whole so its author can recover it."""

    article = models.ForeignKey(Article, verbose_name="기사", on_delete=models.CASCADE, related_name="kept_edits")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="작성자", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("보관 시각", auto_now_add=True)
    headline = models.CharField("제목", max_length=200, blank=True)
    subheadline = models.CharField("부제", max_length=300, blank=True)
    summary = models.TextField("요약", blank=True)
    body = models.TextField("본문", blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "보관된 편집"
        verbose_name_plural = "보관된 편집 (저장 충돌)"

    def __str__(self) -> str:
        return f"{self.headline} ({korean_name(self.user)}, {timezone.localtime(self.created_at):%m-%d %H:%M})"

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_body(self.body)
        super().save(*args, **kwargs)


class AutosavedCopy(models.Model):
    """What an editor last typed in an article's change form, kept as they type and when they leave the page, so
    that a closed tab or a crash loses nothing. Not a save: the article and its history are left as they are.
    One per editor and article, and one per editor for a new article not saved yet (no article)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="작성자", on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        Article,
        verbose_name="기사",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaved_copies",
        help_text="비어 있으면 아직 저장하지 않은 새 기사입니다.",
    )
    headline = models.CharField("제목", max_length=200, blank=True)
    subheadline = models.CharField("부제", max_length=300, blank=True)
    summary = models.TextField("요약", blank=True)
    body = models.TextField("본문", blank=True)
    loaded_version = models.DateTimeField(
        "불러온 기사의 저장 시각", null=True, blank=True, help_text="양식을 열 때 기사가 마지막으로 저장된 시각"
    )
    saved_at = models.DateTimeField("자동 저장 시각")

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = "자동 저장본"
        verbose_name_plural = "자동 저장본"
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="unique_autosaved_copy"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="unique_autosaved_new_article"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.headline} ({korean_name(self.user)}, {timezone.localtime(self.saved_at):%m-%d %H:%M:%S})"

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_body(self.body)
        super().save(*args, **kwargs)

    def is_worth_offering(self, article: Article | None) -> bool:
        """Whether reopening the form should offer this copy back: for a saved article, only a copy made on its
        last save, after it, and different from it (an older base would undo someone's newer save)."""
        if article is None:
            return True
        if self.loaded_version != article.updated_at or self.saved_at <= article.updated_at:
            return False
        typed = (self.headline, self.subheadline, self.summary, self.body)
        return typed != (article.headline, article.subheadline, article.summary, article.body)

"""The desk dashboard, the admin's home: what waits for the desk, what came back, what goes out when, and what
readers read; for a reporter, their own work. Everything the template shows is read here, in a fixed number of
queries whatever the number of articles (each list one query with its total, their bylines one more)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum, Window, prefetch_related_objects
from django.db.models.functions import Coalesce, TruncDate
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline, byline_prefetch
from audience.counting import hour_of
from audience.models import ArticleViewCount

from .charts import BarChart, stacked_bars
from .models import Notification, moment_text

Status = Article.Status
LIST_LIMIT = 10
POPULAR_LIMIT = 10
HOURS = 24
DAYS = 30
# A wait past this is marked on the dashboard.
LONG_WAIT = timedelta(hours=1)
# Unread notifications shown at the top of an admin page, and on the dashboard, which lists more of them.
NOTICES_ON_PAGES, NOTICES_ON_DASHBOARD = 3, 20
# What no list on the dashboard shows, left in the database.
UNSHOWN = ("body", "summary", "subheadline")


@dataclass
class Row:
    headline: str
    url: str
    section: str
    reporters: str
    state: str
    when: str = ""
    waited: str = ""
    long_wait: bool = False
    note: str = ""


@dataclass
class Block:
    key: str
    title: str
    empty: str
    rows: list[Row]
    total: int
    more_url: str
    when_label: str = ""

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass
class Ranked:
    rank: int
    headline: str
    url: str
    section: str
    views: str
    state: str


@dataclass
class Notices:
    """The user's unread notifications to show, and whether there are more than these."""

    items: list[Notification] = field(default_factory=list)
    more: bool = False
    read_all_url: str = ""


def waited_text(waited: timedelta) -> str:
    """How long something has waited, as the desk says it: `방금`, `35분째`, `2시간 10분째`, `3일 4시간째`."""
    minutes = int(waited.total_seconds() // 60)
    if minutes < 1:
        return "방금"
    if minutes < 60:
        return f"{minutes}분째"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}시간 {minutes}분째" if minutes else f"{hours}시간째"
    days, hours = divmod(hours, 24)
    return f"{days}일 {hours}시간째" if hours else f"{days}일째"


def when_text(moment: datetime | None, now: datetime) -> str:
    """`오늘 14:30`, `내일 06:00`, `어제 22:10`, else `12월 3일(목) 06:00`, in the site's time zone."""
    if moment is None:
        return ""
    local, today = timezone.localtime(moment), timezone.localdate(now)
    names = {today: "오늘", today + timedelta(days=1): "내일", today - timedelta(days=1): "어제"}
    name = names.get(local.date())
    return f"{name} {local:%H:%M}" if name else moment_text(moment)


def day_start(day, tz) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), tz)


def _notices_query(user, limit: int) -> list[Notification]:
    return list(Notification.objects.for_user(user).unread().for_display()[: limit + 1])


def notices(request: HttpRequest) -> Notices:
    """The user's unread notifications for the top of every admin page: one query, once per request."""
    if not request.user.is_authenticated or not request.user.is_staff:
        return Notices()
    kept = getattr(request, "_desk_notices", None)
    if kept is None:
        limit = NOTICES_ON_DASHBOARD if getattr(request, "_desk_on_dashboard", False) else NOTICES_ON_PAGES
        found = _notices_query(request.user, limit)
        kept = Notices(found[:limit], len(found) > limit, reverse("admin:desk_notifications_read"))
        request._desk_notices = kept
    return kept


def _change_url(pk: int) -> str:
    return reverse("admin:articles_article_change", args=[pk])


def _list_url(**filters: str) -> str:
    return reverse("admin:articles_article_changelist") + (f"?{urlencode(filters)}" if filters else "")


def _listed(articles, limit: int = LIST_LIMIT) -> tuple[list[Article], int]:
    """The first `limit` of `articles` and how many there are in all, in one query."""
    shown = articles.select_related("section", "series").defer(*UNSHOWN)
    found = list(shown.annotate(total=Window(Count("pk")))[:limit])
    return found, found[0].total if found else 0


def _row(article: Article, now: datetime, **extra) -> Row:
    reporters = "·".join(reporter.name for reporter in article.byline_reporters)
    return Row(
        headline=article.display_headline,
        url=_change_url(article.pk),
        section=article.section.name,
        reporters=reporters,
        state=article.state_label,
        **extra,
    )


def _waiting_rows(articles: list[Article], now: datetime) -> list[Row]:
    return [
        _row(article, now, waited=waited_text(now - article.since), long_wait=now - article.since >= LONG_WAIT)
        for article in articles
    ]


def _waiting_block(articles: list[Article], total: int, now: datetime) -> Block:
    """데스크 대기, oldest first with how long each has waited: the desk's own, or a reporter's sent work."""
    return Block(
        "waiting",
        "데스크 대기",
        "데스크 대기 기사가 없습니다.",
        _waiting_rows(articles, now),
        total,
        _list_url(status__exact=Status.SUBMITTED),
        "기다린 시간",
    )


def _mine(user) -> Q:
    """What a reporter calls theirs, as the admin's article list does (ArticleQuerySet.editable_by): what they
    created or are bylined on."""
    return Q(created_by=user) | Q(pk__in=Byline.objects.filter(reporter__user=user).values("article_id"))


def _waiting(articles):
    since = Coalesce("desk_stamp__submitted_at", "updated_at")
    return articles.filter(status=Status.SUBMITTED).annotate(since=since).order_by("since", "pk")


def _returned(articles):
    returned = Coalesce("desk_stamp__returned_at", "updated_at")
    return articles.filter(status=Status.RETURNED).annotate(returned=returned).order_by("-returned", "-pk")


def _returned_rows(articles: list[Article], now: datetime) -> list[Row]:
    return [_row(article, now, when=when_text(article.returned, now), note=article.review_note) for article in articles]


def dashboard(request: HttpRequest) -> dict:
    """The dashboard's context: the desk's for those who release (데스크, 관리자), the reporter's for the others."""
    request._desk_on_dashboard = True
    now = timezone.now()
    user = request.user
    context = _desk(user, now) if user.has_perm("articles.publish_article") else _reporter(user, now)
    return {**context, "desk_now": when_text(now, now), "desk_notices": notices(request)}


def _desk(user, now: datetime) -> dict:
    tz = timezone.get_current_timezone()
    articles = Article.objects.all()
    waiting, waiting_total = _listed(_waiting(articles))
    returned_by_me = Q(desk_stamp__returned_by=user) | Q(desk_stamp__returned_at__isnull=True, updated_by=user)
    returned, returned_total = _listed(_returned(articles.filter(returned_by_me)))
    scheduled, scheduled_total = _listed(
        articles.filter(status=Status.PUBLISHED, published_at__gt=now).order_by("published_at", "pk")
    )
    today_start = day_start(timezone.localdate(now), tz)
    released_today = articles.filter(status=Status.PUBLISHED, published_at__gte=today_start, published_at__lte=now)
    today, today_total = _listed(released_today.order_by("-published_at", "-pk"), limit=20)
    _with_bylines([*waiting, *returned, *scheduled, *today])
    blocks = [
        _waiting_block(waiting, waiting_total, now),
        Block(
            "returned",
            "내가 반려한 기사",
            "반려한 기사가 없습니다.",
            _returned_rows(returned, now),
            returned_total,
            _list_url(status__exact=Status.RETURNED),
            "반려 시각",
        ),
        Block(
            "scheduled",
            "예약 출고",
            "예약 출고 기사가 없습니다.",
            [_row(article, now, when=when_text(article.published_at, now)) for article in scheduled],
            scheduled_total,
            _list_url(status__exact=Status.PUBLISHED, published_at__gt=now.isoformat()),
            "출고 예정",
        ),
        Block(
            "today",
            "오늘 출고",
            "오늘 출고한 기사가 없습니다.",
            [_row(article, now, when=f"{timezone.localtime(article.published_at):%H:%M}") for article in today],
            today_total,
            _list_url(status__exact=Status.PUBLISHED),
            "출고 시각",
        ),
    ]
    popular, hourly, hourly_chart = _views(now)
    daily_rows, daily_sections, daily_chart = _releases_by_day(now, tz)
    return {
        "desk_role": "desk",
        "desk_blocks": blocks,
        "desk_popular": popular,
        "desk_hourly": hourly,
        "desk_hourly_chart": hourly_chart,
        "desk_daily": daily_rows,
        "desk_daily_sections": daily_sections,
        "desk_daily_chart": daily_chart,
    }


def _reporter(user, now: datetime) -> dict:
    mine = Article.objects.filter(_mine(user))
    drafts, drafts_total = _listed(mine.filter(status=Status.DRAFT).order_by("-updated_at", "-pk"))
    waiting, waiting_total = _listed(_waiting(mine))
    returned, returned_total = _listed(_returned(mine))
    released, released_total = _listed(mine.filter(status=Status.PUBLISHED).order_by("-published_at", "-pk"))
    _with_bylines([*drafts, *waiting, *returned, *released])
    blocks = [
        Block(
            "returned",
            "반려된 기사",
            "반려된 기사가 없습니다.",
            _returned_rows(returned, now),
            returned_total,
            _list_url(status__exact=Status.RETURNED),
            "반려 시각",
        ),
        Block(
            "drafts",
            "작성 중인 기사",
            "작성 중인 기사가 없습니다.",
            [_row(article, now, when=when_text(article.updated_at, now)) for article in drafts],
            drafts_total,
            _list_url(status__exact=Status.DRAFT),
            "마지막 수정",
        ),
        _waiting_block(waiting, waiting_total, now),
        Block(
            "released",
            "내 출고 기사",
            "출고된 기사가 없습니다.",
            [_row(article, now, when=when_text(article.published_at, now)) for article in released],
            released_total,
            _list_url(status__exact=Status.PUBLISHED),
            "출고 시각",
        ),
    ]
    return {"desk_role": "reporter", "desk_blocks": blocks}


def _with_bylines(articles: list[Article]) -> None:
    """The bylines of every listed article, in one query."""
    prefetch_related_objects(articles, byline_prefetch())


def _views(now: datetime) -> tuple[list[Ranked], list[tuple[str, str]], BarChart]:
    """많이 본 뉴스 of the last 24 hours (the current hour and the 23 before it) with their views, and the views
    of each of those hours: two aggregates over the hours' range of the view counts (no join: a busy day holds
    many rows), and the ten articles' headlines."""
    first = hour_of(now) - timedelta(hours=HOURS - 1)
    recent = ArticleViewCount.objects.filter(hour__gte=first)
    ranked = list(
        recent.values("article_id").annotate(total=Sum("views")).order_by("-total", "-article_id")[:POPULAR_LIMIT]
    )
    shown = Article.objects.select_related("section", "series").defer(*UNSHOWN)
    articles = shown.in_bulk([row["article_id"] for row in ranked])
    popular = []
    for row in ranked:
        article = articles.get(row["article_id"])
        if article is None:  # deleted since
            continue
        state = "" if article.is_visible_at(now) else article.state_label
        popular.append(
            Ranked(
                len(popular) + 1,
                article.display_headline,
                _change_url(article.pk),
                article.section.name,
                f"{row['total']:,}",
                state,
            )
        )
    by_hour = dict(recent.values("hour").annotate(total=Sum("views")).values_list("hour", "total"))
    hours = [first + timedelta(hours=n) for n in range(HOURS)]
    counts = [by_hour.get(hour, 0) for hour in hours]
    names = [f"{timezone.localtime(hour).hour}시" for hour in hours]
    total = sum(counts)
    if total:
        peak = max(range(HOURS), key=lambda n: counts[n])
        summary = f"최근 24시간 조회수 {total:,}회. 가장 많이 본 시간은 {names[peak]} ({counts[peak]:,}회)입니다."
    else:
        summary = "최근 24시간 동안 집계된 조회수가 없습니다."
    chart = stacked_bars(
        "시간대별 조회수", summary, names, [[count] for count in counts], ["조회수"], label_every=3, unit="회"
    )
    return popular, [(name, f"{count:,}") for name, count in zip(names, counts, strict=True)], chart


@dataclass
class DayRow:
    day: str
    counts: list[int]
    total: int


def _releases_by_day(now: datetime, tz) -> tuple[list[DayRow], list[str], BarChart]:
    """Releases of each of the last 30 days (today included, by the site's calendar) by section: one aggregate.
    An article since withdrawn (출고 취소) is not counted, nor a scheduled one before its time."""
    today = timezone.localdate(now)
    days = [today - timedelta(days=n) for n in range(DAYS - 1, -1, -1)]
    counted = (
        Article.objects.filter(status=Status.PUBLISHED, published_at__gte=day_start(days[0], tz), published_at__lte=now)
        .annotate(day=TruncDate("published_at", tzinfo=tz))
        .values("day", "section_id", "section__name", "section__position")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sections: dict[int, tuple] = {}
    counts: dict[tuple, int] = {}
    for row in counted:
        sections[row["section_id"]] = (row["section__position"], row["section__name"])
        counts[(row["day"], row["section_id"])] = row["n"]
    order = sorted(sections, key=lambda pk: sections[pk])
    names = [sections[pk][1] for pk in order]
    rows = []
    for day in days:
        per_section = [counts.get((day, pk), 0) for pk in order]
        rows.append(DayRow(f"{day.month}/{day.day}", per_section, sum(per_section)))
    total = sum(row.total for row in rows)
    if total:
        busiest = max(rows, key=lambda row: row.total)
        summary = (
            f"최근 {DAYS}일 출고 {total:,}건, 하루 평균 {total / DAYS:.1f}건. "
            f"가장 많이 출고한 날은 {busiest.day} ({busiest.total:,}건)입니다."
        )
    else:
        summary = f"최근 {DAYS}일 동안 출고한 기사가 없습니다."
    chart = stacked_bars(
        "일별 출고 (섹션별)", summary, [row.day for row in rows], [row.counts for row in rows], names, label_every=5
    )
    return rows, names, chart

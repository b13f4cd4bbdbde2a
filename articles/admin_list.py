"""The admin article list: its filters, each a menu in the bar above the list (filter_menu.html), and its times."""

from datetime import date, datetime, time, timedelta

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html

from .models import Article, Byline, Reporter

MENU_TEMPLATE = "admin/articles/article/filter_menu.html"
SCHEDULED = "scheduled"
# The longest id a filter takes: past it a number could not be a row's id, and SQLite would overflow on it.
MAX_ID_DIGITS = 18


class StateFilter(admin.SimpleListFilter):
    """The desk's states, with 예약 출고 (released for a time still to come) apart from what readers already see."""

    title = "상태"
    parameter_name = "state"
    template = MENU_TEMPLATE

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        states = [(value, label) for value, label in Article.Status.choices]
        released = [value for value, _ in states].index(Article.Status.PUBLISHED)
        return [*states[:released], (SCHEDULED, "예약 출고"), *states[released:]]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> QuerySet[Article]:
        value = self.value()
        if value is None:
            return queryset
        now = timezone.now()
        if value == SCHEDULED:
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        if value == Article.Status.PUBLISHED:
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
        if value in Article.Status.values:
            return queryset.filter(status=value)
        raise IncorrectLookupParameters(f"no state {value!r}")


class ReporterFilter(admin.SimpleListFilter):
    """Articles with the reporter in their byline. Every reporter is listed from one query, the signed-in one
    first, those who have left last; the menu can be narrowed by typing a name (static/js/article-list.js)."""

    title = "기자"
    parameter_name = "reporter"
    template = MENU_TEMPLATE

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        people = Reporter.objects.order_by("-is_active", "name", "pk").values_list("pk", "name", "is_active", "user_id")
        mine = [(str(pk), f"{name} (나)") for pk, name, _, user_id in people if user_id == request.user.pk]
        others = [
            (str(pk), name if active else f"{name} (퇴사)")
            for pk, name, active, user_id in people
            if user_id != request.user.pk
        ]
        return mine + others

    def queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> QuerySet[Article]:
        value = self.value()
        if value is None:
            return queryset
        if not (value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS):
            raise IncorrectLookupParameters(f"no reporter id {value!r}")
        return queryset.filter(pk__in=Byline.objects.filter(reporter_id=int(value)).values("article_id"))


class ArticleChangeList(ChangeList):
    """The list's page reads what its columns show: a hundred articles' bodies stay in the database. (Bulk actions
    get their articles whole, from get_queryset.)"""

    def get_results(self, request: HttpRequest) -> None:
        self.queryset = self.queryset.defer("body", "summary", "subheadline", "review_note")
        super().get_results(request)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _periods(today: date) -> dict[str, tuple[str, date, date]]:
    """Each period's label and its days, from the first to the one after the last, in the newsroom's time zone."""
    tomorrow = today + timedelta(days=1)
    month = today.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    year = today.replace(month=1, day=1)
    return {
        "today": ("오늘", today, tomorrow),
        "yesterday": ("어제", today - timedelta(days=1), today),
        "week": ("지난 7일", today - timedelta(days=6), tomorrow),
        "month": ("이번 달", month, next_month),
        "year": ("올해", year, year.replace(year=year.year + 1)),
    }


class PeriodFilter(admin.SimpleListFilter):
    """A time field within a period that counts back from today (오늘, 어제, 지난 7일, 이번 달, 올해)."""

    field_name = ""
    template = MENU_TEMPLATE

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [(key, label) for key, (label, _, _) in _periods(timezone.localdate()).items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> QuerySet[Article]:
        value = self.value()
        if value is None:
            return queryset
        periods = _periods(timezone.localdate())
        if value not in periods:
            raise IncorrectLookupParameters(f"no period {value!r}")
        _, first, after = periods[value]
        since, until = f"{self.field_name}__gte", f"{self.field_name}__lt"
        return queryset.filter(**{since: _midnight(first), until: _midnight(after)})


class ChangedFilter(PeriodFilter):
    """When the article was last filed or changed (updated_at)."""

    title = "송고/수정 시각"
    parameter_name = "changed"
    field_name = "updated_at"


class ReleasedFilter(PeriodFilter):
    """When the article is released for readers, 예약 출고 included."""

    title = "출고 시각"
    parameter_name = "released"
    field_name = "published_at"


class MenuRelatedFilter(admin.RelatedFieldListFilter):
    """Django's filter by a related row (섹션, 연재), as a menu of the bar; articles without one are `없음`."""

    template = MENU_TEMPLATE

    def __init__(self, field, request, params, model, model_admin, field_path) -> None:
        super().__init__(field, request, params, model, model_admin, field_path)
        self.empty_value_display = f"{self.title} 없음"


def short_time(moment: datetime) -> str:
    """A time short enough for one line of the list: 14:32 today, 12.01 14:32 this year, 2025.12.01 before."""
    local, today = timezone.localtime(moment), timezone.localdate()
    if local.date() == today:
        return f"{local:%H:%M}"
    return f"{local:%m.%d %H:%M}" if local.year == today.year else f"{local:%Y.%m.%d}"


def time_cell(moment: datetime | None, prefix: str = "") -> str:
    """The `<time>` of a list cell, its full date on hover; `—` for none."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    full = f"{local.year}년 {local.month}월 {local.day}일 {local:%H:%M}"
    text = f"{prefix} {short_time(moment)}" if prefix else short_time(moment)
    return format_html('<time datetime="{}" title="{}">{}</time>', local.isoformat(), full, text)

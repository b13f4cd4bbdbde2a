from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from .models import Banner


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slot",
        "thumbnail",
        "starts_at",
        "ends_at",
        "weight",
        "is_active",
        "impressions",
        "clicks",
        "rate",
    ]
    list_filter = ["slot", "is_active"]
    search_fields = ["name", "alt_text", "link_url"]
    readonly_fields = ["daily_stats"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Banner]:
        return super().get_queryset(request).with_totals()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "link_url":
            kwargs["assume_scheme"] = "https"  # an address typed without a scheme
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="미리보기")
    def thumbnail(self, banner: Banner) -> str:
        if not banner.image:
            return ""
        return format_html('<img src="{}" alt="{}" class="banner-thumbnail">', banner.image.url, banner.alt_text)

    @admin.display(description="노출", ordering="impression_total")
    def impressions(self, banner: Banner) -> str:
        return f"{banner.impression_total:,}"

    @admin.display(description="클릭", ordering="click_total")
    def clicks(self, banner: Banner) -> str:
        return f"{banner.click_total:,}"

    @admin.display(description="클릭률")
    def rate(self, banner: Banner) -> str:
        return click_rate(banner.impression_total, banner.click_total)

    @admin.display(description="날짜별 노출·클릭 (최근 30일)")
    def daily_stats(self, banner: Banner) -> str:
        days = banner.daily_stats(30) if banner.pk else []
        if not days:
            return "아직 집계된 노출이 없습니다."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (f"{day:%Y-%m-%d}", f"{shown:,}", f"{clicked:,}", click_rate(shown, clicked))
                for day, shown, clicked in days
            ),
        )
        return format_html(
            "<table><thead><tr><th>날짜</th><th>노출</th><th>클릭</th><th>클릭률</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )


def click_rate(impressions: int, clicks: int) -> str:
    return f"{clicks / impressions:.2%}" if impressions else "-"

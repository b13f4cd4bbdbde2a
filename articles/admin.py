from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .models import Article, Banner, Byline, RelatedPick, Reporter, Section, Series, byline_prefetch


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "section", "is_active"]
    list_filter = ["is_active", "section"]
    list_select_related = ["section"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["section"]


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "is_active", "user"]
    list_filter = ["is_active"]
    list_select_related = ["user"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["user"]


class BylineFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("reporter") and not form.cleaned_data.get("DELETE", False)
        ]
        if self.instance.status == Article.Status.PUBLISHED and not kept:
            raise ValidationError("기자를 한 명 이상 지정해야 출고할 수 있습니다.")


class BylineInline(admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    autocomplete_fields = ["reporter"]
    fields = ["reporter", "position"]
    extra = 1


class RelatedPickFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            picked = form.cleaned_data.get("to_article")
            if picked and self.instance.pk and picked.pk == self.instance.pk and not form.cleaned_data.get("DELETE"):
                raise ValidationError("기사 자신은 관련기사로 고를 수 없습니다.")


class RelatedPickInline(admin.TabularInline):
    model = RelatedPick
    formset = RelatedPickFormSet
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    fields = ["to_article", "position"]
    extra = 1


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["display_headline", "section", "reporter_names", "status", "published_at", "updated_at"]
    list_display_links = ["display_headline"]
    list_filter = ["status", "section", "series", "published_at"]
    list_select_related = ["section", "series"]
    search_fields = ["headline", "subheadline"]
    autocomplete_fields = ["section", "series"]
    inlines = [BylineInline, RelatedPickInline]
    readonly_fields = ["created_at", "updated_at"]
    show_full_result_count = False
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "subheadline", "section", "series", "summary", "body"]}),
        ("대표 사진", {"fields": ["lead_image", "lead_image_caption", "lead_image_credit"]}),
        ("출고", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        try:
            return super().changelist_view(request, extra_context)
        except OverflowError:
            # A date filter far outside what the database stores (e.g. year 1 shifted to UTC): treat it like any
            # other bad filter, as the admin does, by showing the unfiltered list with its error flag.
            return HttpResponseRedirect(reverse("admin:articles_article_changelist") + "?e=1")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        # Autocomplete lists (related picks) print display_headline, which reads the series.
        return super().get_queryset(request).select_related("section", "series").prefetch_related(byline_prefetch())

    @admin.display(description="제목", ordering="headline")
    def display_headline(self, article: Article) -> str:
        return article.display_headline

    @admin.display(description="기자")
    def reporter_names(self, article: Article) -> str:
        return "·".join(reporter.name for reporter in article.byline_reporters)

    @admin.action(description="선택한 기사 출고", permissions=["change"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        published, refused = 0, []
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            try:
                article.publish()
            except ValidationError:
                refused.append(article.headline)
            else:
                published += 1
        if published:
            self.message_user(request, f"기사 {published}건을 출고했습니다.", messages.SUCCESS)
        if refused:
            self.message_user(
                request, f"기자가 지정되지 않아 출고하지 못했습니다: {', '.join(refused)}", messages.ERROR
            )

    @admin.action(description="선택한 기사 출고 취소 (작성중으로)", permissions=["change"])
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = queryset.filter(status=Article.Status.PUBLISHED).update(
            status=Article.Status.DRAFT, updated_at=timezone.now()
        )
        self.message_user(request, f"기사 {count}건의 출고를 취소했습니다.", messages.SUCCESS)


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    list_display = ["name", "slot", "thumbnail", "starts_at", "ends_at", "is_active"]
    list_filter = ["slot", "is_active"]
    search_fields = ["name", "alt_text", "link_url"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "link_url":
            kwargs["assume_scheme"] = "https"  # an address typed without a scheme
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="미리보기")
    def thumbnail(self, banner: Banner) -> str:
        if not banner.image:
            return ""
        return format_html('<img src="{}" alt="{}" style="max-height:40px">', banner.image.url, banner.alt_text)

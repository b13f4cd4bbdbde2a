from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.models import Version

from photos.models import Photo

from . import autosave, locking
from .forms import ArticleForm
from .history import history, save_in_revision
from .models import Article, Byline, KeptEdit, RelatedPick, Reporter, Section, Series, byline_prefetch
from .views import article_page


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "legacy_sec_no"]
    list_editable = ["position", "legacy_sec_no"]
    search_fields = ["name", "slug", "legacy_sec_no__exact"]


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


class ArticlePartInline(admin.TabularInline):
    """Bylines and related picks are part of the article: whoever may edit the article may edit them."""

    def _article_editable(self, request: HttpRequest, article: Article | None) -> bool:
        if article is None:
            return request.user.has_perm("articles.add_article")
        return article.can_be_edited_by(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return self._article_editable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return self._article_editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return self._article_editable(request, obj)

    def has_view_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        return request.user.has_perm("articles.view_article")


class BylineInline(ArticlePartInline):
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


class RelatedPickInline(ArticlePartInline):
    model = RelatedPick

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "to_article":  # a posted id outside what the editor may see is refused, not shown
            kwargs["queryset"] = Article.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    formset = RelatedPickFormSet
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    fields = ["to_article", "position"]
    extra = 1


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    list_display = ["display_headline", "section", "reporter_names", "state", "published_at", "updated_at"]
    list_display_links = ["display_headline"]
    list_filter = ["status", "section", "series", "published_at"]
    list_select_related = ["section", "series"]
    # The search app puts its Korean search behind this box (search/admin.py): 메타 finds 메타의.
    search_fields = ["headline"]
    autocomplete_fields = ["section", "series", "lead_photo"]
    inlines = [BylineInline, RelatedPickInline]
    show_full_result_count = False
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    # What only the desk decides; for anyone else these fields are shown but never read from a POST.
    DESK_FIELDS = ["status", "published_at", "ends_at", "review_note"]
    form = ArticleForm
    fieldsets = [
        (None, {"fields": ["headline", "subheadline", "section", "series", "summary", "body", "loaded_version"]}),
        ("대표 사진과 영상", {"fields": ["lead_photo", "video_youtube_id"]}),
        (
            "출고",
            {"fields": ["status", "published_at", "ends_at", "review_note", "created_by", "created_at", "updated_at"]},
        ),
    ]

    def get_form(self, request: HttpRequest, obj: Article | None = None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user  # a fresh class per request: who a refused save's kept copy belongs to
        form.restore_stamp = getattr(request, "restore_stamp", None)
        return form

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "lead_photo" and not request.user.has_perm("photos.change_photo"):
            # A reporter picks among their own uploads and the photos already on articles they may edit.
            mine = Q(uploaded_by=request.user) | Q(
                pk__in=Article.objects.editable_by(request.user).values("lead_photo")
            )
            kwargs["queryset"] = Photo.objects.filter(mine)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        readonly = ["created_by", "created_at", "updated_at", "updated_by"]
        return readonly if self.has_publish_permission(request) else [*self.DESK_FIELDS, *readonly]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.publish_article")

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.can_be_edited_by(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        published = obj is not None and obj.status == Article.Status.PUBLISHED
        return not published or request.user.has_perm("articles.delete_published_article")

    def get_deleted_objects(self, objs, request: HttpRequest):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        published = [obj for obj in objs if obj.status == Article.Status.PUBLISHED]
        if published and not request.user.has_perm("articles.delete_published_article"):
            perms_needed = {*perms_needed, "출고된 기사 (관리자만 삭제할 수 있습니다)"}
        return deleted, model_count, perms_needed, protected

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        for name, value in getattr(request, "kept_desk_fields", {}).items():
            setattr(obj, name, value)
        if "_submit" in request.POST and obj.status in Article.REPORTER_EDITABLE:
            obj.status = Article.Status.SUBMITTED
        super().save_model(request, obj, form, change)
        if "_continue" not in request.POST:
            locking.release(obj, request.user)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None):
        article = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if request.method == "POST" and article is not None and not article.can_be_edited_by(request.user):
            # Refused (the article went to the desk, or was released, while this page was open): the text that was
            # typed is kept all the same, for its author to read under 보관된 편집.
            locking.keep_refused(article, request.user, request.POST)
            raise PermissionDenied
        if request.method == "GET" and article is not None and article.can_be_edited_by(request.user):
            state = locking.touch(article, request.user)
            extra_context["edit_lock"] = state
            extra_context["lock_url"] = reverse("admin:articles_article_lock", args=[article.pk])
            extra_context["takeover_url"] = reverse("admin:articles_article_takeover", args=[article.pk])
            extra_context["heartbeat_ms"] = locking.HEARTBEAT_SECONDS * 1000
        return super().change_view(request, object_id, form_url, extra_context)

    @method_decorator(require_POST)
    def lock_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        """The open change form's heartbeat: keeps my lock alive and tells me who else is editing."""
        article = self._editable_or_404(request, object_id)
        return JsonResponse(locking.touch(article, request.user).as_json())

    @method_decorator(require_POST)
    def takeover_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        article = self._editable_or_404(request, object_id)
        previous = locking.take_over(article, request.user)
        if previous:
            self.message_user(
                request, f"{previous} 님의 편집 잠금을 넘겨받았습니다. 기록에 남습니다.", messages.WARNING
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _editable_or_404(self, request: HttpRequest, object_id: str) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("기사를 찾을 수 없습니다.")
        if not article.can_be_edited_by(request.user):
            raise PermissionDenied
        return article

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        editable = obj is None or obj.can_be_edited_by(request.user)
        context["can_submit"] = editable and (obj is None or obj.status in Article.REPORTER_EDITABLE)
        context["preview_url"] = reverse("admin:articles_article_preview", args=[obj.pk]) if obj and editable else ""
        context.update(autosave.form_context(request, obj, editable))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        """Every revision with who, when and a readable diff of what changed; only for those who may see it."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404("기사를 찾을 수 없습니다.")
        versions = list(Version.objects.get_for_object(article).select_related("revision__user").order_by("pk"))
        lead_photos = {version.field_dict.get("lead_photo_id") for version in versions}
        names = {
            "section_id": dict(Section.objects.values_list("pk", "name")),
            "series_id": dict(Series.objects.values_list("pk", "name")),
            "status": dict(Article.Status.choices),
            "lead_photo_id": dict(Photo.objects.filter(pk__in=lead_photos).values_list("pk", "alt_text")),
        }
        entries = history(versions, names)
        context = {
            **self.admin_site.each_context(request),
            "title": f"변경 이력: {article.display_headline}",
            "subtitle": None,
            "opts": self.model._meta,
            "object": article,
            "entries": list(reversed(entries)),
            "can_restore": article.can_be_edited_by(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/object_history.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring writes the old revision into the database before the form runs, so check the article as it
        # is now, and keep what only the desk decides for anyone else.
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("기사를 찾을 수 없습니다.")
        if not article.can_be_edited_by(request.user):
            raise PermissionDenied
        # Only a revision of this very article (reversion alone would take any version with that object id, a
        # byline's included), and only one that holds no other article: restoring it must not rewrite those.
        version = Version.objects.get_for_object(article).filter(pk=version_id).select_related("revision").first()
        if version is None:
            raise Http404("이 기사의 저장본이 아닙니다.")
        if (
            Version.objects.filter(revision=version.revision, content_type=version.content_type)
            .exclude(object_id=version.object_id)
            .exists()
        ):
            self.message_user(request, "여러 기사를 한꺼번에 바꾼 저장본이라 되돌릴 수 없습니다.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
        # The restore writes the old revision (and its last-saved time) into the database before the form runs:
        # remember what the article is now, for the desk's fields and for the stale-save check.
        request.restore_stamp = article.updated_at.isoformat()
        if not self.has_publish_permission(request):
            request.kept_desk_fields = {name: getattr(article, name) for name in self.DESK_FIELDS}
        return super().revision_view(request, object_id, version_id, extra_context)

    def has_recover_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.delete_published_article")

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("autosave/", view(autosave.autosave_view), name="articles_article_autosave"),
            path("<path:object_id>/preview/", view(self.preview_view), name="articles_article_preview"),
            path("<path:object_id>/lock/", view(self.lock_view), name="articles_article_lock"),
            path("<path:object_id>/takeover/", view(self.takeover_view), name="articles_article_takeover"),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The article exactly as readers will see it, for those who may edit it, whatever its state."""
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("기사를 찾을 수 없습니다.")
        if not article.can_be_edited_by(request.user):
            raise PermissionDenied
        return article_page(request, article, preview=True)

    change_list_template = "admin/articles/article/change_list.html"

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        extra_context = {**(extra_context or {}), "can_recover": self.has_recover_permission(request)}
        try:
            # Not VersionAdmin's, which would put every article a bulk action saves into one revision; the
            # actions below give each article its own.
            return admin.ModelAdmin.changelist_view(self, request, extra_context)
        except OverflowError:
            # A date filter far outside what the database stores (e.g. year 1 shifted to UTC): treat it like any
            # other bad filter, as the admin does, by showing the unfiltered list with its error flag.
            return HttpResponseRedirect(reverse("admin:articles_article_changelist") + "?e=1")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        # Autocomplete lists (related picks) print display_headline, which reads the series.
        articles = super().get_queryset(request).editable_by(request.user)
        return articles.select_related("section", "series").prefetch_related(byline_prefetch())

    @admin.display(description="상태", ordering="status")
    def state(self, article: Article) -> str:
        return article.state_label

    @admin.display(description="제목", ordering="headline")
    def display_headline(self, article: Article) -> str:
        return article.display_headline

    @admin.display(description="기자")
    def reporter_names(self, article: Article) -> str:
        return "·".join(reporter.name for reporter in article.byline_reporters)

    @admin.action(description="선택한 기사를 데스크에 넘기기", permissions=["change"])
    def submit_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = 0
        for article in queryset.filter(status__in=Article.REPORTER_EDITABLE):
            if article.can_be_edited_by(request.user):
                article.status = Article.Status.SUBMITTED
                save_in_revision(article, request.user, "데스크에 넘김")
                count += 1
        self.message_user(request, f"기사 {count}건을 데스크에 넘겼습니다.", messages.SUCCESS)

    @admin.action(description="선택한 기사 출고", permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        published, refused = 0, []
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            try:
                save_in_revision(article, request.user, "일괄 출고", save=article.publish)
            except ValidationError as error:
                refused.append(f"{article.headline} ({' '.join(error.messages)})")
            else:
                published += 1
        if published:
            self.message_user(request, f"기사 {published}건을 출고했습니다.", messages.SUCCESS)
        if refused:
            self.message_user(request, f"출고하지 못했습니다: {'; '.join(refused)}", messages.ERROR)

    @admin.action(description="선택한 기사 출고 취소", permissions=["publish"])
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.WITHDRAWN
            save_in_revision(article, request.user, "일괄 출고 취소")
            count += 1
        self.message_user(request, f"기사 {count}건의 출고를 취소했습니다.", messages.SUCCESS)


@admin.register(KeptEdit)
class KeptEditAdmin(admin.ModelAdmin):
    """Saves refused because someone saved first: their authors read them here and can put them back."""

    list_display = ["headline", "article", "user", "created_at"]
    list_select_related = ["article", "user"]
    readonly_fields = ["article", "user", "created_at", "headline", "subheadline", "summary", "body_text"]
    fields = readonly_fields
    actions = ["apply_to_article"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[KeptEdit]:
        kept = super().get_queryset(request)
        return kept if request.user.has_perm("articles.publish_article") else kept.filter(user=request.user)

    def has_view_permission(self, request: HttpRequest, obj: KeptEdit | None = None) -> bool:
        return request.user.has_perm("articles.change_article")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.change_article")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: KeptEdit | None = None) -> bool:
        return False

    @admin.display(description="본문")
    def body_text(self, kept: KeptEdit) -> str:
        return format_html('<div class="kept-body">{}</div>', kept.body)

    @admin.action(description="선택한 보관 내용을 기사에 다시 적용", permissions=["view"])
    def apply_to_article(self, request: HttpRequest, queryset: QuerySet[KeptEdit]) -> None:
        applied = 0
        for kept in queryset.select_related("article"):
            article = kept.article
            if not article.can_be_edited_by(request.user):
                self.message_user(request, f"'{article.headline}'은 지금 고칠 수 없는 기사입니다.", messages.ERROR)
                continue
            article.headline = kept.headline or article.headline
            article.subheadline, article.summary, article.body = kept.subheadline, kept.summary, kept.body
            save_in_revision(article, request.user, "보관된 편집을 다시 적용함")
            applied += 1
        if applied:
            self.message_user(request, f"보관된 편집 {applied}건을 기사에 적용했습니다.", messages.SUCCESS)

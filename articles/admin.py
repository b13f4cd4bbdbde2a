from contextlib import nullcontext

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, ProtectedError, Q, QuerySet, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.utils import mute_signals

from newsroom.korean import korean_name, with_particle
from photos.models import Photo

from . import autosave, locking
from .admin_list import (
    ArticleChangeList,
    ChangedFilter,
    MenuRelatedFilter,
    ReleasedFilter,
    ReporterFilter,
    StateFilter,
    time_cell,
)
from .forms import ArticleForm
from .history import (
    KEPT_ON_RESTORE,
    Entry,
    differences,
    display_names,
    history,
    kept_edit_diff,
    korean_change_message,
    restore_diff,
    save_action,
    save_in_revision,
)
from .html import sanitize_body
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
        if not kept and "_submit" in self.data:
            raise ValidationError("기자를 한 명 이상 지정해야 데스크에 넘길 수 있습니다.")
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


class _ShownOnly(Exception):
    """Carries a restore page out of the transaction that is rolled back once it is drawn."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    # Built for a hundred articles a day: the headline gets the width, the rest fits on one line each, and the last
    # change comes first, so that what was just filed or edited is on top (article_changed_idx serves the order).
    list_display = ["display_headline", "state", "section", "reporter_names", "changed", "release"]
    list_display_links = ["display_headline"]
    list_filter = [
        StateFilter,
        ("section", MenuRelatedFilter),
        ("series", MenuRelatedFilter),
        ReporterFilter,
        ChangedFilter,
        ReleasedFilter,
    ]
    ordering = ["-updated_at", "-pk"]
    list_select_related = ["section", "series"]
    # Counts by filter would each count the whole archive on every page; the list counts its own rows only.
    show_facets = admin.ShowFacets.NEVER
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
            {"fields": ["status", "published_at", "ends_at", "review_note", "written_by", "created_at", "updated_at"]},
        ),
    ]

    def get_form(self, request: HttpRequest, obj: Article | None = None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user  # a fresh class per request: who a refused save's kept copy belongs to
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
        readonly = ["written_by", "created_at", "updated_at"]
        if self.has_publish_permission(request) and not getattr(request, "restoring", None):
            return readonly
        return [*self.DESK_FIELDS, *readonly]

    @admin.display(description="작성자")
    def written_by(self, article: Article) -> str:
        """Who created the article, by name (성 이름); no link to their account, which a reporter may not open."""
        return korean_name(article.created_by) if article.created_by_id else "-"

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
        if "_submit" in request.POST and obj.status in Article.REPORTER_EDITABLE:
            obj.status = Article.Status.SUBMITTED
        before = Article.objects.filter(pk=obj.pk).values("status", "published_at").first() if change else None
        super().save_model(request, obj, form, change)
        request.article_action = save_action(
            before, obj, getattr(request, "restoring", None), recovered=getattr(request, "recovering", False)
        )
        if "_continue" not in request.POST:
            locking.release(obj, request.user)

    def construct_change_message(self, request: HttpRequest, form, formsets, add: bool = False) -> str:
        """The history line of a save, in Korean: what was done (출고, 반려 …) and what changed."""
        action = getattr(request, "article_action", None)
        if action and action.restored:
            labels = [label for label, _ in getattr(request, "restore_changes", [])]
            changed = f"{with_particle(', '.join(labels), '을/를')} 그 판대로 되살렸습니다." if labels else ""
        else:
            changed = korean_change_message(super().construct_change_message(request, form, formsets, add))
            if action and action.name != "저장" and changed == "바뀐 내용 없이 저장했습니다.":
                changed = ""
        named = f"{action.name}." if action and action.name != "저장" else ""
        return " ".join(part for part in [named, changed] if part)

    def message_user(self, request: HttpRequest, message, level=messages.INFO, *args, **kwargs) -> None:
        # The admin's "…이(가) 성공적으로 변경되었습니다" after a save of the form says instead what was done.
        action = getattr(request, "article_action", None)
        if action and level == messages.SUCCESS and not getattr(request, "article_action_told", False):
            request.article_action_told = True
            message = action.message
        super().message_user(request, message, level, *args, **kwargs)

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
        restoring = getattr(request, "restoring", None) is not None
        context["can_submit"] = editable and not restoring and (obj is None or obj.status in Article.REPORTER_EDITABLE)
        context["preview_url"] = reverse("admin:articles_article_preview", args=[obj.pk]) if obj else ""
        if obj is not None and obj.can_be_recalled_by(request.user):
            context["recall_url"] = reverse("admin:articles_article_recall", args=[obj.pk])
        if not self.has_publish_permission(request):
            context["show_save_and_add_another"] = False  # a reporter files one story at a time
        context.update(autosave.form_context(request, obj, editable and not restoring))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_fieldsets(self, request: HttpRequest, obj: Article | None = None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.can_be_edited_by(request.user):
            return fieldsets
        # Read-only (sent to the desk, or someone else's released story): the body as readers will read it.
        return [
            (name, {**options, "fields": ["rendered_body" if f == "body" else f for f in options["fields"]]})
            for name, options in fieldsets
        ]

    @admin.display(description="본문")
    def rendered_body(self, article: Article) -> str:
        return format_html('<div class="article-body-preview">{}</div>', mark_safe(sanitize_body(article.body)))

    def view_on_site(self, article: Article) -> str | None:
        """사이트에서 보기 only for what readers can see now; the rest has 미리보기."""
        return article.get_absolute_url() if article.is_visible_now else None

    def get_formset_kwargs(self, request: HttpRequest, obj: Article, inline, prefix: str) -> dict:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BylineInline) and obj.pk is None and request.method != "POST":
            # A new article carries its writer's byline to begin with.
            own = Reporter.objects.filter(user=request.user, is_active=True).values_list("pk", flat=True).first()
            if own:
                kwargs["initial"] = [{"reporter": own, "position": 0}]
        return kwargs

    @method_decorator(require_POST)
    def recall_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """회수: the reporter takes a sent article back to 작성중 while the desk has not touched it."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("기사를 찾을 수 없습니다.")
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        with transaction.atomic():
            current = Article.objects.select_for_update().filter(pk=article.pk).first()
            if current is None or not current.can_be_recalled_by(request.user):
                self.message_user(
                    request,
                    "데스크가 이미 이 기사를 열었거나 고쳐서 회수할 수 없습니다. 데스크에 말해 주세요.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(change_url)
            current.status = Article.Status.DRAFT
            save_in_revision(current, request.user, "회수. 데스크에 넘긴 기사를 작성중으로 되가져왔습니다.")
        self.message_user(
            request, f"{with_particle(f'‘{current.display_headline}’', '을/를')} 회수했습니다. 다시 고칠 수 있습니다."
        )
        return HttpResponseRedirect(change_url)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        """Every revision with who, when and a readable diff of what changed; only for those who may see it."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404("기사를 찾을 수 없습니다.")
        versions = list(
            Version.objects.get_for_object(article).select_related("revision__user__reporter").order_by("pk")
        )
        entries = history(versions, display_names([version.field_dict for version in versions]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"변경 이력: {article.display_headline}",
            "subtitle": None,
            "opts": self.model._meta,
            "module_name": self.model._meta.verbose_name_plural,
            "object": article,
            "entries": list(reversed(entries)),
            "can_restore": article.can_be_edited_by(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/object_history.html", context)

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Any two revisions side by side (?from=…&to=…, version ids of this article): what changed between them."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404("기사를 찾을 수 없습니다.")
        history_url = reverse("admin:articles_article_history", args=[article.pk])
        wanted = [request.GET.get("from", ""), request.GET.get("to", "")]
        if not all(value.isdigit() and len(value) < 19 for value in wanted):
            self.message_user(request, "비교할 두 판을 골라 주세요.", messages.ERROR)
            return HttpResponseRedirect(history_url)
        found = {
            version.pk: version
            for version in Version.objects.get_for_object(article)
            .filter(pk__in=[int(value) for value in wanted])
            .select_related("revision__user__reporter")
        }
        if len(found) != 2:
            self.message_user(request, "이 기사의 서로 다른 두 판을 골라 주세요.", messages.ERROR)
            return HttpResponseRedirect(history_url)
        older, newer = sorted(found.values(), key=lambda version: version.pk)
        fields = [older.field_dict, newer.field_dict]
        context = {
            **self.admin_site.each_context(request),
            "title": f"두 판 비교: {article.display_headline}",
            "subtitle": None,
            "opts": self.model._meta,
            "module_name": self.model._meta.verbose_name_plural,
            "object": article,
            "older": Entry(older),
            "newer": Entry(newer),
            "changes": differences(*fields, display_names(fields)),
        }
        return TemplateResponse(request, "admin/articles/article/object_compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """이 판으로 되돌리기: the words of an old revision come back (headline, body, photos, bylines, picks …); what
        the desk decided (KEPT_ON_RESTORE) stays as it is now, so a live story stays live. Shown first with the diff
        against the article as it is now; nothing changes until it is saved."""
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
        kept = {name: getattr(article, name) for name in KEPT_ON_RESTORE}
        request.restoring = version
        request.restore_changes = restore_diff(article, version)
        context = {
            **(extra_context or {}),
            "title": f"이 판으로 되돌리기: {article.display_headline}",
            "version": version,
            "restore_changes": request.restore_changes,
            "kept_state": article.state_label,
            "kept_published_at": article.published_at,
            "kept_ends_at": article.ends_at,
        }
        quiet = mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        try:
            with transaction.atomic(), quiet if request.method == "GET" else nullcontext():
                version.revision.revert(delete=True)
                # The release decision, and the last-saved time the stale-save check compares, as they are now.
                Article.objects.filter(pk=article.pk).update(**kept)
                with self.create_revision(request):
                    response = self.changeform_view(request, quote(str(article.pk)), request.path, context)
                    if response.status_code == 200:  # the page to look at, or a form with errors: keep nothing
                        response.template_name = "admin/articles/article/revision_form.html"
                        response.render()
                        raise _ShownOnly(response)
        except _ShownOnly as shown:
            return shown.response
        except RevertError:
            self.message_user(request, "이 판은 지금의 기사 형식과 맞지 않아 되돌릴 수 없습니다.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
        except ProtectedError:
            self.message_user(request, "이 판에 있던 사진이나 기자가 지워져서 되돌릴 수 없습니다.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
        return response

    def has_recover_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.delete_published_article")

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        request.recovering = True  # its save says 되살렸습니다
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
            path("<path:object_id>/recall/", view(self.recall_view), name="articles_article_recall"),
            path("<path:object_id>/history/compare/", view(self.compare_view), name="articles_article_compare"),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The article exactly as readers will see it, whatever its state, for those who may open it in the admin
        (a reporter: their own, also once sent to the desk)."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("기사를 찾을 수 없습니다.")
        return article_page(request, article, preview=True)

    change_list_template = "admin/articles/article/change_list.html"

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        extra_context = {**(extra_context or {}), "can_recover": self.has_recover_permission(request)}
        if request.method == "GET" and ERROR_FLAG in request.GET:
            # Where the admin sends a filter it could not apply (a value from an old or hand-made address).
            notice = "알 수 없는 필터 값이 있어 필터 없이 전체 기사를 보여 드립니다."
            self.message_user(request, notice, messages.WARNING)
        try:
            # Not VersionAdmin's, which would put every article a bulk action saves into one revision; the
            # actions below give each article its own.
            return admin.ModelAdmin.changelist_view(self, request, extra_context)
        except OverflowError:
            # A date filter far outside what the database stores (e.g. year 1 shifted to UTC): treat it like any
            # other bad filter, as the admin does, by showing the unfiltered list with its error flag.
            return HttpResponseRedirect(reverse("admin:articles_article_changelist") + "?e=1")

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ArticleChangeList]:
        return ArticleChangeList

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        # Autocomplete lists (related picks) print display_headline, which reads the series.
        articles = super().get_queryset(request).editable_by(request.user)
        return articles.select_related("section", "series").prefetch_related(byline_prefetch())

    @admin.display(description="상태", ordering="status")
    def state(self, article: Article) -> str:
        kind = "scheduled" if article.is_scheduled else article.status
        return format_html('<span class="state state-{}">{}</span>', kind, article.state_label)

    @admin.display(description="제목", ordering="headline")
    def display_headline(self, article: Article) -> str:
        return article.display_headline

    # By the first reporter of the byline, as the column shows them; read only when the list is sorted by it.
    @admin.display(
        description="기자",
        ordering=Subquery(
            Byline.objects.filter(article=OuterRef("pk")).order_by("position", "pk").values("reporter__name")[:1]
        ).asc(nulls_last=True),
    )
    def reporter_names(self, article: Article) -> str:
        return "·".join(reporter.name for reporter in article.byline_reporters)

    @admin.display(description="송고/수정 시각", ordering="updated_at")
    def changed(self, article: Article) -> str:
        return time_cell(article.updated_at)

    @admin.display(description="출고 시각", ordering="published_at")
    def release(self, article: Article) -> str:
        if article.is_scheduled:
            return format_html('<span class="scheduled">{}</span>', time_cell(article.published_at, "예약"))
        return time_cell(article.published_at)

    @admin.action(description="선택한 기사를 데스크에 넘기기", permissions=["change"])
    def submit_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count, unsigned = 0, []
        for article in queryset.filter(status__in=Article.REPORTER_EDITABLE):
            if not article.can_be_edited_by(request.user):
                continue
            if not article.bylines.exists():
                unsigned.append(f"‘{article.display_headline}’")
                continue
            article.status = Article.Status.SUBMITTED
            save_in_revision(article, request.user, "데스크에 넘김.")
            count += 1
        self.message_user(request, f"기사 {count}건을 데스크에 넘겼습니다.", messages.SUCCESS)
        if unsigned:
            self.message_user(
                request,
                f"기자가 지정되지 않아 넘기지 않았습니다: {', '.join(unsigned)}. 기사를 열어 기자를 지정해 주세요.",
                messages.ERROR,
            )

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

    list_display = ["headline", "article", "written_by", "created_at"]
    list_select_related = ["article", "user", "user__reporter"]
    readonly_fields = ["article", "written_by", "created_at", "headline", "subheadline", "summary", "body_text"]
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

    @admin.display(description="작성자", ordering="user__last_name")
    def written_by(self, kept: KeptEdit) -> str:
        return korean_name(kept.user)

    @admin.display(description="본문")
    def body_text(self, kept: KeptEdit) -> str:
        """The kept body as it reads (sanitized again: it was refused before the article's cleaning)."""
        return format_html('<div class="kept-body">{}</div>', mark_safe(sanitize_body(kept.body)))

    @admin.action(description="선택한 보관 내용을 기사에 다시 적용", permissions=["view"])
    def apply_to_article(self, request: HttpRequest, queryset: QuerySet[KeptEdit]) -> HttpResponse | None:
        """다시 적용: first shows what each kept edit would overwrite in the article as it is now; applies only once
        that is confirmed."""
        kept_edits = list(queryset.select_related("article__series"))
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "보관된 편집을 기사에 다시 적용할까요?",
                "opts": self.model._meta,
                "items": [(kept, kept_edit_diff(kept)) for kept in kept_edits],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/articles/keptedit/apply_confirmation.html", context)
        applied = 0
        for kept in kept_edits:
            article = kept.article
            if not article.can_be_edited_by(request.user):
                self.message_user(
                    request,
                    f"{with_particle(f'‘{article.headline}’', '은/는')} 지금 고칠 수 없는 기사입니다.",
                    messages.ERROR,
                )
                continue
            article.headline = kept.headline or article.headline
            article.subheadline, article.summary, article.body = kept.subheadline, kept.summary, kept.body
            save_in_revision(article, request.user, "보관된 편집을 다시 적용했습니다.")
            applied += 1
        if applied:
            self.message_user(request, f"보관된 편집 {applied}건을 기사에 적용했습니다.", messages.SUCCESS)
        return None

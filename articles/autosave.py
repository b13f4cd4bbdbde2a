"""Autosave in the article form: what an editor types is kept as their own copy (AutosavedCopy) every few seconds
and when they leave the page, and offered back when they reopen the form. Never a save: no revision, the article
untouched, and nothing kept over a newer save or under someone else's edit lock."""

from __future__ import annotations

import json
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import RequestDataTooBig
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .locking import display_name
from .models import Article, AutosavedCopy, EditLock

MAX_BYTES = 2 * 1024 * 1024  # far above any article; a copy is refused above it, before it is read
TEXT_FIELDS = {"headline": 200, "subheadline": 300, "summary": None, "body": None}  # and their length limits
LABELS = {"headline": "제목은", "subheadline": "부제는"}  # with their particles
# The pages that autosave; not the restore of an old revision, which is a preview until it is saved.
FORM_PAGES = {"articles_article_add", "articles_article_change"}


class Refused(Exception):
    def __init__(self, status: int, message: str, *, stale: bool = False) -> None:
        super().__init__(message)
        self.status, self.message, self.stale = status, message, stale


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M:%S}"


def _read(request: HttpRequest) -> dict:
    """The posted copy as JSON, checked: its size, its shape, each field a string within its length."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    too_big = Refused(
        400, f"자동 저장본이 너무 큽니다 ({MAX_BYTES // (1024 * 1024)}MB까지). 저장 단추로 저장해 주세요."
    )
    if length > MAX_BYTES:
        raise too_big
    try:
        raw = request.body
    except RequestDataTooBig:
        raise too_big from None
    if len(raw) > MAX_BYTES:
        raise too_big
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise Refused(400, "자동 저장 요청을 읽을 수 없습니다. 페이지를 새로 고쳐 주세요.")
    for name, limit in TEXT_FIELDS.items():
        value = data.setdefault(name, "")
        if not isinstance(value, str):
            raise Refused(400, "자동 저장 요청을 읽을 수 없습니다. 페이지를 새로 고쳐 주세요.")
        if limit and len(value) > limit:
            raise Refused(400, f"{LABELS[name]} {limit}자까지 쓸 수 있어 자동 저장하지 않았습니다.")
    return data


def _article(request: HttpRequest, data: dict) -> Article | None:
    """The article the copy is of (None for a new one), if the user may edit it now."""
    pk = data.get("article")
    if pk is None:
        if not request.user.has_perm("articles.add_article"):
            raise Refused(403, "기사를 쓸 권한이 없어 자동 저장하지 않았습니다.")
        return None
    if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk < 2**63:
        raise Refused(400, "자동 저장 요청을 읽을 수 없습니다. 페이지를 새로 고쳐 주세요.")
    article = Article.objects.editable_by(request.user).filter(pk=pk).first()
    if article is None:
        raise Refused(404, "기사를 찾을 수 없어 자동 저장하지 않았습니다.")
    if not article.can_be_edited_by(request.user):
        raise Refused(403, "지금은 고칠 수 없는 기사라 자동 저장하지 않았습니다.")
    return article


def _loaded_version(data: dict, article: Article) -> datetime:
    """The last-saved time the form was opened with; refused when someone has saved since."""
    try:
        loaded = datetime.fromisoformat(data.get("loaded_version") or "")
    except (TypeError, ValueError):
        loaded = None
    if loaded is None or timezone.is_naive(loaded) or loaded > article.updated_at:
        raise Refused(400, "불러온 기사의 저장 시각이 올바르지 않습니다. 페이지를 새로 고쳐 주세요.")
    if loaded < article.updated_at:
        saver = get_user_model().objects.filter(pk=article.updated_by_id).first()
        who = f"{display_name(saver)} 님이" if saver else "다른 사람이"
        raise Refused(
            409,
            f"{who} {_when(article.updated_at)}에 먼저 저장해서 자동 저장하지 않았습니다. "
            "지금 저장하면 고친 내용은 '보관된 편집'에 남습니다.",
            stale=True,
        )
    return loaded


def _check_lock(article: Article, user) -> None:
    lock = (
        EditLock.objects.filter(article=article, expires_at__gt=timezone.now())
        .exclude(user=user)
        .select_related("user")
        .first()
    )
    if lock:
        raise Refused(409, f"{display_name(lock.user)} 님이 편집 중이라 자동 저장하지 않았습니다.")


def keep(user, article: Article | None, data: dict) -> AutosavedCopy:
    """Keep `data` as `user`'s copy of `article`, in place of the one before."""
    copy, _ = AutosavedCopy.objects.update_or_create(
        user=user,
        article=article,
        defaults={
            "headline": data["headline"],
            "subheadline": data["subheadline"],
            "summary": data["summary"],
            "body": data["body"],
            "loaded_version": data.get("loaded"),
            "saved_at": timezone.now(),
        },
    )
    return copy


@require_POST
def autosave_view(request: HttpRequest) -> JsonResponse:
    """POST a JSON copy of the form ({article, headline, subheadline, summary, body, loaded_version}) to keep it,
    or {article, discard: true} to throw the kept one away."""
    try:
        data = _read(request)
        article = _article(request, data)
        if data.get("discard") is True:
            AutosavedCopy.objects.filter(user=request.user, article=article).delete()
            return JsonResponse({"message": "자동 저장본을 버렸습니다."})
        if article is not None:
            _check_lock(article, request.user)
            data["loaded"] = _loaded_version(data, article)
        copy = keep(request.user, article, data)
    except Refused as refused:
        return JsonResponse({"error": refused.message, "stale": refused.stale}, status=refused.status)
    return JsonResponse({"message": f"자동 저장됨 {_when(copy.saved_at)}", "saved_at": copy.saved_at.isoformat()})


def form_context(request: HttpRequest, article: Article | None, editable: bool) -> dict:
    """What the change form needs to autosave, and the kept copy to offer back when it is newer than the article."""
    match = request.resolver_match
    if not editable or match is None or match.url_name not in FORM_PAGES:
        return {}
    context = {
        "autosave_url": reverse("admin:articles_article_autosave"),
        "autosave_article": article.pk if article else None,
        "autosave_interval_ms": settings.ARTICLE_AUTOSAVE_SECONDS * 1000,
    }
    if request.method == "GET":
        copy = AutosavedCopy.objects.filter(user=request.user, article=article).first()
        if copy and copy.is_worth_offering(article):
            context["autosaved_copy"] = copy
            context["autosaved_fields"] = {name: getattr(copy, name) for name in TEXT_FIELDS}
    return context


@receiver(post_save, sender=Article, dispatch_uid="articles-autosave-forget")
def _forget_copy_once_saved(sender, instance: Article, created: bool, raw: bool, **kwargs) -> None:
    """A save by the editor supersedes their kept copy: of this article, or, for a new one, of the new article.
    (Connected as the admin, which routes the autosave, loads this module: before any request is served.)"""
    if raw or not instance.updated_by_id:
        return
    AutosavedCopy.objects.filter(user_id=instance.updated_by_id, article=None if created else instance).delete()

"""The user admin: Django's, with what keeping the desk's accounts safe needs."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from newsroom.korean import korean_name

from . import sessions
from .models import StaffSession

User = get_user_model()


def sign_out_everywhere_view(request: HttpRequest) -> HttpResponseRedirect:
    """Anyone signed in ends all their own sessions, this one too: a lost phone or a shared computer is as signed out
    as the rest, and whoever asked signs in again here, which proves it was them."""
    ended = sessions.end_sessions(request.user.pk, spare_current=False)
    logout(request)
    messages.success(request, f"모든 기기에서 로그아웃했습니다 ({ended}곳). 다시 로그인해 주세요.")
    return HttpResponseRedirect(reverse("admin:login"))


class NewsroomUserAdmin(UserAdmin):
    actions = ["sign_out_everywhere"]

    # Sessions: where the user is signed in, and signing them out of all of it (accounts.sessions).

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            # Before the admin's own, whose "<object_id>/" would take these.
            path(
                "<path:object_id>/sessions/end/",
                view(require_POST(self.end_sessions_view)),
                name="accounts_user_end_sessions",
            ),
            *super().get_urls(),
        ]

    def end_sessions_view(self, request: HttpRequest, object_id: str) -> HttpResponseRedirect:
        user = self.get_object(request, unquote(object_id))
        if user is None:
            raise Http404("사용자를 찾을 수 없습니다.")
        if user.pk == request.user.pk:
            return sign_out_everywhere_view(request)
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        ended = sessions.end_sessions(user.pk, spare_current=False)
        messages.success(request, f"{korean_name(user)} 님을 모든 기기에서 로그아웃시켰습니다 ({ended}곳).")
        return HttpResponseRedirect(reverse("admin:auth_user_change", args=[user.pk]))

    @admin.action(description="선택한 사용자를 모든 기기에서 로그아웃", permissions=["change"])
    def sign_out_everywhere(self, request: HttpRequest, queryset) -> None:
        # Never the 관리자's own session through the list: they would be signed out in the middle of it.
        users = list(queryset.exclude(pk=request.user.pk))
        ended = sum(sessions.end_sessions(user.pk, spare_current=False) for user in users)
        messages.success(request, f"{len(users)}명을 모든 기기에서 로그아웃시켰습니다 ({ended}곳).")

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        return [*fieldsets, ("로그인한 기기", {"fields": ["active_sessions"]})]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return [*super().get_readonly_fields(request, obj), "active_sessions"]

    @admin.display(description="접속 중")
    def active_sessions(self, obj) -> str:
        return render_to_string(
            "admin/auth/user/active_sessions.html",
            {
                "sessions": sessions.active_sessions(obj),
                "end_url": reverse("admin:accounts_user_end_sessions", args=[obj.pk]),
                "idle_limit": sessions.idle_limit_text(),
                "now": timezone.now(),
            },
        )


@admin.register(StaffSession)
class StaffSessionAdmin(admin.ModelAdmin):
    """Every signed-in session, for a superuser to read; and where each staff member signs themself out everywhere
    (the button in every admin page's user tools), an address that is nobody's account page."""

    list_display = ["user", "signed_in_at", "last_activity", "address", "browser"]
    list_select_related = ["user"]
    search_fields = ["user__username", "address"]

    @admin.display(description="브라우저")
    def browser(self, obj: StaffSession) -> str:
        return obj.browser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(sign_out_everywhere_view))
        return [path("sign-out-everywhere/", view, name="accounts_sign_out_everywhere"), *super().get_urls()]


# django.contrib.auth registered Django's own (it comes first in INSTALLED_APPS); this one takes its place.
admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)

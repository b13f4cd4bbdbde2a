"""The user admin (Django's, with a 관리자's reset of a lost second factor), and the sign-in records of django-axes:
lockouts to lift, sign-ins and failures to read."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
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
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.korean import korean_name

from . import sessions, twofactor
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
    actions = ["sign_out_everywhere", "reset_second_factor"]

    @admin.action(description="선택한 사용자의 2단계 인증 초기화 (휴대전화 분실)", permissions=["change"])
    def reset_second_factor(self, request: HttpRequest, queryset) -> None:
        if queryset.filter(is_superuser=True).exists() and not request.user.is_superuser:
            raise PermissionDenied  # a superuser's sign-in is a superuser's to reset
        done = [user for user in queryset if twofactor.reset(user)]
        for user in done:  # whoever holds the lost phone may be signed in with it
            sessions.end_sessions(user.pk, spare_current=user.pk == request.user.pk)
        names = ", ".join(user.get_username() for user in done)
        if done:
            self.message_user(
                request,
                f"2단계 인증을 초기화했습니다: {names}. 다음 로그인 때 인증 앱을 새로 등록합니다.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "선택한 사용자 중 2단계 인증을 등록한 사람이 없습니다.", messages.WARNING)

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


# django.contrib.auth registered Django's own (it comes first in INSTALLED_APPS); this one takes its place. The
# devices are never edited by hand: an account sets up its own, a 관리자 resets it from the user list, and
# django-otp's own pages would show an account's secret to whoever may open them.
admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


class SignInRecordAdmin(admin.ModelAdmin):
    """Records are written by sign-ins alone: read and (for attempts) removed, never added or edited here."""

    date_hierarchy = "attempt_time"
    search_fields = ["username", "ip_address"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AccessAttempt)
class LockoutAdmin(SignInRecordAdmin):
    """Failures in a row of one username from one address; at LOGIN_FAILURE_LIMIT the pair is locked out until the
    cool-off passes. Deleting a row (잠금 풀기) lets the pair sign in at once."""

    list_display = ["username", "ip_address", "failures_since_start", "locked", "attempt_time", "unlocks_at"]
    list_filter = ["attempt_time"]
    actions = ["unlock"]

    @admin.display(description="잠김", boolean=True)
    def locked(self, attempt: AccessAttempt) -> bool:
        return attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT and self.unlocks_at(attempt) is not None

    @admin.display(description="잠금이 풀리는 시각")
    def unlocks_at(self, attempt: AccessAttempt):
        until = attempt.attempt_time + settings.AXES_COOLOFF_TIME
        return timezone.localtime(until) if until > timezone.now() else None

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # 잠금 풀기 says what deleting does
        return actions

    @admin.action(description="선택한 잠금 풀기", permissions=["delete"])
    def unlock(self, request: HttpRequest, queryset) -> None:
        count, _ = queryset.delete()
        self.message_user(request, f"잠금 {count}건을 풀었습니다. 해당 계정은 그 주소에서 바로 로그인할 수 있습니다.")


@admin.register(AccessLog)
class SignInLogAdmin(SignInRecordAdmin):
    list_display = ["username", "ip_address", "attempt_time", "logout_time", "user_agent"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AccessFailureLog)
class FailedSignInLogAdmin(SignInRecordAdmin):
    list_display = ["username", "ip_address", "attempt_time", "locked_out", "user_agent"]
    list_filter = ["locked_out"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

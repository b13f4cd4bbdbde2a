"""The user admin (Django's, with a 관리자's reset of a lost second factor), and the sign-in records of django-axes:
lockouts to lift, sign-ins and failures to read."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import twofactor

User = get_user_model()


class NewsroomUserAdmin(UserAdmin):
    actions = ["reset_second_factor"]

    @admin.action(description="선택한 사용자의 2단계 인증 초기화 (휴대전화 분실)", permissions=["change"])
    def reset_second_factor(self, request: HttpRequest, queryset) -> None:
        if queryset.filter(is_superuser=True).exists() and not request.user.is_superuser:
            raise PermissionDenied  # a superuser's sign-in is a superuser's to reset
        done = [user for user in queryset if twofactor.reset(user)]
        names = ", ".join(user.get_username() for user in done)
        if done:
            self.message_user(
                request,
                f"2단계 인증을 초기화했습니다: {names}. 다음 로그인 때 인증 앱을 새로 등록합니다.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "선택한 사용자 중 2단계 인증을 등록한 사람이 없습니다.", messages.WARNING)


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

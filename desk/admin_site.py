"""The admin site of the newsroom: Django's, with the desk dashboard as its home and each user's unread
notifications on every page. Installed in place of `django.contrib.admin` (settings.INSTALLED_APPS), the way
Django overrides its default site, so that every `admin.site.register` of the apps lands here unchanged."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.urls import path

from newsroom.admin_input import CheckedAdmin


class NewsroomAdminSite(admin.AdminSite):
    # Django's index template, overridden in templates/admin/index.html; named here so the choice reads in one place.
    index_template = "admin/index.html"

    def has_permission(self, request: HttpRequest) -> bool:
        """Staff, and past the second factor where the account has one to give (accounts.twofactor)."""
        from accounts.twofactor import pending

        return super().has_permission(request) and not pending(request)

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        """Every ModelAdmin, the apps' and other packages' alike, registered with the checks of its list's filters
        and its forms (newsroom.admin_input): an odd value in an address is the admin's `?e=1`, never a 500."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CheckedAdmin):
            names = {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__}
            admin_class = type(admin_class.__name__, (CheckedAdmin, admin_class), names)
        super().register(model_or_iterable, admin_class, **options)

    def each_context(self, request: HttpRequest) -> dict:
        from .dashboard import notices

        context = super().each_context(request)
        # Nothing of the desk's before the account is let in: not even which stories wait for it.
        return {**context, "desk_notices": notices(request) if context["has_permission"] else None}

    def index(self, request: HttpRequest, extra_context: dict | None = None):
        from .dashboard import dashboard

        return super().index(request, {**dashboard(request), **(extra_context or {})})

    def get_urls(self):
        from . import views

        view = self.admin_view
        return [
            # Before the admin's own, whose catch-all would take "desk/…" for the app's index.
            path("desk/notifications/<int:pk>/read/", view(views.mark_read), name="desk_notification_read"),
            path("desk/notifications/read/", view(views.mark_all_read), name="desk_notifications_read"),
            *super().get_urls(),
        ]


class NewsroomAdminConfig(AdminConfig):
    default_site = "desk.admin_site.NewsroomAdminSite"

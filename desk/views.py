"""Marking one's own notifications read: POST only (with the admin's CSRF check), and back to the dashboard, a
fixed address, whatever the request says."""

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from .models import Notification


def _home() -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:index"))


@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    mine = Notification.objects.for_user(request.user).filter(pk=pk)
    if not mine.exists():
        raise Http404("알림을 찾을 수 없습니다.")
    mine.mark_read()
    return _home()


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponseRedirect:
    Notification.objects.for_user(request.user).mark_read()
    return _home()

"""Recording staff sign-ins, and ending a user's sessions when their role or password changes.

A role is what the admin lets someone do: is_active, is_staff, is_superuser, their groups and their own permissions.
A session signed in under the old role should not go on under the new one (a 데스크 made a 기자 keeps nothing of
the desk; once the desk signs in with a second factor, a 기자 made 데스크 signs in again with it). Django already
refuses the other sessions after a password change (the session's auth hash); their rows are dropped here too, so
that the list of sessions stays true.

Sessions are ended at once, not on commit: a change rolled back has only signed someone out, and with the database
session store the deletion is rolled back with it.
"""

from django.contrib.auth import get_user_model, user_logged_in, user_logged_out
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.dispatch import receiver

from . import sessions

User = get_user_model()
ROLE_FIELDS = ("is_active", "is_staff", "is_superuser", "password")


@receiver(user_logged_in, dispatch_uid="accounts-record-sign-in")
def _record_sign_in(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    sessions.forget_idle(user.pk)
    sessions.record(request, user)


@receiver(user_logged_out, dispatch_uid="accounts-forget-sign-out")
def _forget_sign_out(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        sessions.forget(request.session.session_key)


@receiver(pre_save, sender=User, dispatch_uid="accounts-role-or-password-changed")
def _role_or_password_changed(sender, instance, raw: bool, update_fields=None, **kwargs) -> None:
    # The save of last_login at every sign-in names its one field and costs no query here.
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & set(ROLE_FIELDS)):
        return
    before = User.objects.filter(pk=instance.pk).values(*ROLE_FIELDS).first()
    if before and any(before[name] != getattr(instance, name) for name in ROLE_FIELDS):
        sessions.end_sessions(instance.pk)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts-groups-changed")
@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="accounts-permissions-changed")
def _groups_or_permissions_changed(sender, instance, action: str, reverse: bool, model, pk_set, **kwargs) -> None:
    """user.groups.add(…), group.user_set.remove(…), the admin's user form, and the same for own permissions."""
    if action in ("post_add", "post_remove") and pk_set:
        users = pk_set if reverse else {instance.pk}
    elif action == "pre_clear":
        # After the clear nobody is left to find: group.user_set.clear() ends its members' sessions beforehand.
        users = set(instance.user_set.values_list("pk", flat=True)) if reverse else {instance.pk}
    else:
        return
    for user_id in users:
        sessions.end_sessions(user_id)


@receiver(pre_delete, sender=Group, dispatch_uid="accounts-group-deleted")
def _group_deleted(sender, instance: Group, **kwargs) -> None:
    """Deleting a group takes its members out of it without an m2m signal."""
    for user_id in instance.user_set.values_list("pk", flat=True):
        sessions.end_sessions(user_id)

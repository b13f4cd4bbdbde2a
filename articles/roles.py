"""The newsroom's roles, as permission groups kept in step with this table after every `migrate`.

기자 writes and submits; 데스크 edits everything and releases; 관리자 also runs users and settings. What each role
may do with a given article (its own drafts only, for a reporter) is decided in ArticleAdmin on top of these.
"""

REPORTER = "기자"
DESK = "데스크"
ADMIN = "관리자"

_READ_DESK = [
    "articles.view_section", "articles.view_series", "articles.view_reporter", "photos.view_photo",
]  # fmt: skip
_WRITE = ["articles.view_article", "articles.add_article", "articles.change_article", "photos.add_photo"]
_RELEASE = [
    "articles.publish_article", "articles.add_reporter", "articles.change_reporter",
    "photos.change_photo", "ads.view_banner", "weather.view_station", "weather.view_observation",
    "search.view_spellingvariant", "search.add_spellingvariant", "search.change_spellingvariant",
    "search.delete_spellingvariant",
]  # fmt: skip
_RUN = [
    "articles.*", "ads.*", "audience.*", "weather.*", "photos.*", "auth.view_user", "auth.add_user", "auth.change_user",
    "auth.view_group", "reversion.*", "django_celery_results.view_taskresult",
    "axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accesslog", "axes.view_accessfailurelog",
]  # fmt: skip

ROLE_PERMISSIONS: dict[str, list[str]] = {
    REPORTER: _READ_DESK + _WRITE,
    DESK: _READ_DESK + _WRITE + _RELEASE,
    ADMIN: _READ_DESK + _WRITE + _RELEASE + _RUN,
}


def sync_roles(group_model, permission_model) -> None:
    """Create the three groups and give each exactly its permissions (those of apps not installed are skipped).

    Takes the models as arguments so that a migration can pass its historical ones.
    """
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        permissions = []
        for entry in wanted:
            app_label, codename = entry.split(".")
            matching = permission_model.objects.filter(content_type__app_label=app_label)
            permissions.extend(matching if codename == "*" else matching.filter(codename=codename))
        group.permissions.set(permissions)


def staff_on_joining_a_role(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """Whoever is put in a role may sign in to the admin: Django lets only staff accounts in, and an account given
    the 기자 group but not the 스태프 권한 box could not log in at all. (Taking the box off later stays possible.)"""
    if action != "post_add" or not pk_set:
        return
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    if reverse:  # group.user_set.add(user, …)
        users, joined = pk_set, {instance.pk}
    else:  # user.groups.add(group, …)
        users, joined = {instance.pk}, pk_set
    if Group.objects.filter(pk__in=joined, name__in=ROLE_PERMISSIONS).exists():
        User.objects.filter(pk__in=users, is_staff=False).update(is_staff=True)
        if not reverse:
            instance.is_staff = True

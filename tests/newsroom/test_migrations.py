"""Upgrading a database of the previous release to the new layout, and back.

The previous release had banners, their counts and article view counts in `articles` (migrations up to
0010_reader_site); this one has them in `ads` and `audience`, in the same tables. A database at the previous
release, with rows in every moved table, groups holding the moved models' permissions and history entries, migrates
to the new layout with all of them still attached, and no row is copied.

Each test migrates the real test database back and forth with MigrationExecutor and leaves it fully migrated.
"""

import json
from datetime import date, datetime, timedelta

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from ads.models import Banner, BannerStat
from articles.models import Article
from articles.roles import DESK
from audience.models import ArticleViewCount

# The previous release: articles up to this one; the new apps did not exist.
RELEASED_ARTICLES = ("articles", "0010_reader_site")
NEW_APPS = ("ads", "audience")
# Each moved model: its app before and now. Its table keeps the old name.
MOVED = {"banner": ("articles", "ads"), "bannerstat": ("articles", "ads"), "articleviewcount": ("articles", "audience")}
TABLES = {"articles_banner", "articles_bannerstat", "articles_articleviewcount"}


@pytest.fixture
def executor(transactional_db):
    """An executor on the test database. Whatever the test does, the database ends at the latest migrations again
    (the flush that follows a transactional test then makes the content types and permissions anew)."""
    yield MigrationExecutor(connection)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def migrate(targets) -> MigrationExecutor:
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection)  # its loader sees what is applied now


def this_release(graph) -> set[tuple[str, str]]:
    """The migrations new in this release: those of the new apps, those of articles after the released one, and
    every migration (of any app) that depends on one of them."""
    firsts = [node for app in NEW_APPS for node in graph.root_nodes(app)]
    firsts += [child for child in graph.node_map[RELEASED_ARTICLES].children if child[0] == RELEASED_ARTICLES[0]]
    return {node for first in firsts for node in graph.backwards_plan(first)}


def previous_release(executor: MigrationExecutor):
    """Migrate back to the previous release; return the new executor and the historical models of that release."""
    graph = executor.loader.graph
    new = this_release(graph)
    released = set(graph.nodes) - new
    executor = migrate([RELEASED_ARTICLES, *((app, None) for app in NEW_APPS)])
    applied = set(MigrationRecorder(connection).applied_migrations())
    assert not applied & new
    assert applied >= released
    leaves = [node for node in released if not any(child in released for child in graph.node_map[node].children)]
    old = executor.loader.project_state(sorted(leaves), at_end=True).apps
    assert not {model._meta.app_label for model in old.get_models()} & set(NEW_APPS)
    return executor, old


def tables_of_this_release(executor: MigrationExecutor, old) -> set[str]:
    """The tables that the migrations of this release create (the moved models' are not among them)."""
    now = executor.loader.project_state().apps
    return {model._meta.db_table for model in now.get_models(include_auto_created=True)} - {
        model._meta.db_table for model in old.get_models(include_auto_created=True)
    }


def latest(executor: MigrationExecutor) -> MigrationExecutor:
    graph = executor.loader.graph
    executor = migrate(graph.leaf_nodes())
    assert set(MigrationRecorder(connection).applied_migrations()) >= set(graph.nodes)
    return executor


def rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY id")
        return cursor.fetchall()


def content_type_ids() -> dict[str, int]:
    return {model: ContentType.objects.get(app_label=app, model=model).pk for model, (_, app) in MOVED.items()}


def permissions_of(group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def permission_ids(content_type_ids, permission_model=Permission) -> set[int]:
    """The permissions on these content types (with the historical Permission model when given one)."""
    return set(permission_model.objects.filter(content_type__pk__in=content_type_ids).values_list("pk", flat=True))


def test_a_previous_release_database_upgrades_with_everything_attached(executor):
    tables = set(connection.introspection.table_names())
    executor, old = previous_release(executor)

    # The previous release's database, written with its own models.
    old_content_type = old.get_model("contenttypes", "ContentType")
    content_types = {
        model: old_content_type.objects.get(app_label=app, model=model) for model, (app, _) in MOVED.items()
    }
    old_ids = {model: content_type.pk for model, content_type in content_types.items()}
    article_type = old_content_type.objects.get(app_label="articles", model="article")
    old_permission = old.get_model("auth", "Permission")
    permissions = permission_ids(old_ids.values(), old_permission)
    assert len(permissions) == 4 * len(MOVED)  # add, change, delete, view of each

    section = old.get_model("articles", "Section").objects.create(name="경제", slug="economy")
    article = old.get_model("articles", "Article").objects.create(
        headline="배너가 옮겨 가기 전의 기사", body="<p>본문</p>", section=section, status="published",
        published_at=timezone.now() - timedelta(hours=2),
    )  # fmt: skip
    banner = old.get_model("articles", "Banner").objects.create(
        name="한빛전자 가을 캠페인", slot="site_top", image="banners/2026/11/top.jpg", link_url="https://ad.example/",
        alt_text="한빛전자 광고",
    )  # fmt: skip
    stat = old.get_model("articles", "BannerStat").objects.create(
        banner=banner, day=date(2026, 11, 28), shard=3, impressions=1200, clicks=34
    )
    hour = timezone.make_aware(datetime(2026, 11, 28, 9))
    views = old.get_model("articles", "ArticleViewCount").objects.create(article=article, hour=hour, shard=1, views=57)

    user = old.get_model("auth", "User").objects.create(username="adteam", password="!", is_staff=True)
    group = old.get_model("auth", "Group").objects.create(name="광고팀")
    banner_permissions = old_permission.objects.filter(content_type=content_types["banner"])
    group.permissions.set(banner_permissions.filter(codename__in=["view_banner", "change_banner"]))
    user.groups.add(group)
    user.user_permissions.add(
        old_permission.objects.get(content_type=content_types["articleviewcount"], codename="view_articleviewcount")
    )
    entry = old.get_model("admin", "LogEntry").objects.create(
        action_time=timezone.now(), user=user, content_type=content_types["banner"], object_id=str(banner.pk),
        object_repr=banner.name, action_flag=ADDITION, change_message='[{"added": {}}]',
    )  # fmt: skip
    revision = old.get_model("reversion", "Revision").objects.create(
        date_created=timezone.now(), user=user, comment="첫 저장"
    )
    version = old.get_model("reversion", "Version").objects.create(
        revision=revision, object_id=str(article.pk), content_type=article_type, db="default", format="json",
        serialized_data=serializers.serialize("json", [article]), object_repr=article.headline,
    )  # fmt: skip
    before = {table: rows(table) for table in TABLES}
    assert all(before.values())

    latest(executor)

    # Same tables, same rows: nothing was copied, created or dropped.
    assert set(connection.introspection.table_names()) == tables
    assert {Banner._meta.db_table, BannerStat._meta.db_table, ArticleViewCount._meta.db_table} == TABLES
    # (Columns added by later migrations come after the old ones: the banner's image size.)
    assert {table: [row[: len(before[table][0])] for row in rows(table)] for table in TABLES} == before
    moved_banner = Banner.objects.get(pk=banner.pk)
    assert (moved_banner.name, moved_banner.slot, moved_banner.image.name) == (banner.name, "site_top", banner.image)
    assert list(moved_banner.stats.values_list("pk", "day", "shard", "impressions", "clicks")) == [
        (stat.pk, date(2026, 11, 28), 3, 1200, 34)
    ]
    assert list(ArticleViewCount.objects.filter(article_id=article.pk).values_list("pk", "hour", "views")) == [
        (views.pk, hour, 57)
    ]

    # The same content types and permissions, now under the new apps; none is left under articles.
    assert content_type_ids() == old_ids
    assert ContentType.objects.get_for_model(Banner).pk == content_types["banner"].pk
    assert not ContentType.objects.filter(app_label="articles", model__in=MOVED).exists()
    assert permission_ids(old_ids.values()) == permissions
    assert permissions_of(Group.objects.get(pk=group.pk)) == {"ads.view_banner", "ads.change_banner"}
    member = User.objects.get(pk=user.pk)
    assert member.has_perm("ads.change_banner")
    assert member.has_perm("ads.view_banner")
    assert member.has_perm("audience.view_articleviewcount")
    assert not member.has_perm("articles.change_banner")

    # The admin log entry is about the banner, where the admin now shows it.
    logged = LogEntry.objects.get(pk=entry.pk)
    assert logged.content_type_id == content_types["banner"].pk
    assert logged.get_edited_object() == moved_banner
    assert logged.get_admin_url() == reverse("admin:ads_banner_change", args=[banner.pk])
    editor = User.objects.create_superuser("desk", password="x")
    client = Client()
    client.force_login(editor)
    history = client.get(reverse("admin:ads_banner_history", args=[banner.pk]))
    assert history.status_code == 200
    assert "adteam" in history.content.decode()

    # The article's history is still its history.
    (kept,) = Version.objects.get_for_object(Article.objects.get(pk=article.pk))
    assert kept.pk == version.pk
    assert kept.revision.comment == "첫 저장"
    assert kept.field_dict["headline"] == "배너가 옮겨 가기 전의 기사"

    # What `migrate` does next (post_migrate: content types, permissions, roles) makes no second copy of any.
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert content_type_ids() == old_ids
    assert permission_ids(old_ids.values()) == permissions
    assert "ads.view_banner" in permissions_of(Group.objects.get(name=DESK))
    assert User.objects.get(pk=user.pk).has_perm("ads.change_banner")


def test_back_to_the_previous_release_and_forward_again(executor):
    tables = set(connection.introspection.table_names())
    banner = Banner.objects.create(
        name="봄 캠페인", slot="home_side", image="banners/2026/03/side.jpg", link_url="https://ad.example/",
        alt_text="광고",
    )  # fmt: skip
    BannerStat.objects.create(banner=banner, day=date(2026, 3, 2), shard=0, impressions=10, clicks=1)
    ids = content_type_ids()
    permissions = permission_ids(ids.values())
    desk = set(Group.objects.get(name=DESK).permissions.values_list("pk", flat=True))
    editor = User.objects.create_user("adteam", password="x", is_staff=True)
    entry = LogEntry.objects.create(
        user=editor, content_type_id=ids["banner"], object_id=str(banner.pk), object_repr=banner.name,
        action_flag=ADDITION,
    )  # fmt: skip
    before = {table: rows(table) for table in TABLES}

    executor, old = previous_release(executor)

    # The same content types are the previous release's again, with their permissions; the rows are untouched.
    old_content_type = old.get_model("contenttypes", "ContentType")
    assert {model: old_content_type.objects.get(pk=pk).app_label for model, pk in ids.items()} == {
        model: app for model, (app, _) in MOVED.items()
    }
    assert not old_content_type.objects.filter(app_label__in=NEW_APPS).exists()
    assert permission_ids(ids.values(), old.get_model("auth", "Permission")) == permissions
    new_tables = tables_of_this_release(executor, old)
    assert not new_tables & TABLES
    assert set(connection.introspection.table_names()) == tables - new_tables
    # (Less the columns this release added at their ends: the banner's image size.)
    now = {table: rows(table) for table in TABLES}
    assert now == {table: [row[: len(now[table][0])] for row in before[table]] for table in TABLES}
    assert old.get_model("articles", "Banner").objects.get(pk=banner.pk).stats.get().impressions == 10
    assert old.get_model("admin", "LogEntry").objects.get(pk=entry.pk).content_type_id == ids["banner"]

    # The new code runs on this database as it is until its migrate: it makes a content type of its own on the
    # first banner change the admin logs, and post_migrate would give it permissions, which a group may get.
    fresh = ContentType.objects.get_for_model(Banner)
    assert fresh.pk != ids["banner"]
    logged_meanwhile = LogEntry.objects.create(
        user=editor, content_type=fresh, object_id=str(banner.pk), object_repr=banner.name, action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["weight"]}}]),
    )  # fmt: skip
    create_permissions(Banner._meta.app_config, verbosity=0)
    ad_team = Group.objects.create(name="광고팀")
    ad_team.permissions.add(Permission.objects.get(content_type=fresh, codename="change_banner"))
    editor.groups.add(ad_team)

    latest(executor)

    # The old content types won, with all that pointed at either.
    assert content_type_ids() == ids
    assert not ContentType.objects.filter(pk=fresh.pk).exists()
    assert not ContentType.objects.filter(app_label="articles", model__in=MOVED).exists()
    assert permission_ids(ids.values()) == permissions
    assert set(Group.objects.get(name=DESK).permissions.values_list("pk", flat=True)) == desk
    assert permissions_of(Group.objects.get(pk=ad_team.pk)) == {"ads.change_banner"}
    assert User.objects.get(pk=editor.pk).has_perm("ads.change_banner")
    for logged in LogEntry.objects.filter(pk__in=[entry.pk, logged_meanwhile.pk]):
        assert logged.content_type_id == ids["banner"]
        assert logged.get_edited_object() == banner
    assert set(connection.introspection.table_names()) == tables
    assert {table: rows(table) for table in TABLES} == before

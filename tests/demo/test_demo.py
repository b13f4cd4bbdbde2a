import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ads.models import Banner
from articles.history import save_in_revision
from articles.models import Article, Byline, RelatedPick, Reporter, Section, Series
from audience.counting import count_view, hour_of
from audience.models import ArticleViewCount
from demo import content
from demo.loader import DEMO_SHARD
from demo.models import DemoArticle, DemoSection

from ..pages import find, find_all

MODEL_STORY = "meta-cro-exit"
WEEK = timedelta(days=7)


@pytest.fixture
def demo(db, capsys):
    call_command("load_demo")
    return capsys.readouterr().out


def demo_article(key: str) -> Article:
    return DemoArticle.objects.select_related("article").get(key=key).article


def written(key: str) -> dict:
    """The entry of demo.content with that key."""
    return next(data for data in content.ARTICLES if data["key"] == key)


def written_time(data: dict) -> datetime:
    return timezone.make_aware(datetime.strptime(data["published_at"], "%Y-%m-%d %H:%M"))


def written_newest_first() -> list[str]:
    """The demo's headlines in the order of the release times written in demo.content, newest first."""
    return [data["headline"] for data in sorted(content.ARTICLES, key=lambda data: data["published_at"], reverse=True)]


def newest_demo_article() -> Article:
    return Article.objects.published().filter(demo_entry__isnull=False).newest_first().first()


def popular_lists(page: str) -> list[list[str]]:
    """The article addresses of each list on /popular/, in order: 최근 24시간, then 최근 7일."""
    rankings = [find(page, "section", aria_labelledby=f"ranking-{number}") for number in (1, 2)]
    return [
        [dict(link.attributes)["href"] for link in find_all(ranking, "a", class_="rank-list__headline")]
        for ranking in rankings
    ]


def reload_demo(capsys, at) -> str:
    with time_machine.travel(at, tick=False):
        call_command("load_demo")
    return capsys.readouterr().out


def test_demo_paper_has_sections_series_reporters_and_about_thirty_articles(demo):
    assert "새로 만듦" in demo
    sections_with_articles = Section.objects.filter(articles__status="published").distinct().count()
    assert sections_with_articles >= 4
    assert Series.objects.filter(articles__isnull=False).distinct().count() >= 3
    assert 30 <= Article.objects.published().count() <= 40
    assert {"윤슬", "이종화"} <= set(Reporter.objects.values_list("name", flat=True))
    assert set(Banner.objects.values_list("slot", flat=True)) >= {"article_top", "article_side", "article_bottom"}


def test_model_story_is_in_bigtech_under_the_column_by_yoon_seul_with_five_related(demo, client):
    story = Article.objects.get(headline__contains="헤게만")

    assert story.section.name == "빅테크"
    assert story.series.name == "빅테크칼럼"
    assert [reporter.name for reporter in story.byline_reporters] == ["윤슬"]
    assert story.related_count() >= 5
    page = client.get(story.get_absolute_url()).text
    assert "[뉴스스페이스=윤슬 기자]" in page
    assert page.count('class="related__headline"') == 5


def test_newest_demo_article_is_an_hour_old_and_the_rest_keep_their_order_over_the_past_weeks(demo):
    now = timezone.now()
    articles = list(Article.objects.published().newest_first())

    # Stamped on the whole minute of the load, an hour back; the test may have crossed into the next minute since.
    assert timedelta(hours=1) <= now - articles[0].published_at < timedelta(hours=1, minutes=2)
    assert [article.headline for article in articles] == written_newest_first()
    assert now - articles[-1].published_at > timedelta(weeks=4)


def test_model_story_is_the_newest_bigtech_column_story_and_on_the_front_page(demo, client):
    story = demo_article(MODEL_STORY)

    column = Article.objects.published().filter(series__slug="bigtech-column").newest_first()
    front_page = client.get("/").text
    series_page = client.get("/series/bigtech-column/").text

    assert column.first() == story
    assert f"[빅테크칼럼] {story.headline}" in front_page
    assert f'href="{story.get_absolute_url()}"' in front_page
    assert series_page.index(story.get_absolute_url()) < series_page.index(column[1].get_absolute_url())


def test_front_page_and_date_page_show_todays_news(demo, client):
    newest = newest_demo_article()
    day = timezone.localdate(newest.published_at)

    front_page = client.get("/").text
    date_page = client.get(f"/date/{day:%Y/%m/%d}/")

    assert newest.headline in front_page
    assert date_page.status_code == 200
    assert f'href="{newest.get_absolute_url()}"' in date_page.text


def test_news_sitemap_lists_the_demo_articles_of_the_last_two_days(demo, client):
    recent = Article.objects.published().filter(published_at__gte=timezone.now() - timedelta(hours=48))

    sitemap = client.get("/sitemap-news.xml").text

    assert recent.count() >= 3
    assert sitemap.count("<news:news>") == recent.count()
    for article in recent:
        assert f"{article.get_absolute_url()}</loc>" in sitemap
    assert demo_article(MODEL_STORY).get_absolute_url() in sitemap


def test_popular_page_ranks_the_last_day_apart_from_the_week(demo, client):
    day, week = popular_lists(client.get("/popular/").text)

    leader_of_the_day, leader_of_the_week = (Article.objects.get(pk=url.split("/")[2]) for url in (day[0], week[0]))
    assert len(day) >= 10 and len(week) >= 10
    assert day != week
    assert timezone.now() - leader_of_the_day.published_at < timedelta(days=1)
    assert timezone.now() - leader_of_the_week.published_at > timedelta(days=1)


def test_demo_views_are_counted_only_in_hours_after_each_release(demo):
    views = ArticleViewCount.objects.select_related("article")

    assert views.count() > 0
    assert {row.article_id for row in views} == set(Article.objects.values_list("pk", flat=True))
    assert all(row.hour >= row.article.published_at for row in views)
    assert all(row.hour <= timezone.now() and row.hour.minute == 0 for row in views)


def test_legacy_section_addresses_of_the_demo_sections_redirect_to_them(demo, client):
    for data in content.SECTIONS:
        response = client.get("/news/section.html", {"sec_no": data["legacy_sec_no"]})

        assert response.status_code == 301
        assert response["Location"] == f"/sections/{data['slug']}/"


def test_loading_the_demo_twice_adds_nothing(demo, capsys):
    before = Article.objects.count(), Reporter.objects.count(), Banner.objects.count(), DemoArticle.objects.count()

    call_command("load_demo")

    after = Article.objects.count(), Reporter.objects.count(), Banner.objects.count(), DemoArticle.objects.count()
    assert after == before
    assert "새로 만듦 섹션 0건, 연재 0건, 기자 0건, 기사 0건, 배너 0건" in capsys.readouterr().out


def test_loading_twice_within_the_minute_changes_nothing(db, capsys):
    moment = timezone.now().replace(second=5)
    first = reload_demo(capsys, moment)
    articles = list(Article.objects.order_by("pk").values())
    views = list(ArticleViewCount.objects.order_by("pk").values("article_id", "hour", "shard", "views"))

    second = reload_demo(capsys, moment + timedelta(seconds=40))

    assert "기사 33건" in first
    assert "출고 시각을 지금에 맞춤 기사 0건" in second
    assert list(Article.objects.order_by("pk").values()) == articles
    assert list(ArticleViewCount.objects.order_by("pk").values("article_id", "hour", "shard", "views")) == views


def test_reloading_the_demo_keeps_an_editors_changes(demo):
    story = Article.objects.get(headline__contains="헤게만")
    story.headline = "편집자가 고친 제목"
    story.save()
    Section.objects.filter(slug="bigtech").update(name="테크")

    call_command("load_demo")

    assert Article.objects.filter(headline__contains="헤게만").count() == 0
    assert Article.objects.get(pk=story.pk).headline == "편집자가 고친 제목"
    assert Section.objects.get(slug="bigtech").name == "테크"


def test_demo_articles_read_as_never_revised(demo, client):
    story = Article.objects.get(headline__contains="헤게만")

    page = client.get(story.get_absolute_url()).text

    assert "입력 <time" in page
    assert "수정 <time" not in page


def test_a_load_a_week_later_makes_the_paper_current_again_without_duplicating_anything(demo, capsys, client):
    counts = [model.objects.count() for model in (Article, Byline, RelatedPick, Section, Series, Banner)]
    later = timezone.now() + WEEK

    out = reload_demo(capsys, later)

    with time_machine.travel(later, tick=False):
        articles = list(Article.objects.published().newest_first())
        story = demo_article(MODEL_STORY)
        page = client.get(story.get_absolute_url()).text
        popular = popular_lists(client.get("/popular/").text)
        sitemap = client.get("/sitemap-news.xml").text
    assert "출고 시각을 지금에 맞춤 기사 33건" in out
    assert [model.objects.count() for model in (Article, Byline, RelatedPick, Section, Series, Banner)] == counts
    assert later - articles[0].published_at == timedelta(hours=1, seconds=later.second, microseconds=later.microsecond)
    assert [article.headline for article in articles] == written_newest_first()
    assert story.created_at == story.updated_at == story.published_at
    assert "수정 <time" not in page
    assert popular[0] != popular[1]
    assert story.get_absolute_url() in sitemap


def test_a_load_a_week_later_keeps_what_an_editor_changed_or_wrote(demo, capsys, django_user_model):
    desk = django_user_model.objects.create_user("desk")
    edited = demo_article("google-engineer-claude-code")
    edited.headline = "데스크가 고친 제목"
    save_in_revision(edited, desk, "제목 수정")  # as the admin saves: updated_by and a new updated_at
    edited.refresh_from_db()
    own = Article.objects.create(
        headline="편집자가 쓴 새 기사",
        body="<p>본문</p>",
        section=edited.section,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(minutes=5),
        created_by=desk,
        updated_by=desk,
    )
    ArticleViewCount.objects.create(article=own, hour=hour_of(timezone.now()), shard=0, views=3)
    views_of = {article.pk: list(article.view_counts.order_by("pk").values()) for article in (edited, own)}

    out = reload_demo(capsys, timezone.now() + WEEK)

    assert "출고 시각을 지금에 맞춤 기사 32건" in out
    kept = Article.objects.get(pk=edited.pk)
    assert kept.headline == "데스크가 고친 제목"
    assert (kept.published_at, kept.updated_at) == (edited.published_at, edited.updated_at)
    assert Article.objects.get(pk=own.pk).published_at == own.published_at
    for pk, views in views_of.items():
        assert list(ArticleViewCount.objects.filter(article=pk).order_by("pk").values()) == views
    assert not Article.objects.filter(headline=written("google-engineer-claude-code")["headline"]).exists()


def test_a_load_a_week_later_moves_the_demo_views_with_their_articles(demo, capsys):
    later = timezone.now() + WEEK

    reload_demo(capsys, later)

    views = ArticleViewCount.objects.select_related("article")
    assert all(row.hour >= row.article.published_at for row in views)
    assert views.filter(hour__gte=later - timedelta(hours=24)).values("article").distinct().count() >= 10


def test_a_load_a_week_later_keeps_every_view_readers_made(demo, capsys):
    story = demo_article(MODEL_STORY)
    for _ in range(12):
        count_view(story)
    readers = list(
        ArticleViewCount.objects.filter(article=story, hour=hour_of(timezone.now())).exclude(shard=DEMO_SHARD)
    )

    reload_demo(capsys, timezone.now() + WEEK)

    assert sum(row.views for row in readers) == 12
    for row in readers:
        assert ArticleViewCount.objects.get(pk=row.pk).views == row.views


def test_search_finds_restamped_articles_by_their_new_release_date(demo, capsys, client):
    later = timezone.now() + WEEK

    reload_demo(capsys, later)

    with time_machine.travel(later, tick=False):
        newest = newest_demo_article()
        since = timezone.localdate(newest.published_at)
        found = client.get("/search/", {"q": "한파", "since": f"{since:%Y-%m-%d}"}).text
    assert f'href="{newest.get_absolute_url()}"' in found


def test_an_article_an_editor_deleted_is_not_made_again(demo, capsys):
    gone = demo_article("ces-2026-preview")
    headline = gone.headline
    gone.delete()
    count = Article.objects.count()

    out = reload_demo(capsys, timezone.now() + WEEK)

    assert "편집자가 지워 다시 만들지 않음 기사 1건" in out
    assert Article.objects.count() == count
    assert not Article.objects.filter(headline=headline).exists()
    assert DemoArticle.objects.get(key="ces-2026-preview").article is None


def test_the_desk_can_restore_a_demo_article_it_deleted(demo, admin_client):
    gone = demo_article("ces-2026-preview")
    gone.delete()

    listed = admin_client.get(reverse("admin:articles_article_recoverlist"))

    assert listed.status_code == 200
    assert gone.headline in listed.text


def test_a_demo_loaded_before_the_keys_were_recorded_is_matched_and_made_current(demo, capsys):
    # As the previous loader left it: its fixed release times, no DemoArticle or DemoSection rows, no 옛 섹션 번호.
    for entry in DemoArticle.objects.all():
        at = written_time(written(entry.key))
        Article.objects.filter(pk=entry.article_id).update(published_at=at, created_at=at, updated_at=at)
    edited = demo_article(MODEL_STORY)
    Article.objects.filter(pk=edited.pk).update(headline="예전에 고친 제목", updated_at=timezone.now())
    DemoArticle.objects.all().delete()
    DemoSection.objects.all().delete()
    Section.objects.update(legacy_sec_no=None)
    Section.objects.filter(slug="economy").update(legacy_sec_no=99)  # an editor's number
    count = Article.objects.count()

    out = reload_demo(capsys, timezone.now())

    assert Article.objects.count() == count
    assert DemoArticle.objects.filter(article__isnull=False).count() == count
    assert "출고 시각을 지금에 맞춤 기사 32건" in out
    assert timezone.now() - newest_demo_article().published_at < timedelta(hours=1, minutes=2)
    kept = Article.objects.get(pk=edited.pk)
    assert (kept.headline, kept.published_at) == ("예전에 고친 제목", written_time(written(MODEL_STORY)))
    numbers = dict(Section.objects.values_list("slug", "legacy_sec_no"))
    assert numbers == {
        data["slug"]: 99 if data["slug"] == "economy" else data["legacy_sec_no"] for data in content.SECTIONS
    }


def test_a_legacy_section_number_an_editor_cleared_or_changed_stays_so(demo, client):
    Section.objects.filter(slug="society").update(legacy_sec_no=None)
    Section.objects.filter(slug="culture").update(legacy_sec_no=42)

    call_command("load_demo")

    assert Section.objects.get(slug="society").legacy_sec_no is None
    assert Section.objects.get(slug="culture").legacy_sec_no == 42
    assert client.get("/news/section.html", {"sec_no": 42})["Location"] == "/sections/culture/"
    assert client.get("/news/section.html", {"sec_no": 18}).status_code == 404  # society's, cleared


def printed_code(printed: str) -> str:
    return re.search(r"백업 코드 \(하나씩 한 번만, 실행할 때마다 새로\): (\d{8})", printed).group(1)


def sign_in(client, password: str, code: str) -> None:
    """Signs in to the admin as the demo editor: the password, then a backup code as ensure_demo_editor printed."""
    signed = client.post("/admin/login/", {"username": "editor", "password": password, "next": "/admin/"})
    assert signed.status_code == 302
    assert client.get("/admin/").url == "/admin/two-factor/"
    assert client.post("/admin/two-factor/", {"code": code}).status_code == 302


def test_demo_editor_can_log_in_to_the_admin_and_is_kept_on_rerun(db, client, capsys, settings):
    settings.DEBUG = True
    call_command("ensure_demo_editor")
    first = capsys.readouterr().out
    call_command("ensure_demo_editor", password="something-else")
    again = capsys.readouterr().out

    assert "아이디: editor" in first
    assert "비밀번호: newsroom-demo" in first
    sign_in(client, "newsroom-demo", printed_code(again))  # each run prints new codes; the password stays
    assert client.get("/admin/articles/article/").status_code == 200


def test_the_demo_editor_is_greeted_by_a_name(db, client, capsys, settings):
    settings.DEBUG = True
    call_command("ensure_demo_editor")
    sign_in(client, "newsroom-demo", printed_code(capsys.readouterr().out))

    assert "환영합니다, <strong>데모편집자</strong> 님." in client.get("/admin/").text


def test_the_demo_editors_login_names_the_address_the_demo_is_served_on(db, capsys, settings):
    settings.DEBUG = True

    call_command("ensure_demo_editor", site="http://127.0.0.1:8311")

    assert "편집국 주소: http://127.0.0.1:8311/admin/" in capsys.readouterr().out


def test_demo_editor_is_refused_in_production(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False

    with pytest.raises(CommandError, match="운영 환경"):
        call_command("ensure_demo_editor")


def test_once_the_demo_editor_set_up_an_app_a_rerun_keeps_its_backup_codes(db, capsys, settings):
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.twofactor import new_backup_codes

    settings.DEBUG = True
    call_command("ensure_demo_editor")
    editor = User.objects.get(username="editor")
    TOTPDevice.objects.create(user=editor, name="인증 앱", confirmed=True)
    kept = set(new_backup_codes(editor))
    capsys.readouterr()

    call_command("ensure_demo_editor")

    assert "등록한 인증 앱의 코드" in capsys.readouterr().out
    assert set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)) == kept

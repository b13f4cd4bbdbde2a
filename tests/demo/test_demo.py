import pytest
from django.core.management import call_command

from ads.models import Banner
from articles.models import Article, Reporter, Section, Series


@pytest.fixture
def demo(db, capsys):
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


def test_loading_the_demo_twice_adds_nothing(demo, capsys):
    before = Article.objects.count(), Reporter.objects.count(), Banner.objects.count()

    call_command("load_demo")

    assert (Article.objects.count(), Reporter.objects.count(), Banner.objects.count()) == before
    assert "새로 만듦 섹션 0건, 연재 0건, 기자 0건, 기사 0건, 배너 0건" in capsys.readouterr().out


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


def test_demo_editor_can_log_in_to_the_admin_and_is_kept_on_rerun(db, client, capsys, settings):
    settings.DEBUG = True
    call_command("ensure_demo_editor")
    first = capsys.readouterr().out
    call_command("ensure_demo_editor", password="something-else")

    assert "아이디: editor" in first
    assert "비밀번호: newsroom-demo" in first
    assert client.login(username="editor", password="newsroom-demo")
    assert client.get("/admin/articles/article/").status_code == 200


def test_demo_editor_is_refused_in_production(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False

    with pytest.raises(CommandError, match="운영 환경"):
        call_command("ensure_demo_editor")

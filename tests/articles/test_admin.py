"""An editor runs the newspaper from the admin without touching code."""

import pytest
from django.contrib.auth.models import Permission, User

from articles.models import Article, Reporter, Section, Series


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("desk", password="pw-for-tests-only", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="articles"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editor_sets_up_a_newspaper_and_publishes_an_article_readers_then_see(editor_client, client, article_form):
    response = editor_client.post("/admin/articles/section/add/", {"name": "사회", "slug": "society", "position": 1})
    assert response.status_code == 302
    section = Section.objects.get(slug="society")
    response = editor_client.post(
        "/admin/articles/series/add/",
        {"name": "날씨 돋보기", "slug": "weather-lens", "section": section.pk, "is_active": "on"},
    )
    assert response.status_code == 302
    series = Series.objects.get(slug="weather-lens")
    response = editor_client.post("/admin/articles/reporter/add/", {"name": "김도윤", "email": "", "is_active": "on"})
    assert response.status_code == 302
    reporter = Reporter.objects.get(name="김도윤")

    response = editor_client.post(
        "/admin/articles/article/add/", article_form(section, reporters=[reporter], series=series.pk)
    )

    assert response.status_code == 302
    article = Article.objects.get(headline="서울 첫눈 관측")
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    editor_client.logout()
    home = client.get("/").text
    assert "[날씨 돋보기] 서울 첫눈 관측" in home
    assert "[뉴스스페이스=김도윤 기자]" in client.get(article.get_absolute_url()).text


def test_publishing_without_a_reporter_is_refused_and_nothing_is_saved(editor_client, section, article_form):
    response = editor_client.post("/admin/articles/article/add/", article_form(section, reporters=[]))

    assert response.status_code == 200
    assert "기자를 한 명 이상 지정해야 출고할 수 있습니다." in response.text
    assert not Article.objects.exists()


def test_a_draft_may_be_saved_without_a_reporter(editor_client, section, article_form):
    response = editor_client.post("/admin/articles/article/add/", article_form(section, status="draft"))

    assert response.status_code == 302
    assert Article.objects.get().status == Article.Status.DRAFT


def test_publish_action_releases_drafts_with_reporters_and_refuses_the_rest(editor_client, make_article):
    ready = make_article("준비된 초안", status=Article.Status.DRAFT)
    orphan = make_article("기자 없는 초안", status=Article.Status.DRAFT, reporters=[])

    response = editor_client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [ready.pk, orphan.pk]},
        follow=True,
    )

    assert "기사 1건을 출고했습니다." in response.text
    assert "출고하지 못했습니다: 기자 없는 초안 (기자를 한 명 이상 지정해야 출고할 수 있습니다.)" in response.text
    ready.refresh_from_db()
    orphan.refresh_from_db()
    assert ready.status == Article.Status.PUBLISHED
    assert orphan.status == Article.Status.DRAFT


def test_unpublish_action_takes_an_article_off_the_site(editor_client, client, make_article):
    article = make_article("내릴 기사")

    editor_client.post("/admin/articles/article/", {"action": "unpublish_selected", "_selected_action": [article.pk]})

    assert client.get(article.get_absolute_url()).status_code == 404


def test_article_list_shows_prefixed_headlines_and_reporters(editor_client, make_article, make_series):
    make_article("메타 기사", series=make_series("빅테크칼럼"))

    page = editor_client.get("/admin/articles/article/").text

    assert "[빅테크칼럼] 메타 기사" in page
    assert "윤슬" in page


def test_reporter_autocomplete_finds_by_korean_name(editor_client, reporter, make_reporter):
    make_reporter("이종화")

    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "byline", "field_name": "reporter", "term": "윤"},
    )

    assert [item["text"] for item in response.json()["results"]] == ["윤슬"]


def test_related_pick_autocomplete_shows_series_prefix(editor_client, make_article, make_series):
    make_article("구글 엔지니어 이야기", series=make_series("빅테크칼럼"))

    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "relatedpick", "field_name": "to_article", "term": "구글"},
    )

    assert [item["text"] for item in response.json()["results"]] == ["[빅테크칼럼] 구글 엔지니어 이야기"]


def test_admin_is_closed_to_anonymous_visitors(client, make_article):
    article = make_article()

    response = client.get(f"/admin/articles/article/{article.pk}/change/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_staff_without_article_permissions_cannot_edit(client, db, make_article, article_form):
    article = make_article("남의 기사")
    client.force_login(User.objects.create_user("intern", password="pw-for-tests-only", is_staff=True))

    response = client.post(
        f"/admin/articles/article/{article.pk}/change/", article_form(article.section, headline="바꾼 제목")
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "남의 기사"


def test_staff_who_may_only_view_articles_cannot_publish_or_unpublish(client, make_article):
    viewer = User.objects.create_user("viewer", password="pw-for-tests-only", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    draft = make_article("초안", status=Article.Status.DRAFT)
    live = make_article("출고된 기사")

    client.post("/admin/articles/article/", {"action": "publish_selected", "_selected_action": [draft.pk]})
    client.post("/admin/articles/article/", {"action": "unpublish_selected", "_selected_action": [live.pk]})

    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert live.status == Article.Status.PUBLISHED


def test_an_article_cannot_pick_itself_as_related(editor_client, make_article, change):
    article = make_article("자기 자신")
    pick_itself = {
        "related_picks-TOTAL_FORMS": "1",
        "related_picks-0-to_article": article.pk,
        "related_picks-0-position": 0,
    }

    response = change(editor_client, article, **pick_itself)

    assert response.status_code == 200
    assert "기사 자신은 관련기사로 고를 수 없습니다." in response.text
    assert not article.related_picks.exists()


def test_the_same_reporter_twice_in_a_byline_is_refused_with_a_message(editor_client, section, reporter, article_form):
    form = article_form(section, reporters=[reporter, reporter])

    response = editor_client.post("/admin/articles/article/add/", form)

    assert response.status_code == 200
    assert "중복" in response.text
    assert not Article.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_impossible_release_date_is_refused_with_a_message(editor_client, section, reporter, article_form, day):
    form = article_form(section, reporters=[reporter], published_at_0=day, published_at_1="00:00:00")

    response = editor_client.post("/admin/articles/article/add/", form)

    assert response.status_code == 200
    assert "1900년부터 2999년 사이의 날짜를 입력하세요." in response.text
    assert not Article.objects.exists()


def test_an_out_of_range_date_filter_in_the_article_list_is_no_server_error(editor_client, make_article):
    make_article("남아 있는 기사")

    # PostgreSQL holds year 1 and filters by it; SQLite cannot, and the list drops the filter instead.
    response = editor_client.get("/admin/articles/article/", {"published_at__gte": "0001-01-01 00:00:00"}, follow=True)

    assert response.status_code == 200
    assert "남아 있는 기사" in response.text

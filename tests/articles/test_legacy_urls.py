"""Links to the former site's pages keep working: each old address sends readers on to its new page for good (301),
and anything else at those addresses is a plain 404."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management.color import no_style
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article


def location(response) -> str:
    assert response.status_code == 301, response.status_code
    return response["Location"]


@pytest.fixture
def old_section(section):
    section.legacy_sec_no = 15
    section.save()
    return section


def test_an_old_article_link_leads_to_the_article(client, make_article):
    article = make_article()

    response = client.get(f"/news/articleView.html?idxno={article.pk}")

    assert location(response) == f"/articles/{article.pk}/"
    assert client.get(location(response)).status_code == 200


def test_an_old_article_link_ignores_the_former_sites_other_parameters(client, make_article):
    article = make_article()

    response = client.get(f"/news/articleView.html?idxno={article.pk}&replyAll=&reply_sc_order_by=C&next=//x.example")

    assert location(response) == f"/articles/{article.pk}/"


def test_an_old_article_link_with_leading_zeros_is_the_same_number(client, make_article):
    article = make_article()

    assert location(client.get(f"/news/articleView.html?idxno=000{article.pk}")) == f"/articles/{article.pk}/"


def test_an_old_article_link_answers_head_requests_too(client, make_article):
    article = make_article()

    assert location(client.head(f"/news/articleView.html?idxno={article.pk}")) == f"/articles/{article.pk}/"


def test_an_imported_article_keeps_its_old_number(client, make_article):
    make_article(pk=12345, headline="옛 사이트 기사")

    response = client.get("/news/articleView.html?idxno=12345")

    assert location(response) == "/articles/12345/"
    assert "옛 사이트 기사" in client.get(location(response)).text


def test_new_articles_number_on_after_imported_ones_once_sequences_are_reset(make_article):
    make_article(pk=12345)
    # What `manage.py sqlsequencereset articles` prints, without its BEGIN/COMMIT around the test's transaction.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Article]):
            cursor.execute(statement)

    assert make_article().pk == 12346


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.WITHDRAWN, "published_at": timezone.now() - timedelta(days=1)},
        {"published_at": timezone.now() + timedelta(days=1)},  # 예약 출고
        {"published_at": timezone.now() - timedelta(days=2), "ends_at": timezone.now() - timedelta(days=1)},
    ],
    ids=["draft", "withdrawn", "scheduled", "ended"],
)
def test_an_article_readers_may_not_see_is_not_found_by_its_old_number(client, make_article, fields):
    article = make_article(**fields)

    assert client.get(f"/news/articleView.html?idxno={article.pk}").status_code == 404


def test_an_old_section_link_leads_to_the_section_with_that_number(client, old_section, make_section):
    make_section("경제", legacy_sec_no=33)

    response = client.get("/news/section.html?sec_no=15&view_type=sm")

    assert location(response) == "/sections/bigtech/"


def test_an_old_section_list_link_keeps_its_page(client, settings, make_article, old_section):
    settings.ARTICLES_PER_PAGE = 2
    for _ in range(5):
        make_article()

    third = client.get("/news/section_list_all.html?sec_no=15&page=3&view_type=sm")
    first = client.get("/news/section_list_all.html?sec_no=15&page=1")
    unnumbered = client.get("/news/section_list_all.html?sec_no=15&page=")

    assert location(third) == "/sections/bigtech/?page=3"
    assert len(client.get(location(third)).context["page"].object_list) == 1
    assert location(first) == "/sections/bigtech/"
    assert location(unnumbered) == "/sections/bigtech/"


def test_an_old_reporter_link_leads_to_the_reporter_page(client, reporter, make_reporter):
    make_reporter("이종화")

    response = client.get(f"/news/article_list_writer.html?name={quote('윤슬')}")
    padded = client.get(f"/news/article_list_writer.html?name={quote(' 윤슬 ')}")

    assert location(response) == reporter.get_absolute_url()
    assert location(padded) == reporter.get_absolute_url()


def test_of_reporters_sharing_a_name_the_link_prefers_one_at_the_paper_then_the_latest_to_publish(
    client, make_reporter, make_article
):
    url = f"/news/article_list_writer.html?name={quote('김민준')}"
    first = make_reporter("김민준")
    second = make_reporter("김민준")
    assert location(client.get(url)) == first.get_absolute_url()  # nobody has published: the earliest

    make_article(reporters=[first], age=timedelta(days=3))
    make_article(reporters=[second], age=timedelta(days=1))
    make_article(reporters=[first], published_at=timezone.now() + timedelta(days=1))  # scheduled: not yet
    assert location(client.get(url)) == second.get_absolute_url()

    left = make_reporter("김민준", is_active=False)
    make_article(reporters=[left], age=timedelta(hours=1))
    assert location(client.get(url)) == second.get_absolute_url()


def test_the_old_most_read_list_leads_to_the_most_read_page(client, db):
    response = client.get("/news/best_list_all.html")

    assert location(response) == reverse("audience:popular")


JUNK = [
    "/news/articleView.html",
    "/news/articleView.html?idxno=",
    "/news/articleView.html?idxno=abc",
    "/news/articleView.html?idxno=1e5",
    "/news/articleView.html?idxno=-{pk}",
    "/news/articleView.html?idxno=%2B{pk}",
    "/news/articleView.html?idxno=%20{pk}",
    "/news/articleView.html?idxno={pk}.0",
    "/news/articleView.html?idxno=0",
    "/news/articleView.html?idxno=%EF%BC%91",  # a full-width digit
    "/news/articleView.html?idxno=%D9%A1",  # an Arabic-Indic digit
    "/news/articleView.html?idxno={pk}&idxno={pk}",
    "/news/articleView.html?idxno=999999999999999999",
    "/news/articleView.html?idxno=9223372036854775808",
    "/news/articleView.html?idxno=" + "9" * 40,
    "/news/articleView.html?IDXNO={pk}",
    "/news/section.html",
    "/news/section.html?sec_no=",
    "/news/section.html?sec_no=abc",
    "/news/section.html?sec_no=-15",
    "/news/section.html?sec_no=16",
    "/news/section.html?sec_no=15&sec_no=15",
    "/news/section.html?sec_no=99999999999",
    "/news/section.html?sec_no=" + "9" * 19,
    "/news/section_list_all.html?page=2",
    "/news/section_list_all.html?sec_no=15&page=0",
    "/news/section_list_all.html?sec_no=15&page=-1",
    "/news/section_list_all.html?sec_no=15&page=abc",
    "/news/section_list_all.html?sec_no=15&page=1.5",
    "/news/section_list_all.html?sec_no=15&page=2",  # the section has one page
    "/news/section_list_all.html?sec_no=15&page=99999",
    "/news/section_list_all.html?sec_no=15&page=" + "9" * 19,
    "/news/section_list_all.html?sec_no=15&page=1&page=1",
    "/news/article_list_writer.html",
    "/news/article_list_writer.html?name=",
    "/news/article_list_writer.html?name=%20%20",
    "/news/article_list_writer.html?name=%EC%9C%A4%09%EC%8A%AC",
    "/news/article_list_writer.html?name=%FF%FE",
    "/news/article_list_writer.html?name=" + quote("윤슬".encode("euc-kr")),
    "/news/article_list_writer.html?name=" + quote("윤슬") + "&name=" + quote("윤슬"),
    "/news/article_list_writer.html?name=" + quote("아무개"),
    "/news/whatever.html",
    "/news/articleView.htm?idxno={pk}",
    "/news/articleview.html?idxno={pk}",
    "/news/articleView.html/?idxno={pk}",
]


@pytest.mark.parametrize("url", JUNK)
def test_malformed_or_unknown_old_links_answer_404(client, make_article, old_section, reporter, url):
    article = make_article()  # a real one, so that only what is wrong with the link makes it a 404

    assert client.get(url.format(pk=article.pk)).status_code == 404


# A NUL is refused for every address before any view reads it (newsroom.middleware).
@pytest.mark.parametrize(
    "url",
    [
        "/news/articleView.html?idxno={pk}%00",
        "/news/articleView.html?idxno=%00",
        "/news/section.html?sec_no=15%00",
        "/news/section_list_all.html?sec_no=15&page=%00",
        "/news/article_list_writer.html?name=%00",
        "/news/article_list_writer.html?name=%EC%9C%A4%EC%8A%AC%00",
    ],
)
def test_old_links_with_a_nul_are_refused_with_the_400_page(client, make_article, old_section, reporter, url):
    article = make_article()

    assert client.get(url.format(pk=article.pk)).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/news/articleView.html?idxno={pk}",
        "/news/section.html?sec_no=15",
        "/news/article_list_writer.html?name=%EC%9C%A4%EC%8A%AC",
        "/news/best_list_all.html",
    ],
)
def test_old_links_only_answer_reading(client, make_article, old_section, reporter, url):
    article = make_article()

    assert client.post(url.format(pk=article.pk)).status_code == 405


def test_an_editor_gives_a_section_its_old_number_in_the_admin(client, section):
    editor = User.objects.create_user("desk", password="pw-for-tests-only", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="articles"))
    client.force_login(editor)

    response = client.post(
        f"/admin/articles/section/{section.pk}/change/",
        {"name": section.name, "slug": section.slug, "description": "", "position": 0, "legacy_sec_no": 33},
    )

    assert response.status_code == 302
    assert location(client.get("/news/section.html?sec_no=33")) == section.get_absolute_url()
    found = client.get("/admin/articles/section/", {"q": "33"})
    assert list(found.context["cl"].result_list) == [section]
    assert client.get("/admin/articles/section/", {"q": "빅테크"}).status_code == 200

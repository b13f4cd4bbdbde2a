"""The reporter's side of the desk: a byline to start with, nothing sent unsigned, 회수 while the desk has not
touched it, a sent story read as readers will read it, and only what readers can see offered on the site."""

import re

import pytest
from django.test import Client
from reversion.models import Version

from articles.models import Article, EditLock, KeptEdit


@pytest.fixture
def sent(client, yoon, make_article, change):
    """윤슬's story, sent to the desk from her form."""
    article = make_article("반도체 호황 오나", status=Article.Status.DRAFT, created_by=yoon, body="<p>첫 문단.</p>")
    client.force_login(yoon)
    change(client, article, status="draft", body="<p>첫 문단.</p>", _submit="저장하고 데스크에 넘기기")
    article.refresh_from_db()
    assert article.status == Article.Status.SUBMITTED
    return article


def test_a_new_article_starts_with_the_reporters_own_byline(client, yoon, reporter):
    client.force_login(yoon)

    page = client.get("/admin/articles/article/add/").text

    assert f'<option value="{reporter.pk}" selected>윤슬</option>' in page


def test_an_article_without_a_byline_cannot_be_sent_to_the_desk(client, yoon, make_article, change):
    draft = make_article("기자 없는 기사", status=Article.Status.DRAFT, created_by=yoon, reporters=[])
    client.force_login(yoon)

    response = change(client, draft, status="draft", _submit="저장하고 데스크에 넘기기")

    assert response.status_code == 200
    assert "기자를 한 명 이상 지정해야 데스크에 넘길 수 있습니다." in response.text
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_the_bulk_send_leaves_unsigned_articles_and_says_which(client, yoon, make_article):
    draft = make_article("기자 없는 기사", status=Article.Status.DRAFT, created_by=yoon, reporters=[])
    client.force_login(yoon)

    response = client.post(
        "/admin/articles/article/", {"action": "submit_selected", "_selected_action": [draft.pk]}, follow=True
    )

    assert "기자가 지정되지 않아 넘기지 않았습니다: ‘기자 없는 기사’" in response.text
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_a_reporter_recalls_a_sent_article_the_desk_has_not_touched(client, sent):
    page = client.get(f"/admin/articles/article/{sent.pk}/change/").text
    response = client.post(f"/admin/articles/article/{sent.pk}/recall/", follow=True)

    assert "회수</button>" in page
    assert "‘반도체 호황 오나’를 회수했습니다." in response.text
    sent.refresh_from_db()
    assert sent.status == Article.Status.DRAFT


def test_no_recall_once_the_desk_has_saved_it(client, sent, desk, change):
    desk_client = Client()
    desk_client.force_login(desk)
    change(desk_client, sent, status="submitted", body="<p>데스크가 고친 문단.</p>")

    page = client.get(f"/admin/articles/article/{sent.pk}/change/").text
    response = client.post(f"/admin/articles/article/{sent.pk}/recall/", follow=True)

    assert "회수</button>" not in page
    assert "회수할 수 없습니다" in response.text
    sent.refresh_from_db()
    assert sent.status == Article.Status.SUBMITTED


def test_no_recall_while_the_desk_has_it_open(client, sent, desk):
    desk_client = Client()
    desk_client.force_login(desk)
    desk_client.get(f"/admin/articles/article/{sent.pk}/change/")  # takes the edit lock
    assert EditLock.objects.filter(article=sent, user=desk).exists()

    client.post(f"/admin/articles/article/{sent.pk}/recall/")

    sent.refresh_from_db()
    assert sent.status == Article.Status.SUBMITTED


def test_another_reporter_cannot_recall_it(sent, make_member):
    other = Client()
    other.force_login(make_member("lee", "기자"))

    response = other.post(f"/admin/articles/article/{sent.pk}/recall/")

    assert response.status_code in (403, 404)
    sent.refresh_from_db()
    assert sent.status == Article.Status.SUBMITTED


def test_recall_is_a_post_only(client, sent):
    assert client.get(f"/admin/articles/article/{sent.pk}/recall/").status_code == 405


def test_a_sent_article_reads_as_the_article_with_a_preview(client, sent):
    page = client.get(f"/admin/articles/article/{sent.pk}/change/").text

    assert '<div class="article-body-preview"><p>첫 문단.</p></div>' in page
    assert "&lt;p&gt;" not in page
    assert "미리보기</a>" in page
    assert client.get(f"/admin/articles/article/{sent.pk}/preview/").status_code == 200


def test_reporters_are_not_offered_save_and_add_another(client, yoon, make_member):
    client.force_login(yoon)
    reporter_page = client.get("/admin/articles/article/add/").text
    client.force_login(make_member("desk2", "데스크"))
    desk_page = client.get("/admin/articles/article/add/").text

    assert 'name="_addanother"' not in reporter_page
    assert "다른 이름으로 추가" not in reporter_page + desk_page
    assert 'name="_addanother"' in desk_page


def test_view_on_site_only_for_what_readers_can_see(client, desk, make_article):
    client.force_login(desk)
    draft = make_article("초안", status=Article.Status.DRAFT)
    live = make_article("출고 기사")

    assert "사이트에서 보기" not in client.get(f"/admin/articles/article/{draft.pk}/change/").text
    assert "사이트에서 보기" in client.get(f"/admin/articles/article/{live.pk}/change/").text


def test_any_two_revisions_can_be_compared(client, desk, make_article, change):
    article = make_article("첫 제목", status=Article.Status.SUBMITTED)
    client.force_login(desk)
    change(client, article, status="submitted")
    change(client, article, status="submitted", headline="둘째 제목")
    change(client, article, status="submitted", headline="셋째 제목")
    first, _, third = Version.objects.get_for_object(article).order_by("pk")

    page = client.get(f"/admin/articles/article/{article.pk}/history/compare/?from={first.pk}&to={third.pk}").text

    assert "<strong>제목</strong>: <del>첫</del> <ins>셋째</ins> 제목" in page


@pytest.mark.parametrize("query", ["", "?from=1", "?from=abc&to=2", "?from=99999999&to=99999998", "?from=1&to=1"])
def test_a_comparison_of_odd_revisions_goes_back_to_the_history_with_a_message(client, desk, make_article, query):
    article = make_article("기사")
    client.force_login(desk)

    response = client.get(f"/admin/articles/article/{article.pk}/history/compare/{query}", follow=True)

    assert response.status_code == 200
    assert "두 판을 골라 주세요" in response.text


def test_the_form_names_who_wrote_it_with_no_link_to_their_account(client, sent):
    page = client.get(f"/admin/articles/article/{sent.pk}/change/").text

    assert "작성자" in page and "윤슬" in page
    assert "/admin/auth/user/" not in page


def test_a_kept_edit_reads_as_text_under_its_author_s_name(client, yoon, make_article):
    article = make_article("반도체 호황 오나")
    kept = KeptEdit.objects.create(
        article=article, user=yoon, headline="반도체 호황 오나", body="<p>기자가 쓴 문장.</p>"
    )
    client.force_login(yoon)

    listing = client.get("/admin/articles/keptedit/").text
    page = client.get(f"/admin/articles/keptedit/{kept.pk}/change/").text

    assert '<td class="field-written_by">윤슬</td>' in listing
    assert "<p>기자가 쓴 문장.</p>" in page and "&lt;p&gt;" not in page


def test_the_form_s_times_are_on_the_24_hour_clock(client, sent):
    page = client.get(f"/admin/articles/article/{sent.pk}/change/").text

    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2}", page)
    assert "오전" not in page and "오후" not in page

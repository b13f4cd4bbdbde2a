"""The footer's registration facts (신문법 제21조) and the copyright line under every article."""

import pytest
from django.test.html import Element, parse_html

from ..pages import find, text

FACTS = {
    "NEWSPAPER_REGISTRATION_NUMBER": ("등록번호", "경기 아12345"),
    "NEWSPAPER_REGISTERED_ON": ("등록일", "2021-03-15"),
    "NEWSPAPER_PUBLISHER": ("발행인", "김발행"),
    "NEWSPAPER_EDITOR": ("편집인", "박편집"),
    "NEWSPAPER_YOUTH_OFFICER": ("청소년보호책임자", "이보호"),
    "NEWSPAPER_ADDRESS": ("주소", "경기도 성남시 분당구 예시로 1"),
    "NEWSPAPER_PHONE": ("전화", "031-000-1234"),
    "NEWSPAPER_EMAIL": ("이메일", "desk@paper.example"),
}
COPYRIGHT = "저작권자 © 테스트일보 무단전재 및 재배포 금지"


@pytest.fixture
def paper(settings) -> None:
    settings.SITE_NAME = "테스트일보"
    for name, (_, value) in FACTS.items():
        setattr(settings, name, value)


def footer_facts(html: str) -> dict[str, str]:
    facts = find(find(html, "footer"), "dl", class_="site-footer__facts")
    return {text(find(row, "dt")): text(find(row, "dd")) for row in facts.children if isinstance(row, Element)}


def test_footer_shows_each_registration_fact_from_settings(client, paper, section):
    response = client.get(section.get_absolute_url())

    assert footer_facts(response.text) == {"제호": "테스트일보"} | dict(FACTS.values())
    footer = find(response.text, "footer")
    email = find(footer, "a", href="mailto:desk@paper.example")
    assert email == parse_html('<a href="mailto:desk@paper.example">desk@paper.example</a>')
    assert parse_html(f"<p>{COPYRIGHT}</p>") in footer


def test_a_fact_left_empty_is_left_out_of_the_footer(client, paper, settings, section):
    settings.NEWSPAPER_PHONE = ""

    facts = footer_facts(client.get(section.get_absolute_url()).text)

    assert "전화" not in facts
    assert facts["등록번호"] == "경기 아12345"


def test_footer_shows_the_facts_on_the_article_page_too(client, paper, make_article):
    article = make_article()

    assert footer_facts(client.get(article.get_absolute_url()).text)["발행인"] == "김발행"


def test_article_ends_with_the_copyright_line_right_after_its_body(client, paper, make_article):
    article = make_article(body="<p>마지막 문단입니다.</p>")

    page = client.get(article.get_absolute_url()).text
    parts = [part for part in find(page, "article", class_="article").children if isinstance(part, Element)]

    body = parts.index(find(page, "div", class_="article__body"))
    assert text(parts[body]).endswith("마지막 문단입니다.")
    assert parts[body + 1] == parse_html(f'<p class="article__copyright">{COPYRIGHT}</p>')

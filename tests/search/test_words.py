"""Words, not character runs: forms of a word, spacing, numbers as written, spelling variants the desk keeps, and
an index written before the analyser, searched as before until it is rebuilt."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from search.models import IndexState, SpellingVariant, index_articles, index_format, set_index_format
from search.tokens import document_terms

URL = "/search/"
ADMIN = "/admin/search/spellingvariant/"


def headlines(response) -> list[str]:
    return [article.headline for article, *_ in response.context["page"].object_list]


def test_meta_does_not_find_an_article_whose_only_match_is_methanol(client, make_article):
    make_article("메탄올 추진 선박 첫 출항", body="<p>메탄올을 연료로 쓰는 선박이 출항했다.</p>")
    make_article("메타, 광고 도구 공개", body="<p>메타가 새 도구를 내놓았다.</p>", age=timedelta(hours=2))

    assert headlines(client.get(URL, {"q": "메타"})) == ["메타, 광고 도구 공개"]


def test_datacenter_typed_as_one_word_finds_data_center_written_apart(client, make_article):
    make_article("데이터 센터 건립에 주민 반대", body="<p>주민들이 데이터 센터 건립에 반대했다.</p>")

    response = client.get(URL, {"q": "데이터센터"})

    assert headlines(response) == ["데이터 센터 건립에 주민 반대"]
    assert "<mark>데이터</mark>" in response.text


def test_a_company_s_short_name_finds_the_compound_it_heads(client, make_article):
    make_article("삼성전자가 평택에 새 공장 짓는다", body="<p>삼성전자는 평택에 공장을 짓는다.</p>")
    make_article("눈물의 졸업식", body="<p>졸업생들이 눈물을 흘렸다.</p>")

    samsung = client.get(URL, {"q": "삼성"})

    assert headlines(samsung) == ["삼성전자가 평택에 새 공장 짓는다"]
    assert "<mark>삼성</mark>전자가" in samsung.text
    assert headlines(client.get(URL, {"q": "눈"})) == []  # a syllable is no word inside 눈물


def test_the_word_is_marked_in_the_snippet_without_its_particle(client, make_article):
    make_article("공장 소식", body="<p>평택에서 삼성전자는 새 공장을 짓는다.</p>")

    response = client.get(URL, {"q": "삼성전자가"})

    assert "<mark>삼성전자</mark>는" in response.text


def test_a_single_syllable_is_not_marked_inside_another_word(client, make_article):
    make_article("금 한 돈 값 또 올라", body="<p>기준금리와 달리 금 값은 올랐다.</p>")

    response = client.get(URL, {"q": "금"})

    assert "기준금리" in response.text
    assert "기준<mark>금</mark>리" not in response.text
    assert "<mark>금</mark> 값" in response.text


def test_a_number_is_found_with_or_without_its_thousands_separator(client, make_article):
    make_article("환율 1,400원 넘어")
    make_article("버스 요금 1400원으로", age=timedelta(hours=2))
    make_article("14000원짜리 도시락", age=timedelta(hours=3))

    assert headlines(client.get(URL, {"q": "1400원"})) == ["환율 1,400원 넘어", "버스 요금 1400원으로"]
    assert headlines(client.get(URL, {"q": "1,400원"})) == ["환율 1,400원 넘어", "버스 요금 1400원으로"]


def test_the_analysers_words_are_kept_beside_the_bigrams():
    terms = document_terms("삼성전자가 데이터 센터를 짓는다").split()

    assert {"삼성", "성전", "전자", "자가"} <= set(terms)  # an unknown name is still found by its pieces
    assert {"=삼성전자", "=삼성_전자", "=데이터", "=센터", "=데이터_센터", "=짓다"} <= set(terms)
    assert "=가" not in terms and "=를" not in terms


# The table of spelling variants, kept by the desk in the admin.


def test_a_variant_the_desk_adds_finds_the_word_at_once(client, make_member, make_article):
    make_article("스마트폰 어플 시장 커져", body="<p>어플 이용자가 늘었다.</p>")
    assert headlines(client.get(URL, {"q": "애플리케이션"})) == []
    client.force_login(make_member("desk", "데스크"))

    response = client.post(f"{ADMIN}add/", {"word": "애플리케이션", "variants": "어플, 앱"}, follow=True)

    assert response.status_code == 200
    assert SpellingVariant.objects.get(word="애플리케이션").variants == "어플, 앱"
    assert headlines(client.get(URL, {"q": "애플리케이션"})) == ["스마트폰 어플 시장 커져"]


def test_a_one_syllable_variant_applies_to_that_word_alone_not_to_words_starting_with_it(client, make_article):
    SpellingVariant.objects.create(word="가", variants="갸")
    SpellingVariant.objects.create(word="애플리케이션", variants="앱")
    make_article("가격 오른다", body="<p>가격이 올랐다.</p>")
    make_article("애플리케이션 시장", body="<p>애플리케이션 이용자가 늘었다.</p>", age=timedelta(hours=2))

    assert headlines(client.get(URL, {"q": "갸격"})) == []
    assert headlines(client.get(URL, {"q": "앱을"})) == ["애플리케이션 시장"]
    assert headlines(client.get(URL, {"q": "앱솔루트"})) == []


def test_a_variant_taken_out_no_longer_applies(client, make_member, make_article):
    make_article("콘텐츠 산업 지원 확대")
    assert headlines(client.get(URL, {"q": "컨텐츠"})) == ["콘텐츠 산업 지원 확대"]
    client.force_login(make_member("desk", "데스크"))
    row = SpellingVariant.objects.get(word="콘텐츠")

    client.post(f"{ADMIN}{row.pk}/delete/", {"post": "yes"})

    assert headlines(client.get(URL, {"q": "컨텐츠"})) == []


@pytest.mark.parametrize(
    ("word", "variants", "message"),
    [
        ("데이터 센터", "데이타센터", "한 낱말만 쓸 수 있습니다"),
        ("애플리케이션", "어플; 앱!", "고칠 표기: 어플; 앱!"),
        ("애플리케이션", "애플리케이션", "&#x27;애플리케이션&#x27;은 표준 표기와 같습니다"),
        ("메시지", "메시지", "&#x27;메시지&#x27;는 표준 표기와 같습니다"),
        ("애플리케이션", " , ", "다른 표기를 하나 이상 적으세요"),
        ("컨텐트", "컨텐츠", "이미 다른 낱말의 표기로 등록돼 있습니다: 컨텐츠(콘텐츠)"),
        ("콘텐츠", "콘텐트", "이미 있습니다"),
        ("ㅅㅣㅎㅓㅁ", "시험", "한 낱말만"),
        ("시험", "ㅅㅣㅎㅓㅁ", "고칠 표기: ㅅㅣㅎㅓㅁ"),
    ],
)
def test_a_malformed_or_clashing_variant_is_refused_with_a_message(client, make_member, word, variants, message):
    client.force_login(make_member("desk", "데스크"))
    before = SpellingVariant.objects.count()

    response = client.post(f"{ADMIN}add/", {"word": word, "variants": variants})

    assert response.status_code == 200
    assert message in response.text
    assert SpellingVariant.objects.count() == before


def test_a_reporter_may_not_change_the_variants(client, make_member):
    client.force_login(make_member("reporter", "기자"))

    refused = client.get(ADMIN)
    assert refused.status_code == 403
    assert "이 페이지를 쓸 권한이 없습니다" in refused.text
    assert client.post(f"{ADMIN}add/", {"word": "애플리케이션", "variants": "어플"}).status_code == 403
    assert not SpellingVariant.objects.filter(word="애플리케이션").exists()


# An index written before the analyser's words (format 2).


def test_an_index_written_before_the_analyser_is_searched_by_bigrams_until_rebuilt(client, make_article, monkeypatch):
    articles = [make_article("전세 사기 피해자 지원"), make_article("전세계 반도체 시장 회복", age=timedelta(hours=2))]
    with monkeypatch.context() as before:  # what format 2 held: bigrams only
        before.setattr("search.models.document_terms", lambda text: document_terms(text, morphemes=False))
        index_articles(articles)
    set_index_format(2)

    assert headlines(client.get(URL, {"q": "전세"})) == ["전세 사기 피해자 지원", "전세계 반도체 시장 회복"]

    call_command("rebuild_search_index", stdout=StringIO())

    assert index_format() == IndexState.objects.get().format >= 3
    assert headlines(client.get(URL, {"q": "전세"})) == ["전세 사기 피해자 지원"]


def test_a_single_syllable_the_analyser_reads_as_no_noun_is_not_a_prefix_of_every_word(client, make_article):
    make_article("이번 주 날씨", body="<p>이번 주에는 비가 온다.</p>")
    make_article("이 사람을 보라", body="<p>그는 이 사람을 보라고 했다.</p>", age=timedelta(hours=2))

    assert headlines(client.get(URL, {"q": "이"})) == ["이 사람을 보라"]


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("물가는 올랐다", ["물가", "물가의", "물가가", "물가도"]),
        ("한파가 이어진다", ["한파", "한파와", "한파의", "한파도"]),
        ("반도체 수출", ["반도체의", "반도체가"]),
        ("미술관에서 열린다", ["미술관의", "미술관도"]),
        ("전세 사기", ["전세가", "전세의"]),
        ("1400원대서 마감", ["1400원", "1400원의"]),
    ],
)
def test_a_particle_typed_after_a_word_does_not_decide_the_match(client, make_article, written, typed):
    make_article("소식", body=f"<p>{written}</p>")

    for query in typed:
        assert headlines(client.get(URL, {"q": query})) == ["소식"], query


def test_an_unknown_name_typed_with_a_particle_is_found_in_any_form(client, make_article):
    make_article("신인 데뷔", body="<p>신인 뮤렌다가 데뷔했다. 파로냐도 함께 무대에 섰다. 헤게만이 회사를 떠났다.</p>")

    for query in ["뮤렌다", "뮤렌다를", "뮤렌다의", "파로냐가", "헤게만은", "헤게만의"]:
        assert headlines(client.get(URL, {"q": query})) == ["신인 데뷔"], query


@pytest.mark.parametrize(
    ("query", "found"), [("해", ["새해 첫 해 보러 간다"]), ("말", ["새해 첫 해 보러 간다"]), ("가", [])]
)
def test_a_syllable_alone_is_read_as_a_noun_not_as_a_verb_in_every_article(client, make_article, query, found):
    make_article("다음 주 한파 대비해야", body="<p>말고 가는 길에 대비해야 한다.</p>")
    make_article("새해 첫 해 보러 간다", body="<p>해가 뜨는 곳에 말을 타고 가 본다.</p>", age=timedelta(hours=2))

    assert headlines(client.get(URL, {"q": query})) == found


def test_hanja_and_other_scripts_are_searched(client, make_article):
    make_article("병오년(丙午年) 해맞이", body="<p>Ελληνικά 기사</p>")

    assert headlines(client.get(URL, {"q": "丙午年"})) == ["병오년(丙午年) 해맞이"]
    assert headlines(client.get(URL, {"q": "Ελληνικά"})) == ["병오년(丙午年) 해맞이"]


def test_invisible_characters_pasted_with_a_word_are_ignored(client, make_article):
    make_article("데이터 개방")

    assert headlines(client.get(URL, {"q": "데\u200b이\u200d터"})) == ["데이터 개방"]


def test_a_phrase_in_curly_single_quotes_is_a_phrase(client, make_article):
    make_article("공공 데이터 개방")
    make_article("공공의 데이터는 누구 것인가", age=timedelta(hours=2))

    assert headlines(client.get(URL, {"q": "‘공공 데이터’"})) == ["공공 데이터 개방"]


def test_a_long_query_is_cut_between_words(client, make_article):
    make_article("데이터센터를 짓는다")

    response = client.get(URL, {"q": "데이터센터를 " * 40})

    assert response.context["query"].text.endswith("데이터센터를")
    assert headlines(response) == ["데이터센터를 짓는다"]


def test_numbers_and_compounds_are_marked_as_written(client, make_article):
    make_article("환율 소식", body="<p>환율이 1,400원을 넘었다. 인공 지능 이야기도 있다.</p>")

    assert "<mark>1,400원</mark>" in client.get(URL, {"q": "1400원"}).text
    assert "<mark>인공</mark> <mark>지능</mark>" in client.get(URL, {"q": "인공지능"}).text


def test_a_word_already_in_the_table_gets_one_message_on_its_own_field(client, make_member):
    client.force_login(make_member("desk", "데스크"))

    response = client.post(f"{ADMIN}add/", {"word": "메시지", "variants": "메시쥐"})

    assert response.context["adminform"].form.errors == {
        "word": ["같은 표준 표기 값의 표기 변형 항목이 이미 있습니다."]
    }


def test_an_empty_variants_field_says_so_once(client, make_member):
    client.force_login(make_member("desk", "데스크"))

    response = client.post(f"{ADMIN}add/", {"word": "애플리케이션", "variants": ""})

    assert response.context["adminform"].form.errors == {"variants": ["필수 항목입니다."]}


def test_a_variant_is_kept_as_typed_and_compared_as_search_reads_it(client, make_member, make_article):
    make_article("인공지능 반도체 경쟁")
    client.force_login(make_member("desk", "데스크"))

    client.post(f"{ADMIN}add/", {"word": "ＡＩ반도체", "variants": "인공지능반도체"})

    assert SpellingVariant.objects.get(variants="인공지능반도체").word == "ＡＩ반도체"
    assert headlines(client.get(URL, {"q": "ai반도체"})) == ["인공지능 반도체 경쟁"]

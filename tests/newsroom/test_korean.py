"""The particle after a word is the one Koreans write: by the last syllable's final consonant, as read aloud."""

import pytest
from django.contrib.auth.models import User

from newsroom.korean import korean_name, with_particle

# Every field label the article form, its inlines and the desk's lists show, with the forms written by hand.
LABELS = [
    # label, 이/가, 을/를, 은/는, (으)로
    ("제목", "제목이", "제목을", "제목은", "제목으로"),
    ("부제", "부제가", "부제를", "부제는", "부제로"),
    ("섹션", "섹션이", "섹션을", "섹션은", "섹션으로"),
    ("연재", "연재가", "연재를", "연재는", "연재로"),
    ("요약", "요약이", "요약을", "요약은", "요약으로"),
    ("본문", "본문이", "본문을", "본문은", "본문으로"),
    ("대표 사진", "대표 사진이", "대표 사진을", "대표 사진은", "대표 사진으로"),
    ("유튜브 영상", "유튜브 영상이", "유튜브 영상을", "유튜브 영상은", "유튜브 영상으로"),
    ("상태", "상태가", "상태를", "상태는", "상태로"),
    ("출고 시각", "출고 시각이", "출고 시각을", "출고 시각은", "출고 시각으로"),
    ("출고 종료", "출고 종료가", "출고 종료를", "출고 종료는", "출고 종료로"),
    ("데스크 메모", "데스크 메모가", "데스크 메모를", "데스크 메모는", "데스크 메모로"),
    ("작성자", "작성자가", "작성자를", "작성자는", "작성자로"),
    ("작성 시각", "작성 시각이", "작성 시각을", "작성 시각은", "작성 시각으로"),
    ("수정 시각", "수정 시각이", "수정 시각을", "수정 시각은", "수정 시각으로"),
    ("마지막 저장", "마지막 저장이", "마지막 저장을", "마지막 저장은", "마지막 저장으로"),
    ("직접 선택", "직접 선택이", "직접 선택을", "직접 선택은", "직접 선택으로"),
    ("기자", "기자가", "기자를", "기자는", "기자로"),
    ("바이라인", "바이라인이", "바이라인을", "바이라인은", "바이라인으로"),
    ("관련기사", "관련기사가", "관련기사를", "관련기사는", "관련기사로"),
    ("순서", "순서가", "순서를", "순서는", "순서로"),
    ("섹션명", "섹션명이", "섹션명을", "섹션명은", "섹션명으로"),
    ("주소 이름", "주소 이름이", "주소 이름을", "주소 이름은", "주소 이름으로"),
    ("소개", "소개가", "소개를", "소개는", "소개로"),
    ("표시 순서", "표시 순서가", "표시 순서를", "표시 순서는", "표시 순서로"),
    ("옛 섹션 번호", "옛 섹션 번호가", "옛 섹션 번호를", "옛 섹션 번호는", "옛 섹션 번호로"),
    ("연재명", "연재명이", "연재명을", "연재명은", "연재명으로"),
    ("연재 중", "연재 중이", "연재 중을", "연재 중은", "연재 중으로"),
    ("이름", "이름이", "이름을", "이름은", "이름으로"),
    ("이메일", "이메일이", "이메일을", "이메일은", "이메일로"),
    ("사진", "사진이", "사진을", "사진은", "사진으로"),
    ("재직 중", "재직 중이", "재직 중을", "재직 중은", "재직 중으로"),
    ("로그인 계정", "로그인 계정이", "로그인 계정을", "로그인 계정은", "로그인 계정으로"),
    ("대체 텍스트", "대체 텍스트가", "대체 텍스트를", "대체 텍스트는", "대체 텍스트로"),
    ("사진 설명", "사진 설명이", "사진 설명을", "사진 설명은", "사진 설명으로"),
    ("사진 출처", "사진 출처가", "사진 출처를", "사진 출처는", "사진 출처로"),
    # ㄹ takes 로, not 으로
    ("서울", "서울이", "서울을", "서울은", "서울로"),
    ("출고일", "출고일이", "출고일을", "출고일은", "출고일로"),
    # Latin letters and digits, read as Koreans say them
    ("URL", "URL이", "URL을", "URL은", "URL로"),
    ("RSS", "RSS가", "RSS를", "RSS는", "RSS로"),
    ("HTML", "HTML이", "HTML을", "HTML은", "HTML로"),
    ("API", "API가", "API를", "API는", "API로"),
    ("2단계", "2단계가", "2단계를", "2단계는", "2단계로"),
    ("1", "1이", "1을", "1은", "1로"),
    ("2", "2가", "2를", "2는", "2로"),
    ("3", "3이", "3을", "3은", "3으로"),
    ("10", "10이", "10을", "10은", "10으로"),
    ("100", "100이", "100을", "100은", "100으로"),
    ("YouTube", "YouTube가", "YouTube를", "YouTube는", "YouTube로"),
    ("Gmail", "Gmail이", "Gmail을", "Gmail은", "Gmail로"),
    ("iPhone", "iPhone이", "iPhone을", "iPhone은", "iPhone으로"),
    ("Game", "Game이", "Game을", "Game은", "Game으로"),
    # symbols read as words: 퍼센트, 도
    ("100%", "100%가", "100%를", "100%는", "100%로"),
    ("영하 10℃", "영하 10℃가", "영하 10℃를", "영하 10℃는", "영하 10℃로"),
    # after a parenthesis, the word before it: 기사 (수정)를 as 기사를
    ("‘기사 (수정)’", "‘기사 (수정)’가", "‘기사 (수정)’를", "‘기사 (수정)’는", "‘기사 (수정)’로"),
    ("‘서울(종합)’", "‘서울(종합)’이", "‘서울(종합)’을", "‘서울(종합)’은", "‘서울(종합)’로"),
    # a quoted headline: the particle follows the last syllable inside the quotes
    ("‘서울 첫눈 관측’", "‘서울 첫눈 관측’이", "‘서울 첫눈 관측’을", "‘서울 첫눈 관측’은", "‘서울 첫눈 관측’으로"),
    ("‘[빅테크] 반도체’", "‘[빅테크] 반도체’가", "‘[빅테크] 반도체’를", "‘[빅테크] 반도체’는", "‘[빅테크] 반도체’로"),
]


@pytest.mark.parametrize(("word", "subject", "object_", "topic", "toward"), LABELS)
def test_each_label_takes_the_particle_its_last_syllable_asks_for(word, subject, object_, topic, toward):
    assert with_particle(word, "이/가") == subject
    assert with_particle(word, "을/를") == object_
    assert with_particle(word, "은/는") == topic
    assert with_particle(word, "(으)로") == toward


@pytest.mark.parametrize(("word", "expected"), [("제목", "제목과"), ("부제", "부제와"), ("URL", "URL과")])
def test_and_takes_gwa_after_a_final_consonant(word, expected):
    assert with_particle(word, "과/와") == expected


def test_a_word_of_symbols_only_gets_the_written_compromise():
    assert with_particle("…", "이/가") == "…이(가)"


def test_names_are_written_family_name_first(db):
    desk = User(username="desk", first_name="데스크", last_name="박")
    foreign = User(username="jane", first_name="Jane", last_name="Doe")
    nameless = User(username="ops")

    assert korean_name(desk) == "박데스크"
    assert korean_name(foreign) == "Doe Jane"
    assert korean_name(nameless) == "ops"

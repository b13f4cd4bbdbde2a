"""Search speed on a large archive: fills a scratch PostgreSQL database with N articles of Korean news text, builds
the search index, then times a fixed mix of queries as the /search/ page runs them.

    createdb -h 127.0.0.1 -U postgres newsroom_bench_search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_search .venv/bin/python bench/search.py

    createdb -h 127.0.0.1 -U postgres newsroom_bench_search_1m
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_search_1m .venv/bin/python bench/search.py \\
        --articles 1000000

The articles are written from a built-in vocabulary (six sections' nouns, people, companies, places, English terms
and numbers, with particles and endings attached; word frequencies fall off as in real text, so 서울 and 정부 are in
many articles and most names in few), loaded with COPY, and indexed as `index_articles` would. About 5% are not
visible to readers (drafts, withdrawn, scheduled for later, past their end time). The indexes of `search_entry` are
dropped before loading and built afterwards, as after a bulk import.

Prints the load time, the index build time and sizes, then for each query its matches (all of them, and what the
page shows: exact up to search.models.MAX_COUNT) and the p50/p95 milliseconds of what the page does for results (the
count and one page through `search()` and Django's Paginator) and of the whole page through Django's test client (no
network); then p50/p95 per kind of query and overall. Before timing, it checks a sample of entries against
index_articles and each query's page against a sort of all its matches. It refuses a database that already holds
articles, so it never touches real data; --measure-only times one it filled before.
"""

import argparse
import bisect
import multiprocessing
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

# Run as a script, this file's folder comes first on the path, where bench/http.py would shadow the standard `http`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402 (the path is set right above)

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from psycopg.conninfo import make_conninfo  # noqa: E402

from articles.models import Article, Reporter, Section, Series  # noqa: E402
from search.models import (  # noqa: E402
    Entry,
    Results,
    entry_values,
    facets,
    flush_pending_entries,
    index_articles,
    lexemes,
    search,
)
from search.tokens import document_terms, parse_query, split_terms  # noqa: E402

# ---------------------------------------------------------------------------------------------------------------
# Vocabulary. Each list runs from the most to the least frequent word.


def _words(text: str) -> list[str]:
    return text.split()


SECTIONS = {
    "politics": (
        "정치",
        "국회 여당 야당 대통령 총리 선거 법안 예산안 원내대표 지지율 여론조사 후보 표결 본회의 외교 안보 북한 "
        "통일 국방 협상 정상회담 개각 청문회 의석 지방선거 대선 총선 정당 당대표 공약 입법 거부권 민생 특별법 "
        "개헌 국정감사 탄핵 특검 상임위원회 대변인 비례대표 선거구 정치자금 연금개혁 행정부 지자체 헌법재판소 "
        "감사원 보궐선거",
    ),
    "economy": (
        "경제",
        "금리 환율 물가 증시 수출 부동산 아파트 주가 코스피 대출 성장률 반도체 자동차 배터리 실적 영업이익 "
        "매출 투자 은행 소비 고용 일자리 임금 관세 공급망 무역수지 코스닥 채권 전세 가계부채 조선 철강 "
        "석유화학 유가 배당 기업공개 인수합병 펀드 보험 카드 가격 세금 법인세 기준금리 외환 예금 적금 상장 "
        "원자재 중소기업",
    ),
    "it": (
        "IT",
        "인공지능 플랫폼 반도체 데이터센터 클라우드 스마트폰 서비스 보안 메모리 서버 소프트웨어 앱 광고 "
        "검색 게임 스타트업 통신 요금제 자율주행 로봇 개인정보 해킹 네트워크 칩 알고리즘 모델 챗봇 파운드리 "
        "디스플레이 메타버스 양자컴퓨터 전기차 위성 드론 가상자산 블록체인 웹툰 동영상 구독 오픈소스 "
        "개발자 생성형 저작권 전력 냉각 초고속 인터넷",
    ),
    "society": (
        "사회",
        "경찰 법원 사건 사고 학교 학생 병원 의료 날씨 한파 폭염 교통 화재 재판 검찰 교사 입시 수능 의사 "
        "환자 복지 노인 청년 출산 저출생 인구 주거 노동 파업 안전 재난 환경 쓰레기 지하철 버스 택시 "
        "미세먼지 폭우 시민단체 자원봉사 보육 돌봄 교육청 등굣길 응급실 소방관 구조 실종 마약 사기",
    ),
    "culture": (
        "문화",
        "영화 드라마 공연 음악 전시 축제 관객 배우 가수 앨범 콘서트 감독 작가 소설 야구 축구 선수 경기 "
        "우승 한류 케이팝 뮤지컬 연극 국악 미술관 박물관 흥행 시상식 문화재 유산 여행 관광 음식 맛집 "
        "패션 스포츠 올림픽 웹소설 시집 출판 무대 팬미팅 예매 개봉 흥행작 전시회 작품 공모전 사진전",
    ),
    "world": (
        "국제",
        "미국 중국 일본 유럽 러시아 우크라이나 중동 전쟁 관세 제재 휴전 대만 인도 베트남 이스라엘 외교 "
        "동맹 무역 협정 난민 기후 탄소 유엔 나토 백악관 의회 총리 대통령 국무부 중앙은행 시위 지진 홍수 "
        "테러 원유 가스 위기 선거 정상회의 특사 대사관 국경 이민 공급망 환율 반도체 동맹국 국방장관",
    ),
}

COMMON = _words(
    "서울 정부 시장 올해 기업 지난해 관계자 국내 업계 계획 발표 전망 이번 최근 지역 사업 정책 분야 규모 "
    "수준 대상 방안 기준 결과 영향 가능성 논의 과정 대응 변화 이후 당시 현재 내년 하반기 상반기 세계 "
    "한국 미국 중국 부산 인천 경기 대구 광주 대전 울산 세종 제주 국제 경제 사회 문화 기술 산업 비용 "
    "가격 수요 공급 예산 소비자 투자자 전문가 시민 주민 회사 조직 현장 상황 문제 목표 성과 효과 위험 "
    "부담 경쟁 협력 지원 조사 개선 확대 감소 증가 회복 둔화"
)

# Verbs made of a noun and 하다, and the endings a news sentence puts on them.
ACTIONS = _words(
    "발표 추진 확대 검토 결정 투자 인수 출시 합의 지원 개편 승인 조사 논의 강화 도입 개발 공개 제안 요구 "
    "비판 강조 설명 예상 기록 방문 선언 체결 협력 감축 개최 진행 공급 생산 판매 운영 시행 마련 점검 "
    "인상 인하 보류 철회 연기 재개 확정 통과 신청 제출 유치 확보 수주 이전 분석 평가 경고 반박 해명 사과"
)
ENDINGS = (
    "했다",
    "한다",
    "했다고 밝혔다",
    "하기로 했다",
    "할 계획이다",
    "한 것으로 알려졌다",
    "하고 있다",
    "할 방침이다",
    "했다고 전했다",
    "할 예정이다",
)
JOINING = ("했고", "하며", "했지만", "하면서", "하기로 했고", "할 계획이며", "한 데 이어")
PASSIVE_ENDINGS = ("됐다", "된다", "될 전망이다", "된 것으로 나타났다")
PASSIVE_JOINING = ("됐고", "되며", "될 전망이지만")
CHANGES = ("늘었다", "줄었다", "올랐다", "내렸다", "늘어났다", "감소했다", "증가했다", "높아졌다", "낮아졌다")
CHANGES_JOINING = ("늘었고", "줄었지만", "올랐으며", "내렸고", "늘어났으며", "감소했고", "증가했지만", "높아졌고")
HEADLINE_VERBS = (
    "늘린다",
    "줄인다",
    "떠난다",
    "나선다",
    "확대",
    "추진",
    "본격화",
    "급증",
    "감소",
    "우려",
    "논란",
    "첫발",
    "속도",
    "제동",
    "주목",
)

TITLES = _words("대표 회장 장관 의원 사장 교수 연구원 위원장 대변인 부사장 총재 청장 이사장 센터장 국장")
ENGLISH = _words("AI GPU CEO CRO ETF HBM IPO ESG OTT LNG EV SNS CFO API")

REAL_COMPANIES = _words(
    "삼성전자 메타 구글 엔비디아 SK하이닉스 애플 네이버 카카오 현대차 LG전자 마이크로소프트 오픈AI 테슬라 "
    "TSMC 아마존 쿠팡 포스코 한화 셀트리온 기아 롯데 신세계 KT CJ 두산 LG에너지솔루션 삼성바이오로직스 "
    "HD현대 대한항공 넷플릭스 인텔 퀄컴 알리바바 바이트댄스 소니 도요타 BYD 에어비앤비 우버"
)
ORGANIZATIONS = _words(
    "국회 대통령실 한국은행 기획재정부 금융위원회 공정거래위원회 국토교통부 과학기술정보통신부 산업통상자원부 "
    "보건복지부 교육부 경찰청 서울시 통계청 국세청 금융감독원 기상청 한국거래소 유엔 백악관 연방준비제도 "
    "유럽연합 세계보건기구 국제통화기금 한국개발연구원 대한상공회의소 전국경제인연합회 소비자원"
)
PLACES = _words(
    "서울 부산 여의도 판교 인천 세종 광화문 강남구 대구 대전 수원 제주 울산 광주 창원 평택 용인 청주 "
    "워싱턴 베이징 도쿄 뉴욕 브뤼셀 런던 파리 실리콘밸리 상하이 싱가포르 하노이 두바이 프랑크푸르트"
)

_SURNAMES = _words("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍 전 고 문 양 손 배 백 허 남 심")
_GIVEN_FIRST = _words("서 민 지 현 수 예 하 도 주 은 준 유 채 시 윤 다 우 소 태 재 승 혜 성 영 진 동 상 경 희 나")
_GIVEN_SECOND = _words("윤 준 아 우 연 진 호 민 원 서 율 현 린 빈 훈 희 은 영 석 철 수 혁 인 솔 결 담 온 별 란 겸")
_FOREIGN_FIRST = _words("존 마크 사라 에밀리 데이비드 제임스 마이클 리사 케빈 로버트 앤드루 줄리아 피터 안나")
_FOREIGN_LAST = _words("헤게만 브라운 존슨 스미스 밀러 윌슨 테일러 클라크 해리스 루이스 워커 앨런 로젠 하퍼 블룸")
_COMPANY_HEAD = _words("한빛 대성 미래 세진 동우 청암 우리 새한 태평 금강 다온 누리 한결 가온 보람 해솔 늘품 온새")
_COMPANY_TAIL = _words("바이오 테크 에너지 로보틱스 소재 제약 건설 물산 반도체 모빌리티 전자 식품 화학 솔루션 랩스")


def _names() -> tuple[list[str], list[str], list[str]]:
    """Korean people, foreign people and companies in a fixed shuffled order (the order is their frequency)."""
    rng = random.Random(20261129)
    korean = [s + a + b for s in _SURNAMES for a in _GIVEN_FIRST for b in _GIVEN_SECOND if a != b]
    rng.shuffle(korean)
    foreign = [f"{a} {b}" for a in _FOREIGN_FIRST for b in _FOREIGN_LAST]
    rng.shuffle(foreign)
    made = [a + b for a in _COMPANY_HEAD for b in _COMPANY_TAIL]
    rng.shuffle(made)
    return korean[:8000], foreign, REAL_COMPANIES + made


PEOPLE, FOREIGN_PEOPLE, COMPANIES = _names()

# The final consonant of a number or a Latin letter as read aloud: 3 (삼), 1 (일) and M (엠) take 은/이/을.
_READ_FINAL = {"0": 21, "1": 8, "3": 16, "6": 1, "7": 8, "8": 8, "L": 8, "M": 16, "N": 4, "R": 8}
_PARTICLES = {"은": ("은", "는"), "이": ("이", "가"), "을": ("을", "를"), "과": ("과", "와"), "이라": ("이라", "라")}


def _final(word: str) -> int:
    last = word[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28
    return _READ_FINAL.get(last.upper(), 0)


_josa_cache: dict[tuple[str, str], str] = {}


def josa(word: str, particle: str) -> str:
    """`word` with `particle` in the form its last sound takes: 정부는, 시장은, 서울로, 시장으로, AI를."""
    key = (word, particle)
    if key not in _josa_cache:
        final = _final(word)
        if particle == "으로":
            form = "으로" if final and final != 8 else "로"
        elif particle in _PARTICLES:
            form = _PARTICLES[particle][0 if final else 1]
        else:
            form = particle
        _josa_cache[key] = word + form
    return _josa_cache[key]


class Zipf:
    """Draws from `words` with the weight of the n-th word 1/n**s: a few words in many articles, most in few."""

    def __init__(self, words: list[str] | tuple[str, ...], s: float = 1.0) -> None:
        self.words = list(words)
        total, self.cumulative = 0.0, []
        for rank in range(1, len(self.words) + 1):
            total += 1 / rank**s
            self.cumulative.append(total)
        self.total = total

    def __call__(self, rng: random.Random) -> str:
        return self.words[bisect.bisect(self.cumulative, rng.random() * self.total)]


_SECTION_WORDS = {key: Zipf(_words(words), 0.9) for key, (_, words) in SECTIONS.items()}
_COMMON = Zipf(COMMON, 0.7)
_PEOPLE = Zipf(PEOPLE, 1.0)
_FOREIGN = Zipf(FOREIGN_PEOPLE, 1.0)
_COMPANIES = Zipf(COMPANIES, 1.0)
_ORGANIZATIONS = Zipf(ORGANIZATIONS, 0.9)
_PLACES = Zipf(PLACES, 0.8)
_ACTIONS = Zipf(ACTIONS, 0.8)
_TITLES = Zipf(TITLES, 0.8)
_ENGLISH = Zipf(ENGLISH, 1.0)


@dataclass
class Writer:
    """One article's words: a section, a few topic nouns and the people and companies it is about."""

    rng: random.Random
    section: str
    year: int

    def __post_init__(self) -> None:
        # An article uses a few words again and again, as a real one does: drawn once here, each by its frequency.
        rng, words = self.rng, _SECTION_WORDS[self.section]
        self.topic = [words(rng) for _ in range(4)]
        self.words = [words(rng) for _ in range(10)]
        self.common = [_COMMON(rng) for _ in range(6)]
        self.english = [_ENGLISH(rng) for _ in range(rng.choice((0, 0, 1, 2)))]
        self.places = [_PLACES(rng) for _ in range(2)]
        self.organizations = [_ORGANIZATIONS(rng) for _ in range(2)]
        foreign = self.section in ("world", "it") and rng.random() < 0.5
        self.people = [f"{(_FOREIGN if foreign else _PEOPLE)(rng)} {_TITLES(rng)}" for _ in range(rng.randint(1, 3))]
        self.companies = [_COMPANIES(rng) for _ in range(rng.randint(1, 3))]
        self.departure = rng.random() < 0.08  # someone leaves a company: 떠났다, 떠난다, 떠난

    def noun(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return self.rng.choice(self.topic)
        if r < 0.75:
            return self.rng.choice(self.words)
        if r < 0.95 or not self.english:
            return self.rng.choice(self.common)
        return self.rng.choice(self.english)

    def term(self) -> str:
        """An English term if the article has one, else a noun."""
        return self.rng.choice(self.english) if self.english else self.noun()

    def person(self) -> str:
        return self.rng.choice(self.people)

    def company(self) -> str:
        return self.rng.choice(self.companies)

    def organization(self) -> str:
        return self.rng.choice(self.organizations)

    def actor(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.company()
        if r < 0.6:
            return self.organization()
        if r < 0.85:
            return self.person()
        return self.noun()

    def place(self) -> str:
        return self.rng.choice(self.places)

    def when(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.25:
            return f"{rng.randint(self.year - 1, self.year + 1)}년"
        if r < 0.45:
            return f"{self.year}년 {rng.randint(1, 4)}분기"
        if r < 0.65:
            return f"지난 {rng.randint(1, 28)}일"
        if r < 0.8:
            return f"{rng.randint(1, 12)}월 {rng.randint(1, 28)}일"
        return rng.choice(("올해 상반기", "지난달", "이달 초", "지난주", "오는 하반기", "내년 초", "연말까지"))

    def amount(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return f"{rng.randint(2, 990)}억 달러"
        if r < 0.55:
            return f"{rng.randint(1, 95)}조 {rng.randint(1, 9)}천억 원"
        if r < 0.75:
            return f"{rng.randint(10, 9900)}억 원"
        return f"{rng.randint(2, 90):,}만 명" if r < 0.85 else f"{rng.randint(100, 95000):,}명"

    def percent(self) -> str:
        return f"{self.rng.randint(1, 60)}.{self.rng.randint(0, 9)}%"

    def verb(self, final: bool) -> str:
        return _ACTIONS(self.rng) + self.rng.choice(ENDINGS if final else JOINING)

    def change(self, final: bool) -> str:
        return self.rng.choice(CHANGES if final else CHANGES_JOINING)

    def clause(self, final: bool) -> str:
        """One clause, ending the sentence (했다, 할 계획이다) or leading into the next (했고, 하며)."""
        n, rng = self.noun, self.rng
        kind = rng.randrange(13)
        if kind in (4, 5) and not self.departure:
            kind = 0
        if kind == 0:
            return f"{josa(self.actor(), '은')} {n()} {n()} {josa(n(), '을')} {self.verb(final)}"
        if kind == 1:
            return (
                f"{josa(self.organization(), '에')} 따르면 {n()}의 {n()} {josa(n(), '이')} "
                f"{josa(self.amount(), '으로')} 전년보다 {self.percent()} {self.change(final)}"
            )
        if kind == 2:
            return (
                f"{josa(self.company(), '과')} {josa(self.company(), '은')} {self.place()}에서 만나 {n()} "
                f"{josa(n(), '을')} 놓고 {n()} 문제를 {'논의했다' if final else '논의했고'}"
            )
        if kind == 3:
            return (
                f"업계에서는 {josa(n(), '이')} {n()}의 {josa(n(), '을')} 키울 것이라는 전망이 "
                f"{'나온다' if final else '나오지만'}"
            )
        if kind == 4:
            verb = rng.choice(("떠났다", "떠난다", "떠날 예정이다") if final else ("떠났고", "떠나며", "떠났지만"))
            return (
                f"{josa(self.person(), '은')} {self.when()} {n()} 업무를 맡은 지 {rng.randint(1, 12)}년 만에 "
                f"{josa(self.company(), '을')} {verb}"
            )
        if kind == 5:
            return (
                f"{josa(self.company(), '을')} 떠난 {josa(self.person(), '은')} {self.company()}의 {n()} "
                f"{josa(n(), '으로')} 자리를 옮겨 {josa(n(), '을')} {self.verb(final)}"
            )
        if kind == 6:
            where = self.place() if rng.random() < 0.5 else n()
            return (
                f"{where}에서는 {n()} {josa(n(), '이')} 전년보다 {self.percent()} {self.change(False)} "
                f"{josa(n(), '에')} 대한 {josa(n(), '도')} {'커졌다' if final else '커졌고'}"
            )
        if kind == 7:
            ending = rng.choice(PASSIVE_ENDINGS if final else PASSIVE_JOINING)
            until = self.year + rng.randint(0, 3)
            return f"{n()} {josa(n(), '은')} {until}년까지 {self.amount()} 규모로 {_ACTIONS(rng)}{ending}"
        if kind == 8:
            return f"{self.when()} {josa(n(), '과')} {josa(n(), '을')} 함께 {self.verb(final)}"
        if kind == 9:
            english = self.term()
            return (
                f"{josa(english, '은')} {n()} {n()}의 핵심으로 꼽히는 만큼 {josa(self.company(), '은')} {english} "
                f"{josa(n(), '에')} {josa(self.amount(), '을')} {'투입하기로 했다' if final else '투입하기로 했고'}"
            )
        if kind == 10:
            return (
                f"{josa(self.person(), '은')} “{n()} {josa(n(), '을')} 더 빠르게 {_ACTIONS(rng)}하겠다”며 "
                f"“{josa(n(), '이')} 가장 중요하다”고 {'말했다' if final else '말했고'}"
            )
        if kind == 11:
            return (
                f"{self.place()}에서 열린 {n()} {josa(n(), '에는')} {rng.randint(2, 900):,}명이 참석해 "
                f"{n()}의 {josa(n(), '과')} {josa(n(), '을')} {'살폈다' if final else '살폈고'}"
            )
        return (
            f"{josa(n(), '은')} {n()} {josa(n(), '으로')} 이어질 수 있어 {josa(self.actor(), '은')} "
            f"{josa(n(), '을')} {self.verb(final)}"
        )

    def sentence(self) -> str:
        rng = self.rng
        lead = rng.random()
        if lead < 0.2:
            start = f"{self.when()} "
        elif lead < 0.35:
            start = rng.choice(("이에 따라 ", "한편 ", "특히 ", "다만 ", "이와 함께 ", "앞서 "))
        else:
            start = ""
        clauses = rng.choice((1, 2, 2, 2, 3, 3))
        return start + " ".join(self.clause(final=i == clauses - 1) for i in range(clauses)) + "."

    def headline(self) -> str:
        n, rng = self.noun, self.rng
        while True:
            kind = rng.randrange(5)
            if kind == 0:
                verbs = rng.sample(HEADLINE_VERBS, 2)
                text = f"{self.company()} {n()} {n()} {verbs[0]}…{n()} {n()} {verbs[1]}"
            elif kind == 1:
                text = f"{self.person()} “{n()} {n()} {josa(n(), '을')} {_ACTIONS(rng)}하겠다”"
            elif kind == 2:
                text = f"{self.place()} {n()} {n()}, {self.when()} {n()} {n()} {rng.choice(HEADLINE_VERBS)}"
            elif kind == 3:
                text = f"{n()}의 {n()} {josa(n(), '이')} {rng.choice(CHANGES)}…{n()} {n()} {rng.choice(HEADLINE_VERBS)}"
            else:
                text = f"{self.term()} {n()} {n()}, {self.amount()} {rng.choice(HEADLINE_VERBS)}"
            if 25 <= len(text) <= 40:
                return text


@dataclass
class Written:
    headline: str
    subheadline: str
    summary: str
    paragraphs: list[str]


def write(rng: random.Random, section: str, year: int) -> Written:
    writer = Writer(rng, section, year)
    headline = writer.headline()
    subheadline = writer.headline() if rng.random() < 0.3 else ""
    summary = writer.sentence()
    target, sentences, length = rng.randint(1000, 1500), [], 0
    while len(sentences) < 15 and (length < target or len(sentences) < 8):
        sentences.append(writer.sentence())
        length += len(sentences[-1]) + 1
    paragraphs, start = [], 0
    while start < len(sentences):
        size = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[start : start + size]))
        start += size
    return Written(headline, subheadline, summary, paragraphs)


# ---------------------------------------------------------------------------------------------------------------
# Loading: each worker writes chunks of articles with its own connection and COPYs them in, with their index entries
# as index_articles writes them, given to PostgreSQL as `tsvector` text (check_terms compares a sample).

CHUNK = 2000

ARTICLE_COLUMNS = _words(
    "id headline subheadline summary body section_id series_id status published_at ends_at review_note "
    "created_at updated_at video_youtube_id"
)
ENTRY_COLUMNS = _words("article_id status published_at ends_at section_id series_id headline_document document")


@dataclass(frozen=True)
class Plan:
    conninfo: str
    articles: int
    seed: int
    start: datetime
    end: datetime
    sections: dict[str, int]
    reporters: dict[str, list[int]]
    series: dict[str, list[int]]


_plan: Plan | None = None
_db: psycopg.Connection | None = None


def _start_worker(plan: Plan) -> None:
    global _plan, _db
    _plan = plan
    _db = psycopg.connect(plan.conninfo)
    _db.execute("SET synchronous_commit = off")
    _db.commit()


# Lexemes are Hangul, a-z, 0-9 and the analyser's marks (= _ . %) only: quoted, they need no escaping.


def _document(terms: str, facet_lexemes: list[str]) -> str:
    """As array_to_tsvector(lexemes(terms) + facets(…)) in index_articles."""
    return " ".join(f"'{lexeme}'" for lexeme in lexemes(terms) + facet_lexemes)


def _headline(terms: str) -> str:
    """As to_tsvector('simple', bigrams) || array_to_tsvector(words): each bigram with its positions, each of the
    analyser's words without."""
    bigrams, words = split_terms(terms)
    at: dict[str, list[int]] = {}
    for position, term in enumerate(bigrams, 1):
        at.setdefault(term, []).append(position)
    positioned = [f"'{term}':{','.join(map(str, spots))}" for term, spots in at.items()]
    return " ".join(positioned + [f"'{word}'" for word in dict.fromkeys(words)])


Visibility = tuple[str, datetime | None, datetime | None]


def _visibility(rng: random.Random, published_at: datetime, end: datetime) -> Visibility:
    """About 95% released and visible; the rest drafts, awaiting the desk, withdrawn, scheduled or ended."""
    r = rng.random()
    status = Article.Status
    if r < 0.95:
        return status.PUBLISHED.value, published_at, None
    if r < 0.96:
        return status.DRAFT.value, None, None
    if r < 0.97:
        return status.SUBMITTED.value, None, None
    if r < 0.98:
        return status.WITHDRAWN.value, published_at, None
    if r < 0.99:
        return status.PUBLISHED.value, end + timedelta(minutes=rng.randint(60, 14 * 24 * 60)), None
    return status.PUBLISHED.value, published_at, published_at + timedelta(hours=rng.randint(1, 72))


def load_chunk(number: int) -> int:
    plan, db = _plan, _db
    first = number * CHUNK + 1
    last = min(first + CHUNK, plan.articles + 1)
    rng = random.Random(plan.seed * 1_000_003 + number)
    keys = list(plan.sections)
    span = (plan.end - plan.start).total_seconds()
    articles, bylines, entries = [], [], []
    for pk in range(first, last):
        section = rng.choice(keys)
        written_at = plan.start + timedelta(seconds=span * (pk - 0.5) / plan.articles + rng.uniform(-1800, 0))
        text = write(rng, section, written_at.year)
        status, published_at, ends_at = _visibility(rng, written_at, plan.end)
        series_id = rng.choice(plan.series[section]) if plan.series[section] and rng.random() < 0.08 else None
        body = "".join(f"<p>{paragraph}</p>" for paragraph in text.paragraphs)
        articles.append(
            (pk, text.headline, text.subheadline, text.summary, body, plan.sections[section], series_id, status,
             published_at, ends_at, "", written_at, written_at, "")
        )  # fmt: skip
        people = rng.sample(plan.reporters[section], rng.choice((1, 1, 1, 2)))
        for position, reporter in enumerate(people):
            bylines.append((pk, reporter, position))
        found_facets = facets(plan.sections[section], series_id, published_at, people)
        # As entry_values: the headline's terms, then those of the subheadline, summary and body text.
        headline = document_terms(text.headline)
        rest = document_terms(" ".join([text.subheadline, text.summary, " ".join(text.paragraphs)]))
        entries.append(
            (
                pk,
                status,
                published_at,
                ends_at,
                plan.sections[section],
                series_id,
                _headline(headline),
                _document(f"{headline} {rest}".strip(), found_facets),
            )
        )
    with db.cursor() as cursor:
        with cursor.copy(f"COPY articles_article ({', '.join(ARTICLE_COLUMNS)}) FROM STDIN") as copy:
            for row in articles:
                copy.write_row(row)
        with cursor.copy("COPY articles_byline (article_id, reporter_id, position) FROM STDIN") as copy:
            for row in bylines:
                copy.write_row(row)
        with cursor.copy(f"COPY search_entry ({', '.join(ENTRY_COLUMNS)}) FROM STDIN") as copy:
            for row in entries:
                copy.write_row(row)
    db.commit()
    return last - first


def fill(count: int, workers: int, seed: int) -> tuple[float, list[str]]:
    """Writes `count` articles; returns the seconds it took and the definitions of the search indexes to build."""
    names = {"politics": "정치", "economy": "경제", "it": "IT", "society": "사회", "culture": "문화", "world": "국제"}
    sections = {
        key: Section.objects.create(name=name, slug=f"bench-{key}", position=i).pk
        for i, (key, name) in enumerate(names.items())
    }
    reporters, series = {}, {}
    for number, (key, section_id) in enumerate(sections.items()):
        made = Reporter.objects.bulk_create(Reporter(name=PEOPLE[-1 - 50 * number - i]) for i in range(50))
        reporters[key] = [reporter.pk for reporter in made]
        series[key] = [
            Series.objects.create(
                name=f"{names[key]} 기획 {i + 1}", slug=f"bench-{key}-{i + 1}", section_id=section_id
            ).pk
            for i in range(3)
        ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_entry' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'search_entry'::regclass)"
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    end = timezone.now().replace(second=0, microsecond=0)
    plan = Plan(
        conninfo=_conninfo(),
        articles=count,
        seed=seed,
        start=end - timedelta(days=4 * 365),
        end=end,
        sections=sections,
        reporters=reporters,
        series=series,
    )
    connections.close_all()
    began = time.perf_counter()
    done = 0
    chunks = range((count + CHUNK - 1) // CHUNK)
    with multiprocessing.get_context("fork").Pool(workers, _start_worker, (plan,)) as pool:
        for made in pool.imap_unordered(load_chunk, chunks):
            done += made
            if done % (CHUNK * 25) == 0 or done == count:
                elapsed = time.perf_counter() - began
                print(f"  {done:,} articles, {elapsed:.0f} s ({done / elapsed:,.0f}/s)", file=sys.stderr)
    loaded = time.perf_counter() - began
    with connection.cursor() as cursor:
        for table in ("articles_article", "articles_byline"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    return loaded, [definition for _, definition in indexes]


def _conninfo() -> str:
    options = connection.get_connection_params()
    return make_conninfo(
        **{key: value for key, value in options.items() if key in ("dbname", "user", "password", "host", "port")}
    )


def build_indexes(definitions: list[str]) -> list[tuple[str, float]]:
    timings = []
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for definition in definitions:
            began = time.perf_counter()
            cursor.execute(definition)
            timings.append((definition, time.perf_counter() - began))
        cursor.execute("RESET maintenance_work_mem")
    return timings


def vacuum() -> float:
    began = time.perf_counter()
    with connection.cursor() as cursor:
        for table in ("search_entry", "articles_article", "articles_byline"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - began


def report_sizes() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_size('search_entry'), pg_table_size('search_entry'), "
            "pg_total_relation_size('search_entry'), pg_table_size('articles_article')"
        )
        heap, table, total, articles = cursor.fetchone()
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index "
            "WHERE indrelid = 'search_entry'::regclass ORDER BY 1"
        )
        indexes = cursor.fetchall()
    mb = 1024 * 1024
    print(f"search_entry: table {heap / mb:,.0f} MB + TOAST {(table - heap) / mb:,.0f} MB, total {total / mb:,.0f} MB")
    for name, size in indexes:
        print(f"  index {name}: {size / mb:,.0f} MB")
    print(f"articles_article (table + TOAST, for comparison): {articles / mb:,.0f} MB")


def check_terms(sample: int = 30) -> None:
    """The loaded entries hold what index_articles would write for those articles."""
    last = Article.objects.aggregate(last=Max("pk"))["last"]
    picked = random.Random(sample).sample(range(1, last + 1), min(sample, last))
    for article in Article.objects.filter(pk__in=picked):
        values = entry_values(article)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT document = array_to_tsvector(%s::text[]) AND headline_document = "
                "to_tsvector('simple', %s) || array_to_tsvector(%s::text[]) FROM search_entry WHERE article_id = %s",
                [
                    lexemes(values["document"])
                    + facets(
                        article.section_id,
                        article.series_id,
                        article.published_at,
                        article.bylines.values_list("reporter_id", flat=True),
                    ),
                    " ".join(split_terms(values["headline_document"])[0]),
                    list(dict.fromkeys(split_terms(values["headline_document"])[1])),
                    article.pk,
                ],
            )
            assert cursor.fetchone() == (True,), f"article {article.pk}: its entry differs from index_articles"


# ---------------------------------------------------------------------------------------------------------------
# Measuring.


@dataclass
class Probe:
    kind: str
    q: str
    section: str | None = None
    since: date | None = None
    until: date | None = None
    page: int = 1
    times: list[float] = field(default_factory=list)
    page_times: list[float] = field(default_factory=list)
    matches: int = 0  # every match, counted once outside the timings
    shown: str = ""  # what the page says

    @property
    def label(self) -> str:
        extra = []
        if self.section:
            extra.append(f"section={self.section.removeprefix('bench-')}")
        if self.since:
            extra.append(f"{self.since:%Y-%m-%d}..{self.until:%Y-%m-%d}")
        if self.page > 1:
            extra.append(f"page {self.page}")
        return self.q + (f" ({', '.join(extra)})" if extra else "")

    def params(self) -> dict:
        params = {"q": self.q}
        if self.section:
            params["section"] = self.section
        if self.since:
            params |= {"since": f"{self.since:%Y-%m-%d}", "until": f"{self.until:%Y-%m-%d}"}
        if self.page > 1:
            params["page"] = self.page
        return params


def query_mix(newest: datetime) -> list[Probe]:
    # A quarter about a year before the newest article: a range holding roughly a sixteenth of the archive.
    year = newest.year - 1
    since, until = date(year, 4, 1), date(year, 6, 30)
    return [
        Probe("rare name", PEOPLE[3000]),
        Probe("rare name", PEOPLE[6000]),
        Probe("rare name", COMPANIES[250]),
        Probe("rare name", FOREIGN_PEOPLE[150]),
        Probe("common word", "서울"),
        Probe("common word", "정부"),
        Probe("common word", "시장"),
        Probe("word + particle", "메타의"),
        Probe("word + particle", "정부는"),
        Probe("word + particle", "시장에서"),
        Probe("verb ending", "떠났다"),
        Probe("verb ending", "떠난"),
        Probe("Latin, numbers", "AI 투자"),
        Probe("Latin, numbers", "2026년"),
        Probe("Latin, numbers", "CRO"),
        Probe("Latin, numbers", "GPU 720억 달러"),
        Probe("two or three words", "반도체 수출"),
        Probe("two or three words", "서울 아파트 가격"),
        Probe("two or three words", "데이터센터 전력"),
        Probe("section filter", "정부", section="bench-economy"),
        Probe("section filter", "인공지능", section="bench-it"),
        Probe("date range", "시장", since=since, until=until),
        Probe("date range", "금리 인상", since=since, until=until),
        Probe("later page", "서울", page=2),
        Probe("later page", "정부", page=5),
    ]


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def found_by(probe: Probe) -> Results:
    sections = {section.slug: section.pk for section in Section.objects.all()} if probe.section else {}
    return search(
        parse_query(probe.q),
        section_id=sections.get(probe.section),
        since=_day_start(probe.since) if probe.since else None,
        until=_day_start(probe.until + timedelta(days=1)) if probe.until else None,
    )


def run_search(probe: Probe) -> str:
    """What the page does for its results: the count and one page of articles (with sections and bylines)."""
    found = found_by(probe)
    page = Paginator(found, settings.ARTICLES_PER_PAGE).get_page(probe.page)
    articles = list(page.object_list)
    assert len(articles) == settings.ARTICLES_PER_PAGE or page.number == page.paginator.num_pages, probe.label
    return f"{page.paginator.count:,}{'+' if found.more else ''}"


def check_page(probe: Probe) -> None:
    """The page holds what sorting every match would give (slow for a common word, so not timed); count them too."""
    found = found_by(probe)
    everything = found.entries.matching(found.query)
    probe.matches = everything.count()
    size = settings.ARTICLES_PER_PAGE
    window = slice((probe.page - 1) * size, probe.page * size)
    expected = list(everything.ranked(found.query).values_list("article_id", flat=True)[window])
    assert [article.pk for article in found[window]] == expected, f"{probe.label}: the page differs from a full sort"


def percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)]


def measure(probes: list[Probe], rounds: int, pages: bool) -> None:
    client = Client()
    for probe in probes:  # warm: the first run of each query reads its index pages from disk
        probe.shown = run_search(probe)
        check_page(probe)
        if pages:
            assert client.get("/search/", probe.params()).status_code == 200
    for _ in range(rounds):
        for probe in probes:
            began = time.perf_counter()
            run_search(probe)
            probe.times.append((time.perf_counter() - began) * 1000)
            if pages:
                began = time.perf_counter()
                response = client.get("/search/", probe.params())
                probe.page_times.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, (probe.label, response.status_code)

    def both(timings: list[float]) -> str:
        p50, p95 = percentiles(timings)
        return f"{p50:7.1f} {p95:7.1f}"

    print(f"\n{'query':46} {'matches':>9} {'shown':>8}   results p50/p95 ms   page p50/p95 ms")
    for probe in probes:
        line = f"{probe.kind + ': ' + probe.label:46} {probe.matches:>9,} {probe.shown:>8}   {both(probe.times)}"
        print(line + (f"      {both(probe.page_times)}" if pages else ""))
    print(f"\n{'kind':67} results p50/p95 ms   page p50/p95 ms")
    for kind in [*dict.fromkeys(probe.kind for probe in probes), "overall"]:
        chosen = [probe for probe in probes if kind in (probe.kind, "overall")]
        line = f"{kind:67} {both([t for probe in chosen for t in probe.times])}"
        print(line + (f"      {both([t for probe in chosen for t in probe.page_times])}" if pages else ""))


def measure_saves(count: int = 40) -> None:
    """Indexing one article as its save does (index_articles in the save's transaction), for articles of every
    length, rolled back: p50/p95/max ms, and of the longest body."""
    from django.db import transaction

    last = Article.objects.aggregate(last=Max("pk"))["last"]
    picked = random.Random(7).sample(range(1, last + 1), min(count, last))
    timings, longest = [], (0, 0.0)
    for article in Article.objects.filter(pk__in=picked):
        with transaction.atomic():
            began = time.perf_counter()
            index_articles([article])
            took = (time.perf_counter() - began) * 1000
            transaction.set_rollback(True)
        timings.append(took)
        longest = max(longest, (len(article.body), took))
    p50, p95 = percentiles(timings)
    print(
        f"\nindexing one article on save: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(timings):.1f} ms "
        f"({len(timings)} articles; the longest body, {longest[0]:,} characters, {longest[1]:.1f} ms)"
    )
    began = time.perf_counter()
    pages = flush_pending_entries()
    print(
        f"merging their pending entries into the GIN indexes (the minute's job): {pages} pages, "
        f"{(time.perf_counter() - began) * 1000:.0f} ms"
    )


# What readers (or robots) type that a search must survive; bench/hostile.py sends the same on either database.
HOSTILE = {
    "5,000 characters": "반도체 수출 " * 714,
    "300 single syllables": " ".join(chr(0xAC00 + n * 37) for n in range(300)),
    "NUL and controls": "반도체\x00\x01\x1b[2J 정부\x7f",
    "NFD jamo": "ᄇ ᅡ ᆫ ᄃ ᅩ ᄎ ᅦ ᄒ ᅡ ᆫ ᄀ ᅳ ᆯ" * 20,
    "emoji": "반도체 😀👍🏽 🇰🇷 👨‍👩‍👧",
    "tsquery syntax": "'반도체' & !정부 | (삼성:* <-> 전자) \\ %% _ @s1 =정부_발표",
    "quotes": '"반도체 "정부 "" "' + "서울 " * 50,
    "one common syllable": "정 부 서 울 시 장",
}


def measure_hostile(rounds: int = 3) -> None:
    client = Client()
    print(f"\n{'hostile query':24} {'status':>6} {'slowest ms':>11}")
    for name, query in HOSTILE.items():
        statuses, timings = set(), []
        for _ in range(rounds):
            began = time.perf_counter()
            statuses.add(client.get("/search/", {"q": query}).status_code)
            timings.append((time.perf_counter() - began) * 1000)
        print(f"{name:24} {','.join(map(str, sorted(statuses))):>6} {max(timings):11.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=10, help="times each query is run")
    parser.add_argument("--workers", type=int, default=2, help="processes writing articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-pages", action="store_true", help="time the results only, not the whole page")
    parser.add_argument("--measure-only", action="store_true", help="time a database this script filled before")
    options = parser.parse_args()

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to an empty scratch PostgreSQL database.")
    call_command("migrate", verbosity=0)
    if options.measure_only:
        print(f"PostgreSQL {connection.pg_version // 10000}, {Article.objects.count():,} articles")
    elif Article.objects.exists() or Entry.objects.exists():
        sys.exit("This database already holds articles: use an empty scratch database (or --measure-only).")
    else:
        loaded, definitions = fill(options.articles, options.workers, options.seed)
        print(f"PostgreSQL {connection.pg_version // 10000}, {options.articles:,} articles")
        print(f"loaded (articles, bylines, index entries) in {loaded:.0f} s")
        for definition, seconds in build_indexes(definitions):
            print(f"built in {seconds:.1f} s: {definition}")
        print(f"VACUUM ANALYZE in {vacuum():.0f} s")
        check_terms()
    report_sizes()
    newest = Article.objects.published().aggregate(newest=Max("published_at"))["newest"]
    measure(query_mix(newest), options.rounds, not options.no_pages)
    measure_saves()
    measure_hostile()


if __name__ == "__main__":
    main()

"""A small newsroom and the queries readers type into it, with what each must find and must not find.

Each case is (query, must find, must not find), by article key. The articles are written to tell the cases apart:
particles and endings (메타의, 떠났다), two-syllable words, words of three or more syllables whose pieces also
appear apart (데이터 … 센터), English and numbers, and several terms at once.
"""

ARTICLES = {
    "meta_cro": (
        "메타 최고수익책임자, 1년 만에 회사 떠난다",
        "메타의 최고수익책임자(CRO) 존 헤게만이 회사를 떠났다. 그는 AI 광고 사업을 이끌었다. "
        "메타는 2026년 AI 투자를 늘린다고 밝혔다.",
    ),
    "meta_ads": (
        "디지털 광고 시장 판도 변화",
        "메타가 광고 문구를 AI로 만드는 도구를 내놓았다. 구글도 비슷한 기능을 시험하고 있다.",
    ),
    "metaverse": (
        "메타버스 플랫폼 이용자 줄어",
        "가상공간 서비스의 이용자가 1년 새 30% 줄었다. 업계는 새 수익 모델을 찾고 있다.",
    ),
    "seoul_cold": (
        "서울 아침 영하 10도…한파 이어져",
        "서울의 아침 기온이 영하 10도까지 내려갔다. 기상청은 이번 주 내내 추위가 이어진다고 예보했다.",
    ),
    "busan_festival": (
        "부산 해운대 빛 축제 개막",
        "해운대 해변에서 빛 축제가 열렸다. 서울에서 온 관광객도 많았다.",
    ),
    "ai_chips": (
        "AI 반도체 투자 확대…GPU 공급 늘린다",
        "엔비디아는 2026년 3분기까지 GPU 공급을 늘릴 계획이다. 데이터센터 투자가 계속되고 있다.",
    ),
    "market_mood": (
        "증시 투자 심리 위축",
        "코스피가 사흘째 하락했다. 외국인 투자자가 주식을 팔았다.",
    ),
    "datacenter": (
        "데이터센터 전력 수요 급증",
        "데이터센터를 짓는 기업이 늘면서 전력 수요가 크게 늘었다. 한국전력은 송전망 확충에 나선다.",
    ),
    "data_center_apart": (
        "공공 데이터 개방 확대",
        "행정안전부는 공공 데이터를 더 많이 공개한다. 지역 센터에서 교육도 한다.",
    ),
    "ceo_change": (
        "CEO 교체…CFO도 물러나",
        "회사는 새 CEO를 선임했다. 최고재무책임자 CFO도 함께 물러났다.",
    ),
    "government": (
        "정부는 내년 예산안을 확정했다",
        "기획재정부가 예산안을 국회에 제출한다. 복지 예산이 가장 크게 늘었다.",
    ),
    "minister_left": (
        "장관 사임…정계 떠나",
        "장관이 정계를 떠나 고향으로 돌아간다. 후임 인선은 다음 주에 발표된다.",
    ),
    "year_2025": (
        "2025년 수출 실적 발표",
        "지난해 수출은 7000억 달러를 넘었다. 반도체가 수출을 이끌었다.",
    ),
    "fullwidth": (
        "ＫＴ 새 요금제 출시",
        "ＫＴ가 5Ｇ 요금제를 새로 내놓았다.",
    ),
}

# (query, must find, must not find)
CASES = [
    # A word finds its forms with particles: 메타의, 메타는, 메타가.
    ("메타", {"meta_cro", "meta_ads"}, {"seoul_cold", "government"}),
    # A form with a particle finds exactly that form.
    ("메타의", {"meta_cro"}, {"meta_ads", "metaverse"}),
    ("정부", {"government"}, {"meta_cro"}),
    ("정부는", {"government"}, {"seoul_cold"}),
    # Two syllables, in the headline or only in the body.
    ("서울", {"seoul_cold", "busan_festival"}, {"datacenter", "meta_cro"}),
    ("한파", {"seoul_cold"}, {"busan_festival"}),
    # A verb stem finds its endings: 떠나 → 떠난다, 떠났다, 떠나.
    ("떠나", {"meta_cro", "minister_left"}, {"ceo_change"}),
    ("떠났다", {"meta_cro"}, {"minister_left"}),
    # Three or more syllables: the pieces must be side by side.
    ("데이터센터", {"datacenter", "ai_chips"}, {"data_center_apart"}),
    ("최고수익책임자", {"meta_cro"}, {"ceo_change"}),
    # English and numbers, any case, full-width too.
    ("CRO", {"meta_cro"}, {"ceo_change"}),
    ("cro", {"meta_cro"}, {"ceo_change"}),
    ("GPU", {"ai_chips"}, {"meta_cro"}),
    ("KT", {"fullwidth"}, set()),
    ("5G", {"fullwidth"}, set()),
    ("2026년", {"meta_cro", "ai_chips"}, {"year_2025"}),
    ("2025년", {"year_2025"}, {"meta_cro", "ai_chips"}),
    # Several terms: all of them.
    ("AI 투자", {"meta_cro", "ai_chips"}, {"market_mood", "meta_ads"}),
    ("메타 광고", {"meta_cro", "meta_ads"}, {"metaverse"}),
    ("서울 축제", {"busan_festival"}, {"seoul_cold"}),
    ("반도체 수출 2025년", {"year_2025"}, {"ai_chips"}),
    # A single syllable starts a word.
    ("빛", {"busan_festival"}, {"seoul_cold"}),
    # Nothing to find.
    ("화성 탐사", set(), {"meta_cro", "ai_chips"}),
]

"""A small newsroom and the queries readers type into it, with what each must find and must not find.

Each case is (query, must find, must not find), by article key. The articles are written to tell the cases apart:
particles and endings (메타의, 떠났다; 삼성전자가, 삼성전자는; 발표했다, 발표한), words written with and without an
inner space (데이터센터, 데이터 센터), numbers as written (1,400원, 370억 달러, 3.5%), words that hide inside other
words (메탄올, 전세계, 과정부터, 보여주는, 기준금리, 쌀쌀한, 눈물), spelling variants (컨텐츠), quoted phrases, names
no dictionary knows, English, and several terms at once.

FIRST lists queries whose first result is decided: headline matches first, then the form typed, then the newest.
The articles are released an hour apart in the order written, the first the newest.
"""

ARTICLES = {
    # Newer than the rest: each pairs with a decoy or a rival for the first place.
    "samsung_neun": (
        "삼성전자는 배당을 늘린다",
        "삼성전자는 올해 배당을 늘리기로 했다. 주주들은 환영했다.",
    ),
    "samsung_ga": (
        "삼성전자가 평택에 새 공장 짓는다",
        "삼성전자가 평택에 반도체 공장을 새로 짓기로 했다.",
    ),
    "announce_han": (
        "국토교통부가 발표한 공급 대책 효과는",
        "국토교통부가 지난달 발표한 주택 공급 대책의 효과를 따져본다.",
    ),
    "announce_did": (
        "통계청, 1월 출생아 통계 발표했다",
        "통계청은 1월 출생아가 늘었다고 밝혔다.",
    ),
    "datacenter_spaced": (
        "데이터 센터 건립에 주민 반대",
        "주민들이 마을 옆 데이터 센터 건립에 반대했다.",
    ),
    "ai_spaced": (
        "인공 지능 윤리 기준 마련",
        "연구자들이 인공 지능 윤리 기준을 발표했다.",
    ),
    "ai_joined": (
        "인공지능 교과서 내년 도입",
        "학교에 인공지능 교과서가 들어온다.",
    ),
    "climate_spaced": (
        "기후 변화 대응 예산 늘려",
        "기후 변화에 대응하는 예산이 늘었다.",
    ),
    "climate_joined": (
        "기후변화 적응 대책 나온다",
        "기후변화 적응 대책이 곧 나온다.",
    ),
    "won_rate": (
        "원·달러 환율 1,400원 넘어",
        "원·달러 환율이 1,400원을 넘었다. 수입 물가가 오를 전망이다.",
    ),
    "export_deal": (
        "370억 달러 수출 계약 맺어",
        "조선사가 370억 달러 규모의 수출 계약을 맺었다.",
    ),
    "world_market": (
        "전세계 반도체 시장 회복",
        "전세계 반도체 매출이 석 달째 늘었다.",
    ),
    "jeonse": (
        "전세 사기 피해자 지원",
        "전세 보증금을 돌려받지 못한 세입자를 돕는다.",
    ),
    "base_rate": (
        "기준금리 3.5% 동결",
        "한국은행이 기준금리를 연 3.5%로 동결했다. 소문은 금세 퍼졌다.",
    ),
    "youth": (
        "청년 3만 명 5년간 지원",
        "청년 3만 명을 5년 동안 돕는 사업이 시작된다.",
    ),
    "gold": (
        "금 한 돈 값 또 올라",
        "금 한 돈 값이 또 올랐다. 안전자산을 찾는 사람이 늘었다.",
    ),
    "pension": (
        "연금만으로 노후 어려워",
        "국민연금만으로는 노후 생활이 어렵다는 조사가 나왔다.",
    ),
    "methanol": (
        "메탄올 추진 선박 첫 출항",
        "메탄올을 연료로 쓰는 선박이 처음 출항했다.",
    ),
    "hiring": (
        "채용 과정부터 다시 점검",
        "공기업 채용 과정부터 다시 점검한다.",
    ),
    "yeoju": (
        "여주 쌀 수확 시작",
        "여주에서 쌀 수확이 시작됐다.",
    ),
    "showcase": (
        "신제품 보여주는 행사 열려",
        "새 기능을 직접 보여주는 자리가 마련됐다.",
    ),
    "chilly": (
        "쌀쌀한 날씨 이어져",
        "아침에는 쌀쌀한 날씨가 이어진다.",
    ),
    "eyes": (
        "눈 건강 지키는 법",
        "화면을 오래 보면 눈이 쉽게 피로해진다.",
    ),
    "tears": (
        "눈물의 졸업식",
        "졸업생들이 눈물을 흘렸다.",
    ),
    "contents": (
        "콘텐츠 산업 지원 확대",
        "문화체육관광부가 콘텐츠 기업 지원을 늘린다.",
    ),
    "message": (
        "대통령 신년 메시지 발표",
        "대통령이 신년 메시지를 내놓았다.",
    ),
    "band": (
        "뉴진스 새 앨범 발매",
        "뉴진스가 새 앨범을 낸다.",
    ),
    "open_data_apart": (
        "공공의 데이터는 누구 것인가",
        "공공 기관이 모은 자료를 두고 데이터 주권 논쟁이 벌어졌다.",
    ),
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
    # A word finds its forms with particles: 메타의, 메타는, 메타가; the form typed does not decide.
    ("메타", {"meta_cro", "meta_ads"}, {"seoul_cold", "government", "methanol"}),
    ("메타의", {"meta_cro", "meta_ads"}, {"methanol", "government"}),
    ("정부", {"government"}, {"meta_cro", "hiring"}),
    ("정부는", {"government"}, {"seoul_cold", "hiring"}),
    ("삼성전자가", {"samsung_ga", "samsung_neun"}, {"ai_chips"}),
    ("삼성전자", {"samsung_ga", "samsung_neun"}, {"ai_chips"}),
    # A part of two syllables of a compound the dictionary knows whole is a word of its own: 삼성 in 삼성전자.
    ("삼성", {"samsung_ga", "samsung_neun"}, {"ai_chips"}),
    # Two syllables, in the headline or only in the body.
    ("서울", {"seoul_cold", "busan_festival"}, {"datacenter", "meta_cro"}),
    ("한파", {"seoul_cold"}, {"busan_festival"}),
    # A verb finds its other endings: 떠나, 떠난다, 떠났다; 발표했다, 발표한.
    ("떠나", {"meta_cro", "minister_left"}, {"ceo_change"}),
    ("떠났다", {"meta_cro", "minister_left"}, {"ceo_change"}),
    ("발표했다", {"announce_did", "announce_han", "ai_spaced"}, {"youth"}),
    ("발표한", {"announce_did", "announce_han"}, {"youth"}),
    # Three or more syllables: the word, not its pieces apart.
    ("데이터센터", {"datacenter", "ai_chips", "datacenter_spaced"}, {"data_center_apart", "open_data_apart"}),
    ("최고수익책임자", {"meta_cro"}, {"ceo_change"}),
    # With or without an inner space, both ways.
    ("데이터 센터", {"datacenter", "datacenter_spaced", "data_center_apart"}, {"open_data_apart"}),
    ("인공지능", {"ai_joined", "ai_spaced"}, {"ai_chips"}),
    ("인공 지능", {"ai_joined", "ai_spaced"}, {"ai_chips"}),
    ("기후변화", {"climate_joined", "climate_spaced"}, {"seoul_cold"}),
    ("기후 변화", {"climate_joined", "climate_spaced"}, {"seoul_cold"}),
    # A quoted phrase: those words side by side, in that order.
    ('"데이터 센터"', {"datacenter", "datacenter_spaced"}, {"data_center_apart", "open_data_apart"}),
    ('"공공 데이터"', {"data_center_apart"}, {"open_data_apart"}),
    ("“공공 데이터”", {"data_center_apart"}, {"open_data_apart"}),
    # English and numbers, any case, full-width too.
    ("CRO", {"meta_cro"}, {"ceo_change"}),
    ("cro", {"meta_cro"}, {"ceo_change"}),
    ("GPU", {"ai_chips"}, {"meta_cro"}),
    ("KT", {"fullwidth"}, set()),
    ("5G", {"fullwidth"}, set()),
    ("2026년", {"meta_cro", "ai_chips"}, {"year_2025"}),
    ("2025년", {"year_2025"}, {"meta_cro", "ai_chips"}),
    # Numbers as written: thousands separators, a unit with or without a space, a decimal point.
    ("1400원", {"won_rate"}, {"year_2025"}),
    ("1,400원", {"won_rate"}, {"year_2025"}),
    ("370억달러", {"export_deal"}, {"year_2025"}),
    ("370억 달러", {"export_deal"}, {"year_2025"}),
    ("7000억달러", {"year_2025"}, {"export_deal"}),
    ("3.5%", {"base_rate"}, {"youth"}),
    ("3.5", {"base_rate"}, {"youth"}),
    # Not inside another word: 전세계, 과정부터, 보여주는, 기준금리, 금세, 연금만, 쌀쌀한, 눈물.
    ("전세", {"jeonse"}, {"world_market"}),
    ("여주", {"yeoju"}, {"showcase"}),
    ("금", {"gold"}, {"base_rate", "pension"}),
    ("금값", set(), {"base_rate", "pension"}),
    ("연금", {"pension"}, {"gold"}),
    ("쌀", {"yeoju"}, {"chilly"}),
    ("눈", {"eyes"}, {"tears"}),
    ("눈물", {"tears"}, {"eyes"}),
    ("메탄올", {"methanol"}, {"meta_cro", "meta_ads"}),
    # Spelling variants editors know: 컨텐츠 is 콘텐츠, 메세지 is 메시지.
    ("컨텐츠", {"contents"}, {"message"}),
    ("콘텐츠", {"contents"}, {"message"}),
    ("메세지", {"message"}, {"contents"}),
    # Names no dictionary knows are found wherever they are written.
    ("헤게만", {"meta_cro"}, {"ceo_change"}),
    ("뉴진스", {"band"}, {"message"}),
    ("엔비디아", {"ai_chips"}, {"market_mood"}),
    # Several terms: all of them.
    ("AI 투자", {"meta_cro", "ai_chips"}, {"market_mood", "meta_ads"}),
    ("메타 광고", {"meta_cro", "meta_ads"}, {"metaverse"}),
    ("서울 축제", {"busan_festival"}, {"seoul_cold"}),
    ("반도체 수출 2025년", {"year_2025"}, {"ai_chips"}),
    ("전세 지원", {"jeonse"}, {"world_market", "youth"}),
    # A single syllable is a word of its own.
    ("빛", {"busan_festival"}, {"seoul_cold"}),
    # Nothing to find.
    ("화성 탐사", set(), {"meta_cro", "ai_chips"}),
]

# (query, the article that must come first)
FIRST = [
    # In the headline in the form typed, though another headline with the word is newer.
    ("삼성전자가", "samsung_ga"),
    ("발표했다", "announce_did"),
    ("데이터센터", "datacenter"),
    # A headline with the word before one where it hides inside another word (전세계, 기준금리, 과정부터).
    ("전세", "jeonse"),
    ("금", "gold"),
    ("정부", "government"),
]

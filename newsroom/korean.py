"""Korean as editors read it: the particle that fits the word before it (제목이, 본문이, 섹션을, 서울로, URL이), and
people's names in Korean order (성 이름).

A particle is chosen by the last syllable's final consonant (받침): 이/가, 을/를, 은/는, 과/와, 아/야 and (으)로,
where a final ㄹ takes 로 (서울로). A word that ends in Latin letters or digits is read as Koreans say it: URL as
유알엘 (ends in ㄹ), 2 as 이, 10 as 십, API as 에이피아이.
"""

from __future__ import annotations

# The forms after a final consonant and after a vowel; (으)로 is special-cased for ㄹ.
PARTICLES = {
    "이/가": ("이", "가"),
    "을/를": ("을", "를"),
    "은/는": ("은", "는"),
    "과/와": ("과", "와"),
    "아/야": ("아", "야"),
    "이다/다": ("이다", "다"),
    "으로/로": ("으로", "로"),
}
_ALIASES = {
    "가/이": "이/가",
    "를/을": "을/를",
    "는/은": "은/는",
    "와/과": "과/와",
    "(으)로": "으로/로",
    "로/으로": "으로/로",
}

_RIEUL = 8  # the index of ㄹ among the final consonants

# The final consonant of each Latin letter's Korean name (0: none): 엘 ㄹ, 엠 ㅁ, 엔 ㄴ, 알 ㄹ; the rest end in a
# vowel (에이, 비, 씨 …, 에프, 에스, 엑스, 제트).
_LETTER_FINAL = {"L": _RIEUL, "M": 16, "N": 4, "R": _RIEUL}
# How a word in lower case usually ends when read in Korean: ...l and ...le in ㄹ (Gmail 지메일, Google 구글),
# ...m and ...me ㅁ (Game 게임), ...n and ...ne ㄴ (iPhone 아이폰), ...ng ㅇ, ...k ㄱ (Facebook 페이스북),
# ...p and ...b ㅂ (App 앱); anything else in a vowel (YouTube 유튜브).
_WORD_ENDINGS = [
    ("ng", 21),
    ("ne", 4),
    ("me", 16),
    ("le", _RIEUL),
    ("l", _RIEUL),
    ("m", 16),
    ("n", 4),
    ("k", 1),
    ("p", 17),
    ("b", 17),
]
# Digits as read: 영 ㅇ, 일 ㄹ, 이, 삼 ㅁ, 사, 오, 육 ㄱ, 칠 ㄹ, 팔 ㄹ, 구.
_DIGIT_FINAL = {"0": 21, "1": _RIEUL, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": _RIEUL, "8": _RIEUL, "9": 0}
# A number ending in zeros is read by its last place: 10 십 ㅂ, 100 백 ㄱ, 1000 천 ㄴ, 10000 만 ㄴ.
_PLACE_FINAL = {1: 17, 2: 1, 3: 4}
_MAN = 4

# Symbols read as words: % 퍼센트, ℃ and ° 도, ㎝ 센티미터, ㎞ 킬로미터, ㎏ 킬로그램 (ㅁ), ㎜ 밀리미터.
_SYMBOL_FINAL = {"%": 0, "℃": 0, "°": 0, "㎝": 0, "㎞": 0, "㎜": 0, "㎏": 16}

_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_TRAILING = " \t\n.,;:!?)]}\"'”’」』》〉"
_TRAILING_BUT_PARENTHESIS = _TRAILING.replace(")", "")


def final_consonant(word: str) -> int | None:
    """The index (1–27) of the final consonant of `word`'s last syllable as read aloud, 0 for none, None when the
    word ends in nothing readable."""
    # A particle after a parenthesis fits the word before it: 기사 (수정)를 as 기사를.
    word = word.rstrip(_TRAILING_BUT_PARENTHESIS)
    while word.endswith(")") and "(" in word:
        word = word[: word.rindex("(")].rstrip(_TRAILING_BUT_PARENTHESIS)
    word = word.rstrip(_TRAILING)
    if not word:
        return None
    last = word[-1]
    if last in _SYMBOL_FINAL:
        return _SYMBOL_FINAL[last]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28
    if last.isdigit():
        digits = word[len(word.rstrip("0123456789")) :]
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros and zeros < len(digits):  # 10, 200, 3000: the last place is read
            return _PLACE_FINAL.get(zeros, _MAN)
        return _DIGIT_FINAL.get(last, 0)
    if last.isascii() and last.isalpha():
        letters = word[len(word.rstrip(_LATIN)) :]
        if letters.isupper():  # an abbreviation, read letter by letter
            return _LETTER_FINAL.get(last, 0)
        lower = letters.lower()
        return next((final for ending, final in _WORD_ENDINGS if lower.endswith(ending)), 0)
    return None


def particle(word: str, particles: str) -> str:
    """The form of `particles` ("이/가", "을/를", "은/는", "과/와", "(으)로" …) that fits after `word`."""
    key = _ALIASES.get(particles, particles)
    with_final, without = PARTICLES[key]
    final = final_consonant(word)
    if final is None:  # unreadable: the usual written compromise
        return f"{with_final}({without})" if key != "으로/로" else "(으)로"
    if key == "으로/로":
        return without if final in (0, _RIEUL) else with_final
    return with_final if final else without


def with_particle(word: str, particles: str) -> str:
    """`word` followed by the particle that fits it: with_particle("서울", "(으)로") == "서울로"."""
    return f"{word}{particle(word, particles)}"


def korean_name(user) -> str:
    """A person's name as Koreans write it: family name first, no space between (박데스크 for first name 데스크 and
    last name 박); a reporter's own name when the user is one; the login name when no name is given."""
    reporter = getattr(user, "reporter", None) if user is not None else None
    if reporter is not None:
        return reporter.name
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last:
        hangul = all("가" <= ch <= "힣" for ch in first + last)
        return f"{last}{first}" if hangul else f"{last} {first}"
    return last or first or user.get_username()

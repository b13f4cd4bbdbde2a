"""Korean-aware terms for search: Hangul as overlapping two-syllable pieces (bigrams), Latin words and numbers whole.

Korean attaches particles and endings to words (메타의, 메타는; 떠난다, 떠났다), and neither PostgreSQL nor SQLite
has a Korean parser. Cutting every run of Hangul into overlapping pairs of syllables, as Lucene's CJK analyzer
does, makes 메타의 into 메타 and 타의, so the query 메타 finds it whatever follows. A query of three or more
syllables must find its pairs side by side (데이터센터 is 데이터 and 센터 next to each other, not anywhere
in the article), and a single syllable matches the start of a pair.

The same terms feed both databases: a `tsvector` with a GIN index on PostgreSQL, a plain string of terms on SQLite,
so that both find the same articles.
"""

import re
import unicodedata
from dataclasses import dataclass

# Hangul syllables; Latin letters and digits (after NFKC, so full-width Ａ１ become A1).
_RUN = re.compile(r"[\uac00-\ud7a3]+|[0-9a-z]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10


def _runs(text: str) -> list[str]:
    return _RUN.findall(unicodedata.normalize("NFKC", text).lower())


def _pieces(run: str) -> list[str]:
    """The terms of one run: a Hangul run as its bigrams (a lone syllable as itself), anything else whole."""
    if _HANGUL.match(run) and len(run) > 1:
        return [run[i : i + 2] for i in range(len(run) - 1)]
    return [run]


# Final consonants that verb endings fuse into a stem's last syllable: 떠나 + ㄴ다 = 떠난다, + 았다 = 떠났다.
# Indexing the pair with that final taken off as well lets the stem 떠나 find both. (ㄹ, as in 떠날, is left out:
# it ends too many nouns, and 서울 would then be found by 서우.)
_ENDING_FINALS = {4: "ㄴ", 20: "ㅆ"}  # jongseong indices


def _without_ending_final(syllable: str) -> str | None:
    offset = ord(syllable) - 0xAC00
    if 0 <= offset < 11172 and offset % 28 in _ENDING_FINALS:
        return chr(ord(syllable) - offset % 28)
    return None


def document_terms(text: str) -> str:
    """The terms of `text`, space-separated.

    First every term in order, which keeps the pairs of a word side by side for queries of three or more syllables;
    then, once each, the stem forms of pairs whose second syllable carries a verb ending's final (떠난 → 떠나).
    """
    terms, stems = [], {}
    for run in _runs(text):
        pieces = _pieces(run)
        terms.extend(pieces)
        for piece in pieces:
            if len(piece) == 2 and (bare := _without_ending_final(piece[1])) and _HANGUL.match(piece[0]):
                stems.setdefault(piece[0] + bare, None)
    return " ".join(terms + list(stems))


@dataclass(frozen=True)
class Part:
    """One run of a query: terms that must appear side by side, or a single syllable that starts a term."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    text: str
    parts: tuple[Part, ...]
    shortened: bool = False

    def __bool__(self) -> bool:
        return bool(self.parts)

    @property
    def highlights(self) -> list[str]:
        """What to mark in a snippet: each run as typed (메타, 2026, cro)."""
        return [part.terms[0] if part.prefix else _join(part.terms) for part in self.parts]


def _join(terms: tuple[str, ...]) -> str:
    """Bigrams back into the run they came from: 데이 이터 → 데이터."""
    return terms[0] + "".join(term[-1] for term in terms[1:])


def parse_query(text: str) -> Query:
    """A reader's query: every word must match (AND), particles and endings aside.

    Control characters and punctuation are dropped; a query longer than MAX_QUERY_LENGTH characters or
    MAX_QUERY_WORDS runs is cut, and says so.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    shortened = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    parts: list[Part] = []
    for run in _runs(text):
        part = Part((run,), prefix=True) if _HANGUL.match(run) and len(run) == 1 else Part(tuple(_pieces(run)))
        if part not in parts:
            parts.append(part)
    if len(parts) > MAX_QUERY_WORDS:
        parts, shortened = parts[:MAX_QUERY_WORDS], True
    return Query(text=text, parts=tuple(parts), shortened=shortened)

"""What the index holds for a text and what a reader's query asks of it (docs/search.md).

An entry holds two kinds of terms, space-separated:
- Hangul as overlapping two-syllable pieces (bigrams: 헤게만이 → 헤게 게만 만이), Latin words and numbers whole.
  A name the analyser does not know is found by its pieces side by side, wherever it is written.
- the words the analyser finds, marked `=` (search/analysis.py): =삼성전자, =발표, =데이터_센터.

A query word is matched as a word when the analyser reads it as one (정부 finds 정부는, not 과정부터; 발표했다 finds
발표한); a word it reads as several, or not as a noun, may also match by its pieces side by side (헤게만, an unknown
name, finds 헤게만이). Two query words may also match as one written without the space (인공 지능 finds 인공지능).
A quoted phrase matches its words side by side, in order. Spelling variants (컨텐츠 for 콘텐츠) count as the word.

The same terms feed both databases: a `tsvector` with a GIN index on PostgreSQL, a plain string of terms on SQLite,
so that both find the same articles.
"""

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise, product

from . import analysis

# Hangul syllables; Latin letters and digits (after NFKC, so full-width Ａ１ become A1); any other letters (Hanja,
# Greek, kana …) as runs of their own.
_RUN = re.compile(r"[\uac00-\ud7a3]+|[0-9a-z]+|[^\W\d_a-z\uac00-\ud7a3]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
# A phrase in straight or curly double quotes, or curly single ones (‘’, as headlines quote).
_QUOTED = re.compile(r"[\"“”„]([^\"“”„]+)[\"“”„]|‘([^‘’]+)’")
# Particles a name may carry when typed: the bigrams of an unknown name are those of the name without them.
PARTICLES = sorted(
    [
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "도",
        "와",
        "과",
        "로",
        "에",
        "만",
        "나",
        "랑",
        "으로",
        "에서",
        "에게",
        "한테",
        "까지",
        "부터",
        "보다",
        "처럼",
        "마저",
        "조차",
        "이나",
        "이랑",
        "와의",
        "과의",
        "에는",
        "에도",
        "에서는",
        "으로는",
        "에게는",
        "까지는",
        "부터는",
        "이라는",
        "이라고",
        "라는",
        "라고",
    ],
    key=len,
    reverse=True,
)

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10


def _runs(text: str) -> list[str]:
    return _RUN.findall(analysis.normalize(text))


def _pieces(run: str) -> list[str]:
    """The terms of one run: a Hangul run as its bigrams (a lone syllable as itself), anything else whole."""
    if _HANGUL.match(run) and len(run) > 1:
        return [run[i : i + 2] for i in range(len(run) - 1)]
    return [run]


def bigram_terms(text: str) -> list[str]:
    return [piece for run in _runs(text) for piece in _pieces(run)]


def document_terms(text: str, morphemes: bool = True) -> str:
    """The terms of `text`, space-separated: first every bigram in order, which keeps the pieces of a word side
    by side, then the analyser's words, each once."""
    terms = bigram_terms(text)
    if morphemes:
        terms += analysis.word_terms(text)
    return " ".join(terms)


def split_terms(terms: str) -> tuple[list[str], list[str]]:
    """A terms string as its bigrams (in order) and its words (=…)."""
    words = terms.split()
    return [t for t in words if not t.startswith("=")], [t for t in words if t.startswith("=")]


@dataclass(frozen=True)
class Needle:
    """Terms that must stand side by side (a run's bigrams; a word: one term), or a syllable that starts a term."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Part:
    """One word (or quoted phrase) of a query: found when all the needles of any one alternative are.

    `exact` is the form typed, as bigrams, for ranking; `marks`, what a snippet marks."""

    alternatives: tuple[tuple[Needle, ...], ...]
    exact: tuple[Needle, ...]
    marks: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    text: str
    parts: tuple[Part, ...]
    shortened: bool = False

    def __bool__(self) -> bool:
        return bool(self.parts)

    @property
    def highlights(self) -> list[str]:
        """What to mark in a snippet: each word found, as written (삼성전자 for 삼성전자가)."""
        return list(dict.fromkeys(mark for part in self.parts for mark in part.marks))


def _without_particle(word: str) -> str:
    """헤게만은 → 헤게만: a word with a particle typed after it, the particle off (two syllables must be left)."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def _bigram_needles(text: str) -> tuple[Needle, ...]:
    """The form as written: each run's bigrams side by side; a lone syllable starts a term."""
    needles = []
    for run in _runs(text):
        if _HANGUL.match(run) and len(run) == 1:
            needles.append(Needle((run,), prefix=True))
        else:
            needles.append(Needle(tuple(_pieces(run))))
    return tuple(dict.fromkeys(needles))


def _word_needles(atoms: tuple[str, ...]) -> tuple[Needle, ...]:
    return tuple(Needle((term,)) for term in analysis.atom_terms(atoms))


def _spellings(word: str, variants: dict[str, tuple[str, ...]]) -> list[str]:
    """The word as typed and with each known variant of a word in it (컨텐츠산업 → 콘텐츠산업). A spelling of one
    syllable only alone or with a particle (앱, 앱을; not 앱솔루트, and 가 → 갸 would not reach 가격)."""
    found = [word]
    for spelling, others in variants.items():
        if word.startswith(spelling) and (len(spelling) > 1 or word[1:] in ("", *PARTICLES)):
            found += [word.replace(spelling, other) for other in others]
    return list(dict.fromkeys(found))[:8]


def _pieces_may_match(word: str, read: analysis.Word) -> bool:
    """Whether a word may also match by its bigrams: Hangul of two syllables or more, and not one noun the analyser
    knows (those would find 정부 in 과정부터; a syllable, 이 in every word starting with it)."""
    return bool(_HANGUL_WORD.fullmatch(word)) and len(word) > 1 and not read.nouns


@dataclass
class _Typed:
    text: str
    phrase: bool
    reads: list[tuple[str, analysis.Word]]  # each spelling and how it reads


def _part(typed: _Typed, joined: list[tuple[str, ...]]) -> Part:
    alternatives: list[tuple[Needle, ...]] = []
    for spelling, read in typed.reads:
        if typed.phrase and read.runs:
            # Each run of words side by side; where a particle parts them (삼성전자가 발표한), the form as typed too.
            needles = tuple(needle for run in read.runs for needle in _word_needles(run))
            alternatives.append(needles + (_bigram_needles(spelling) if len(read.runs) > 1 else ()))
        elif read.atoms:
            alternatives.append(_word_needles(read.atoms))
        if not typed.phrase and (_pieces_may_match(spelling, read) or not read.atoms):
            # The pieces of the word without a particle typed after it: 헤게만은 finds 헤게만이.
            alternatives.append(
                _bigram_needles(_without_particle(spelling) if read.atoms or len(spelling) > 2 else spelling)
            )
    alternatives += [_word_needles(atoms) for atoms in joined]
    marks = tuple(dict.fromkeys(mark for _, read in typed.reads for mark in read.marks)) or (typed.text,)
    unique = list(dict.fromkeys(a for a in alternatives if a))
    # An alternative that asks for all another asks and more adds nothing: (=반_도체) or (=반_도체 and =도체_수출).
    kept = [a for a in unique if not any(b != a and set(b) <= set(a) for b in unique)]
    return Part(
        alternatives=tuple(kept),
        exact=_bigram_needles(typed.text),
        marks=marks,
    )


def _old_part(text: str) -> Part:
    """A word against an index written before the analyser's words (format 2): by its bigrams."""
    needles = _bigram_needles(text)
    return Part(alternatives=(needles,), exact=needles, marks=tuple(_runs(text))[:1])


def parse_query(text: str, variants: dict[str, tuple[str, ...]] | None = None, morphemes: bool | None = None) -> Query:
    """A reader's query: every word (or quoted phrase) must match (AND).

    Control characters and punctuation are dropped; a query longer than MAX_QUERY_LENGTH characters or
    MAX_QUERY_WORDS words is cut, and says so. `variants` and `morphemes` (whether the index holds the analyser's
    words) default to what the database says.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in analysis.visible(text)).strip()
    shortened = len(text) > MAX_QUERY_LENGTH
    if shortened:
        # Cut at the last space before the limit, not in the middle of a word (데이터센터를 → 데이터센).
        cut = text[: MAX_QUERY_LENGTH + 1]
        text = cut[: cut.rindex(" ")] if " " in cut.strip() else cut[:MAX_QUERY_LENGTH]
    text = unicodedata.normalize("NFC", text.strip())
    typed: list[tuple[str, bool]] = []
    rest = []
    position = 0
    for quoted in _QUOTED.finditer(text):
        rest.append(text[position : quoted.start()])
        typed.append((analysis.normalize(quoted.group(1) or quoted.group(2)).strip(), True))
        position = quoted.end()
    rest.append(text[position:])
    words = [(word, False) for chunk in rest for word in analysis.normalize(chunk).split()]
    typed = [(word, phrase) for word, phrase in typed + words if _runs(word)]
    typed = list(dict.fromkeys(typed))
    if len(typed) > MAX_QUERY_WORDS:
        typed, shortened = typed[:MAX_QUERY_WORDS], True
    if morphemes is None or variants is None:
        from .models import index_format, spelling_variants

        morphemes = index_format() >= 3 if morphemes is None else morphemes
        variants = spelling_variants() if variants is None else variants
    if not morphemes:
        parts = [_old_part(word) for word, _ in typed]
        return Query(text=text, parts=tuple(dict.fromkeys(p for p in parts if p.alternatives[0])), shortened=shortened)

    reads = [
        _Typed(word, phrase, [(s, analysis.analyse_word(s)) for s in _spellings(word, variants)])
        for word, phrase in typed
    ]
    # Two words typed apart may be written as one (인공 지능, 인공지능): either matches them both.
    joined: list[list[tuple[str, ...]]] = [[] for _ in reads]
    for n, (first, then) in enumerate(pairwise(reads)):
        if first.phrase or then.phrase:
            continue
        for (_, a), (_, b) in product(first.reads[:2], then.reads[:2]):
            if a.atoms and b.atoms and a.ends_open:
                joined[n].append(a.atoms + b.atoms)
                joined[n + 1].append(a.atoms + b.atoms)
    parts = [_part(word, joined[n]) for n, word in enumerate(reads)]
    return Query(text=text, parts=tuple(dict.fromkeys(p for p in parts if p.alternatives)), shortened=shortened)

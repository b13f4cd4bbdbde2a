"""Korean words by morphological analysis: MeCab with mecab-ko-dic (python-mecab-ko), in this process.

Korean attaches particles and endings to words (삼성전자가, 삼성전자는; 발표했다, 발표한) and writes compounds with
or without an inner space (데이터센터, 데이터 센터). The analyser cuts a text into morphemes: 삼성전자 + 가,
발표 + 했 + 다, 데이터 + 센터, and tells which are words (nouns, verb stems, numbers, Latin words) and which are
particles and endings. Search indexes the words, so that a query finds every form of what it names, and nothing
inside another word: 전세계 is 전 + 세계, not 전세; 과정부터 is 과정 + 부터, not 정부.

What a text gives (`word_terms`):
- each word once, marked with `=`: =삼성전자, =발표, =떠나 (a verb by its stem, whatever the ending), =1400, =3.5;
- each two words that stand side by side with only a space between, as one term =a_b: =데이터_센터 both in
  데이터센터 and in 데이터 센터, =370_억 and =억_달러 in 370억 달러. A particle, an ending or punctuation between
  two words parts them (공공의 데이터 holds no =공공_데이터). A compound the dictionary knows as one word holds
  its parts as pairs and those of two syllables or more as words (삼성전자: =삼성전자, =삼성_전자, =삼성, =전자), a
  single-syllable part only in pairs (눈물: =눈_물, not =눈), so that 눈 does not find 눈물; so does a single
  syllable written joined to another word (엔비디아: =엔_비디아, not =엔). A longer noun inside a word the
  dictionary does not know whole counts as a word (연금 in 국민연금, 메타 in 메타버스).

The dictionary loads in milliseconds and is shared by the worker processes a server forks after loading it
(about 3 MiB more each). MeCab keeps no threads of its own.
"""

import itertools
import re
import unicodedata
from functools import cache
from typing import NamedTuple

# Morphemes that are words (the first tag of a morpheme; mecab-ko-dic's tags):
# nouns, numbers and counters, pronouns, Latin and Chinese characters, roots (쌀쌀), determiners and adverbs.
WORD_TAGS = {"NNG", "NNP", "NNB", "NNBC", "NR", "NP", "SL", "SH", "SN", "XR", "MM", "MAG", "IC"}
VERB_TAGS = {"VV", "VA"}
NOUN_TAGS = {"NNG", "NNP", "NNB", "NNBC", "NR", "NP", "SL", "SH", "SN"}

# A term holds letters, digits, . and % only: nothing a tsquery would read as syntax, and no _ (it joins two words).
_SAFE = re.compile(r"[^\w.%]|_")
MAX_TERM = 40
# Thousands separators between digits (1,400 → 1400), before analysis.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# Characters that show nothing (zero-width space and joiners, word joiner, byte-order mark), pasted along with text.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


class Morpheme(NamedTuple):
    surface: str  # as written (normalized)
    start: int  # offset in the normalized text
    tag: str  # the first tag: NNG, VV, JKS …
    word: str  # what it indexes as: the surface, a verb's stem ('' for particles, endings, punctuation)
    parts: tuple[str, ...]  # a known compound's parts (인공지능: 인공, 지능); else (word,)
    noun: bool  # a noun, number or Latin word (what a name usually is)


def visible(text: str) -> str:
    """`text` without the characters that show nothing."""
    return _INVISIBLE.sub("", text)


def normalize(text: str) -> str:
    """NFKC (full-width Ａ１ to A1, composed Hangul), lower case, no thousands separators, nothing invisible."""
    return _THOUSANDS.sub("", unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).lower())


@cache
def _tagger():
    import mecab  # python-mecab-ko: loaded on first use (in gunicorn's master, before it forks the workers)

    return mecab.MeCab()


def load() -> None:
    """Load the analyser and its dictionary now rather than on the first search or save."""
    _tagger()


def _lattice_lines(text: str) -> list[str]:
    from mecab.mecab import create_lattice

    lattice = create_lattice(text)
    tagger = _tagger()._tagger
    if not tagger.parse(lattice):
        return []
    return lattice.to_string().splitlines()


def _clean(term: str) -> str:
    return _SAFE.sub("", term)[:MAX_TERM]


def morphemes(text: str) -> list[Morpheme]:
    """The morphemes of `text` (already normalized), with what each indexes as; a decimal number (3 . 5) is one."""
    found: list[Morpheme] = []
    position = 0
    for line in _lattice_lines(text):
        surface, _, feature = line.partition("\t")
        if not feature:
            continue  # EOS
        start = text.find(surface, position)
        if start < 0:
            start = position
        position = start + len(surface)
        fields = feature.split(",")
        tag = fields[0].split("+")[0]
        word, parts = "", ()
        if tag in WORD_TAGS:
            word = _clean(surface)
            expression = fields[7] if len(fields) > 7 else "*"
            if len(fields) > 4 and fields[4] == "Compound" and expression != "*":
                parts = tuple(p for p in (_clean(piece.split("/")[0]) for piece in expression.split("+")) if p)
        elif tag in VERB_TAGS:
            # A verb by its dictionary form (떠났다, 떠난다: 떠나다), apart from nouns of the same letters (말다, 말).
            expression = fields[7] if len(fields) > 7 else "*"
            stem = _clean(expression.split("/")[0] if expression != "*" else surface)
            word = f"{stem}다" if stem else ""
        elif surface == "%" and found and found[-1].tag == "SN" and found[-1].start + len(found[-1].surface) == start:
            tag, word = "SN", "%"
        previous = found[-1] if found else None
        if (
            tag == "SN"
            and word != "%"
            and previous
            and len(found) > 1
            and previous.surface == "."
            and found[-2].tag == "SN"
            and found[-2].start + len(found[-2].surface) == previous.start
            and previous.start + 1 == start
        ):
            # 3 . 5 → 3.5
            before = found.pop(-2)
            found.pop()
            merged = before.surface + "." + surface
            found.append(Morpheme(merged, before.start, "SN", merged, (merged,), True))
            continue
        found.append(Morpheme(surface, start, tag, word, parts or ((word,) if word else ()), tag in NOUN_TAGS))
    return found


def chains(found: list[Morpheme], text: str) -> list[list[Morpheme]]:
    """Runs of words with nothing but spaces between them: a particle, an ending, punctuation or a line break
    ends a run."""
    runs: list[list[Morpheme]] = []
    current: list[Morpheme] = []
    end = 0
    for morpheme in found:
        gap = text[end : morpheme.start]
        if current and (not morpheme.word or "\n" in gap or gap.strip() or morpheme.tag in VERB_TAGS):
            runs.append(current)
            current = []
        if morpheme.tag in VERB_TAGS and morpheme.word:
            runs.append([morpheme])  # a verb stands alone: no pair of it with a noun means anything
        elif morpheme.word:
            current.append(morpheme)
        end = morpheme.start + len(morpheme.surface)
    if current:
        runs.append(current)
    return runs


def pair(a: str, b: str) -> str:
    return f"={a}_{b}"


def _glued(chain: list[Morpheme], n: int) -> bool:
    """Whether a one-syllable Hangul word is written joined to the word before or after it (엔 in 엔비디아, 전 in
    전세계): then it is a piece of a longer word, found only with its neighbour."""
    m = chain[n]
    if len(m.word) != 1 or not "가" <= m.word <= "힣":
        return False
    before = n > 0 and chain[n - 1].start + len(chain[n - 1].surface) == m.start
    after = n + 1 < len(chain) and m.start + len(m.surface) == chain[n + 1].start
    return before or after


def chain_terms(chain: list[Morpheme]) -> list[str]:
    """A run's terms: each word once (a known compound whole; a syllable glued to another word not alone), and
    each two side by side (a compound's parts too)."""
    terms = [f"={m.word}" for n, m in enumerate(chain) if not _glued(chain, n)]
    # A known compound's parts of two syllables or more are words too (삼성 and 전자 in 삼성전자), as they are in a
    # compound the dictionary does not know (연금 in 국민연금); a single syllable only in pairs (눈 not in 눈물).
    terms += [f"={part}" for m in chain if len(m.parts) > 1 for part in m.parts if len(part) > 1]
    atoms = [part for m in chain for part in m.parts]
    terms += [pair(a, b) for a, b in itertools.pairwise(atoms)]
    for a, b in itertools.pairwise(chain):
        if a.tag == "SN" and a.start + len(a.surface) == b.start and len(b.word) > 1 and "가" <= b.word[0] <= "힣":
            # A number joined to a longer word starts with its unit: 1400원대 holds =1400_원, 5년간 =5_년.
            terms.append(pair(a.word, b.word[0]))
    return terms


def word_terms(text: str) -> list[str]:
    """The morpheme terms of `text` (normalized first), each once, in the order first met."""
    text = normalize(text)
    found = morphemes(text)
    terms: dict[str, None] = {}
    for chain in chains(found, text):
        for term in chain_terms(chain):
            terms.setdefault(term, None)
    return list(terms)


class Word(NamedTuple):
    """What a query word says, as the analyser reads it."""

    atoms: tuple[str, ...]  # its words, compounds in their parts: 데이터센터 → 데이터, 센터; 삼성전자가 → 삼성, 전자
    nouns: bool  # nouns, numbers and Latin words only, particles aside: never matched by pieces of it
    marks: tuple[str, ...]  # what to mark in a snippet: 삼성전자, 발표
    ends_open: bool  # no particle or ending after its last word: it may run on into the next query word
    runs: tuple[tuple[str, ...], ...]  # the atoms of each run of words a particle or ending does not part


def _implausible(found: list[Morpheme]) -> bool:
    """A reading no one would type as one word: an ending, then a particle (헤게만 as 헤 + 게 + 만). Names the
    dictionary does not know come out so."""
    tags = [m.tag[:1] for m in found]
    return any(tag == "J" and "E" in tags[:n] for n, tag in enumerate(tags))


# What a query word is read followed by. Alone, at the end of the text, the analyser misreads a final particle as
# part of a noun (물가의: 물 + 가의; 한파도: 한 + 파도); followed by a predicate, it reads the word as it would in a
# sentence (물가 + 의), and leaves a bare noun whole (쌀, 눈, 메탄올). Measured on 49 words with and without
# particles: 28 read right alone, 49 with this.
_CONTEXT = " 있다"


def analyse_word(word: str) -> Word:
    """One word of a query (normalized), or a quoted phrase's words with their spaces."""
    found = [m for m in morphemes(word + _CONTEXT) if m.start < len(word)]
    content = [] if _implausible(found) else [m for m in found if m.word]
    if len(word) == 1 and len(content) == 1 and content[0].tag in VERB_TAGS:
        # A syllable alone is a noun to a reader (해, 가, 말), not 하다, 가다, 말다, which are in every article.
        content = [content[0]._replace(word=word, parts=(word,), noun=True, tag="NNG")]
    atoms = tuple(part for m in content for part in m.parts)
    # A single word the analyser knows whole (금, 정부, 메타): matched as that word only, never by its pieces.
    nouns = bool(content) and all(m.noun for m in content)
    # What a snippet marks: the words as written, particles aside (삼성전자 in 삼성전자가); else the word typed.
    # and each word of two syllables or more, which may stand apart in the text (데이터 센터 for 데이터센터).
    marks = (word[content[0].start : content[-1].start + len(content[-1].surface)],) if nouns else (word,)
    marks += tuple(m.surface for m in content if len(m.surface) > 1 and m.surface not in marks)
    # A compound's parts (인공 지능 for 인공지능), a verb's stem (떠나 for 떠났다).
    marks += tuple(part for m in content for part in m.parts if len(part) > 1 and part != m.word)
    marks += tuple(m.word[:-1] for m in content if m.tag in VERB_TAGS and len(m.word) > 2)
    return Word(
        atoms=atoms,
        nouns=nouns and len(atoms) == 1,
        marks=marks,
        ends_open=bool(found) and bool(found[-1].word),
        runs=tuple(tuple(part for m in run for part in m.parts) for run in chains(found, word)) if content else (),
    )


def atom_terms(atoms: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The terms that find these words side by side: one word as itself, more as each two side by side."""
    if len(atoms) == 1:
        return (f"={atoms[0]}",)
    return tuple(dict.fromkeys(pair(a, b) for a, b in itertools.pairwise(atoms)))

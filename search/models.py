"""The search index: one entry per article, with its terms and what decides whether readers may see it.

The terms (search/tokens.py) are bigrams and the analyser's words (=정부, =데이터_센터).

On SQLite, `document` (every term, headline first) and `headline_document` hold the space-separated terms, padded
with a space at each end so that `LIKE '% =정부 %'` finds a whole term and `' 헤게 게만 '` two bigrams side by side.

On PostgreSQL both are `tsvector`s with a GIN index each (migration 0002). `document`, a few kilobytes kept in
TOAST, holds each term once and, for every two overlapping bigrams side by side, the two as one lexeme
(헤게 게만 → 헤게만). A query is then a plain AND (and OR) of lexemes that the index answers alone; positions (`<->`)
would have to be checked in every matching row, reading its whole document from TOAST, which made a common word
take seconds. `headline_document` is short and kept in the row, so it keeps the bigrams' positions and checks two
side by side with `<->` (`to_tsvector('simple', bigrams) || array_to_tsvector(words)`).
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, connections, models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from articles.html import plain_text
from articles.models import Article, Byline, visible_at
from newsroom.korean import with_particle

from . import analysis
from .tokens import MAX_QUERY_LENGTH, Needle, Part, Query, document_terms, split_terms

# Counting stops here: past it a search says "1,000건 이상" and offers 50 pages. Counting every match of a word found
# in most articles takes time in proportion to them (0.3–0.8 s for 600,000 on PostgreSQL; docs/search.md).
MAX_COUNT = 1_000

# A search first reads the newest PROBE entries (as filtered) and sees how many match. When many do and there are more
# than MAX_COUNT matches, its pages are read newest first along the (published_at) index, reading at most MAX_WALK
# entries, never the GIN index, whose list for such a word holds most of the archive.
PROBE = 200
MAX_WALK = 4_000
# Matches in the probe that mark a word in most articles (the admin's list then checks its newest articles one by one).
DENSE = math.ceil(PROBE * 1.2 * (MAX_COUNT + 1) / MAX_WALK)
# Before counting a word's matches in the whole archive, a search checks whether those of the last two calendar months
# alone pass MAX_COUNT, from the GIN index narrowed by their facets; two months are at most this long.
RECENT = timedelta(days=62)


def side_by_side(terms: list[str] | tuple[str, ...]) -> list[str]:
    """Each two overlapping Hangul terms that stand side by side, as one: 메타 타의 → 메타의."""
    return [a + b[1] for a, b in pairwise(terms) if len(a) == len(b) == 2 and a[1] == b[0] and "가" <= a[0] <= "힣"]


def lexemes(terms: str) -> list[str]:
    """What PostgreSQL's `document` holds for a terms string: its terms and the bigrams side by side joined.

    A term longer than a query can be is left out; no query could name it, and PostgreSQL refuses very long ones.
    """
    bigrams, words = split_terms(terms)
    return sorted({term for term in bigrams + side_by_side(bigrams) + words if len(term) <= MAX_QUERY_LENGTH})


def facets(
    section_id: int | None, series_id: int | None, published_at: datetime | None, reporter_ids: Iterable[int] = ()
) -> list[str]:
    """Lexemes `document` also holds on PostgreSQL, so that the GIN index narrows a search by section, series,
    month and reporter before any row is read: @s3, @r12, @m2025-04 (UTC), and for each byline @p7 and the
    reporter's month, @p7m2025-04 (a list as short as the reporter's month, where @p7 & @m2025-04 goes through
    both long ones). No term has an @."""
    found = [f"@s{section_id}"]
    if series_id:
        found.append(f"@r{series_id}")
    month = f"{published_at.astimezone(UTC):%Y-%m}" if published_at else None
    if month:
        found.append(f"@m{month}")
    for reporter_id in sorted(set(reporter_ids)):
        found += [f"@p{reporter_id}", *([f"@p{reporter_id}m{month}"] if month else [])]
    return found


def facet_query(
    section_id: int | None,
    series_id: int | None,
    since: datetime | None,
    until: datetime | None,
    now: datetime,
    reporter_id: int | None = None,
) -> list[str]:
    """The `tsquery` clauses that match the facets of entries within these filters (a superset: the filters on the
    columns still decide; the reporter's facet alone decides, see search()). Months only for a range of two years
    at most; a longer one narrows little."""
    clauses = [f"'@s{section_id}'"] if section_id else []
    if series_id:
        clauses.append(f"'@r{series_id}'")
    if reporter_id:
        clauses.append(f"'@p{reporter_id}'")
    if since:
        first, last = since.astimezone(UTC), (min(until, now) if until else now).astimezone(UTC)
        year, month, months = first.year, first.month, []
        while (year, month) <= (last.year, last.month) and len(months) <= 24:
            months.append(f"'@m{year}-{month:02}'")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if 0 < len(months) <= 24:
            clauses.append(f"({' | '.join(months)})")
    return clauses


# A search by reporter first tries their last few calendar months (this one included): a stretch the size of a
# reporter's output, not of the archive. Its count, whether they hold more than MAX_COUNT matches (at a million,
# six months of a reporter hold 1,600 of 정부); its page, whether their headline matches fill it.
REPORTER_COUNT_MONTHS = 6
REPORTER_PAGE_MONTHS = 3


def reporter_months(reporter_id: int, now: datetime, count: int) -> list[str]:
    """The facets of the reporter's last `count` months (UTC), newest first: @p12m2026-12, @p12m2026-11, …
    Every entry released since the first of them holds one, so they list exactly the entries since then."""
    year, month, found = now.astimezone(UTC).year, now.astimezone(UTC).month, []
    for _ in range(count):
        found.append(f"'@p{reporter_id}m{year}-{month:02}'")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return found


def recent_months(now: datetime) -> list[str]:
    """The facets of the two calendar months before this one (UTC): a share of the archive set by how much the paper
    releases a month, not by how large the archive has grown, and all of it released (this month's facet also lists
    what is scheduled for later in it, which a search reads and drops). Two, so that a word in 3% of the articles of
    a paper releasing 20,000 a month passes MAX_COUNT there (1,200)."""
    today = now.astimezone(UTC)
    months, year, month = [], today.year, today.month
    for _ in range(2):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        months.append(f"'@m{year}-{month:02}'")
    return [f"({' | '.join(months)})"]


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _needle(needle: Needle, positioned: bool) -> list[str]:
    """A needle's clauses: a term; a prefix ('년':*); bigrams side by side, joined (`document`, no positions) or
    with `<->` (`headline_document`)."""
    if needle.prefix:
        return [f"{_lexeme(needle.terms[0])}:*"]
    if len(needle.terms) == 1:
        return [_lexeme(needle.terms[0])]
    if positioned:
        return [f"({_lexeme(a)} <-> {_lexeme(b)})" for a, b in pairwise(needle.terms)]
    return [_lexeme(a + b[1]) for a, b in pairwise(needle.terms)]


def _any_of(part: Part, positioned: bool) -> str:
    alternatives = [
        " & ".join(dict.fromkeys(c for needle in needles for c in _needle(needle, positioned)))
        for needles in part.alternatives
    ]
    if len(alternatives) == 1:
        return alternatives[0]
    return "(" + " | ".join(f"({alternative})" for alternative in alternatives) + ")"


def tsquery(query: Query, narrowing: list[str] | tuple[str, ...] = ()) -> str:
    """The `tsquery` of `query` against `document`: an AND of its parts, each an OR of its alternatives, and any
    `narrowing` clauses from facet_query()."""
    clauses = [*narrowing, *(_any_of(part, positioned=False) for part in query.parts)]
    return " & ".join(dict.fromkeys(clauses))


def headline_tsquery(query: Query) -> str:
    """The same query against `headline_document`, which has positions: bigrams side by side as `<->`."""
    return " & ".join(dict.fromkeys(_any_of(part, positioned=True) for part in query.parts))


def exact_headline_tsquery(query: Query) -> str:
    """Whether the headline holds every part in the form typed (삼성전자가, not only 삼성전자는)."""
    clauses = [c for part in query.parts for needle in part.exact for c in _needle(needle, positioned=True)]
    return " & ".join(dict.fromkeys(clauses))


class EntryQuerySet(models.QuerySet):
    def matching(self, query: Query, narrowing: list[str] | tuple[str, ...] = ()) -> EntryQuerySet:
        """Entries with every part of `query`, answered from the GIN index on PostgreSQL (narrowed there by the
        facets of the filters applied, if given)."""
        if not query:
            return self.none()
        if connection.vendor == "postgresql":
            return self.extra(where=["document @@ %s::tsquery"], params=[tsquery(query, narrowing)])
        return self.filter(_sqlite_match("document", query))

    def matching_any(self, query: Query, narrowings: list[list[str]]) -> EntryQuerySet:
        """Entries with every part of `query` and any one of these narrowings, each its own GIN index scan
        (PostgreSQL), so that each goes along its shortest list: `q & (a | b)` would go along q's."""
        where = " OR ".join(["document @@ %s::tsquery"] * len(narrowings))
        return self.extra(where=[f"({where})"], params=[tsquery(query, narrowing) for narrowing in narrowings])

    def matching_row_by_row(self, query: Query) -> EntryQuerySet:
        """As matching(), but checked on each entry read instead of listed from the GIN index (PostgreSQL): for a
        word in most entries, reading the few entries a page needs beats listing every match."""
        if not query:
            return self.none()
        if connection.vendor == "postgresql":
            # coalesce() keeps the planner from answering the condition from the GIN index.
            return self.extra(where=["coalesce(document @@ %s::tsquery, false)"], params=[tsquery(query)])
        return self.filter(_sqlite_match("document", query))

    def newest_share(self, query: Query) -> float:
        """The share of the newest PROBE of these entries (by article id, any state) that match: one short read."""
        if not query:
            return 0.0
        newest = self.order_by("-article_id")
        if connection.vendor != "postgresql":
            ids = list(newest.values_list("article_id", flat=True)[:PROBE])
            return self.filter(article_id__in=ids).matching(query).count() / len(ids) if ids else 0.0
        sql, params = newest.values("document")[:PROBE].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FILTER (WHERE document @@ %s::tsquery), count(*) FROM ({sql}) newest",
                [tsquery(query), *params],
            )
            found, read = cursor.fetchone()
        return found / read if read else 0.0

    def visible(self, now: datetime | None = None) -> EntryQuerySet:
        """As Article.objects.published(), on the copies of its fields the entry holds."""
        return self.filter(visible_at(now or timezone.now()))

    def ranked(self, query: Query) -> EntryQuerySet:
        """Headline matches first, among them those in the form typed, then the newest: annotates `in_headline`
        and `exact_in_headline`."""
        if connection.vendor == "postgresql":
            ranked = self.extra(
                select={
                    "in_headline": "headline_document @@ %s::tsquery",
                    "exact_in_headline": "headline_document @@ %s::tsquery",
                },
                select_params=[headline_tsquery(query), exact_headline_tsquery(query)],
            )
        else:

            def flag(condition: Q) -> models.Case:
                return models.Case(models.When(condition, then=True), default=False, output_field=models.BooleanField())

            ranked = self.annotate(
                in_headline=flag(_sqlite_match("headline_document", query)),
                exact_in_headline=flag(_sqlite_exact("headline_document", query)),
            )
        return ranked.order_by("-in_headline", "-exact_in_headline", "-published_at", "-article_id")


def _sqlite_needle(column: str, needle: Needle) -> Q:
    """A needle in a terms string, as PostgreSQL matches it: a whole term; each two bigrams side by side (헤게만:
    ' 헤게 게만 '); or a term starting with a syllable."""
    if needle.prefix:
        pieces = [f" {needle.terms[0]}"]
    elif len(needle.terms) == 1:
        pieces = [f" {needle.terms[0]} "]
    else:
        pieces = [f" {a} {b} " for a, b in pairwise(needle.terms)]
    wanted = Q()
    for piece in pieces:
        wanted &= Q(**{f"{column}__holds": piece})
    return wanted


def _sqlite_match(column: str, query: Query) -> Q:
    """Every part of `query` in the terms string: for each, all the needles of any one alternative."""
    wanted = Q()
    for part in query.parts:
        any_of = Q()
        for needles in part.alternatives:
            every = Q()
            for needle in needles:
                every &= _sqlite_needle(column, needle)
            any_of |= every
        wanted &= any_of
    return wanted


def _sqlite_exact(column: str, query: Query) -> Q:
    wanted = Q()
    for part in query.parts:
        for needle in part.exact:
            wanted &= _sqlite_needle(column, needle)
    return wanted


class TermsField(SearchVectorField):
    """A `tsvector` on PostgreSQL; plain text elsewhere (a type name SQLite would not read as numeric)."""

    def db_type(self, connection) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


@TermsField.register_lookup
class Holds(models.Lookup):
    """`terms__holds=' =정부 '` on SQLite: instr(), a plain byte search, where LIKE '%…%' compares every character
    without regard to case (three times slower on Hangul)."""

    lookup_name = "holds"

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"instr({lhs}, {rhs}) > 0", [*lhs_params, *rhs_params]


class Entry(models.Model):
    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_entry", verbose_name="기사"
    )
    status = models.CharField(max_length=16)
    published_at = models.DateTimeField(null=True)
    ends_at = models.DateTimeField(null=True)
    section_id = models.BigIntegerField()
    series_id = models.BigIntegerField(null=True)
    headline_document = TermsField()
    document = TermsField()

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "검색 색인"
        verbose_name_plural = "검색 색인"

    def __str__(self) -> str:
        return str(self.article_id)


# What entries written now hold: 1, terms and the section, series and month facets; 2, also a facet for each
# byline's reporter; 3, the analyser's words beside the bigrams (search/analysis.py). IndexState records the format
# every entry holds: a filter that needs a newer one keeps to the columns and bylines, and a query to bigrams, until
# `manage.py rebuild_search_index` has written every entry again.
FORMAT = 3
REPORTER_FACETS = 2
MORPHEMES = 3


class IndexState(models.Model):
    """One row: the format (FORMAT) that every entry is known to hold."""

    format = models.PositiveSmallIntegerField(default=FORMAT)
    # The last article a rebuild under way has written (by id): a rebuild cut short goes on from there.
    rebuilt_through = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "검색 색인 상태"
        verbose_name_plural = "검색 색인 상태"

    def __str__(self) -> str:
        return f"형식 {self.format}"


_format_known = 0  # the newest format this process has seen recorded: it never goes back


def index_format() -> int:
    """The format every entry holds: read until it is the newest, then known (no row: an index never migrated
    from an older one)."""
    global _format_known
    if _format_known < FORMAT:
        found = IndexState.objects.filter(pk=1).values_list("format", flat=True).first()
        _format_known = FORMAT if found is None else found
    return _format_known


def set_index_format(format: int) -> None:
    global _format_known
    IndexState.objects.update_or_create(pk=1, defaults={"format": format})
    _format_known = format


_WORD = re.compile(r"[0-9a-z\uac00-\ud7a3]+")


def _spellings(text: str) -> list[str]:
    return [analysis.normalize(piece).strip() for piece in text.replace("，", ",").split(",") if piece.strip()]


class SpellingVariant(models.Model):
    """A word and the other ways it is written (콘텐츠: 컨텐츠). A query with any of them finds all of them."""

    word = models.CharField(
        "표준 표기", max_length=40, unique=True, help_text="기사에 쓰는 표기입니다. 한 낱말로 씁니다. 예: 콘텐츠"
    )
    variants = models.CharField(
        "다른 표기",
        max_length=200,
        help_text="독자가 검색창에 칠 수 있는 다른 표기를 쉼표로 구분해 적습니다. 예: 컨텐츠, 콘텐트",
    )

    class Meta:
        verbose_name = "표기 변형"
        verbose_name_plural = "표기 변형"
        ordering = ["word"]

    def __str__(self) -> str:
        return f"{self.word} ({self.variants})"

    @property
    def spellings(self) -> list[str]:
        """The word and its variants as search compares them (NFKC, lower case)."""
        return list(dict.fromkeys([analysis.normalize(self.word).strip(), *_spellings(self.variants)]))

    def clean(self) -> None:
        """One word each, Hangul, Latin letters or digits; each spelling in one row only. Kept as typed; compared
        as search reads them (ＡＩ is ai)."""
        errors: dict[str, list[str]] = {}
        typed = [piece.strip() for piece in (self.variants or "").replace("，", ",").split(",") if piece.strip()]
        word = analysis.normalize(self.word or "").strip()
        quoted = f"'{(self.word or '').strip()}'"
        if self.word and not _WORD.fullmatch(word):
            errors["word"] = ["한글·영문·숫자로 된 한 낱말만 쓸 수 있습니다 (띄어쓰기·기호 없이)."]
        wrong = [piece for piece in typed if not _WORD.fullmatch(analysis.normalize(piece))]
        if wrong:
            errors["variants"] = [f"한글·영문·숫자로 된 낱말을 쉼표로 구분해 적습니다. 고칠 표기: {', '.join(wrong)}"]
        elif self.variants and not typed:
            errors["variants"] = ["다른 표기를 하나 이상 적으세요."]
        elif word and word in {analysis.normalize(piece) for piece in typed}:
            errors["variants"] = [f"{with_particle(quoted, '은/는')} 표준 표기와 같습니다. 다른 표기만 적으세요."]
        if word and not errors:
            rows = SpellingVariant.objects.exclude(pk=self.pk)
            standard = {analysis.normalize(row.word).strip() for row in rows}
            taken = {spelling: row.word for row in rows for spelling in row.spellings}
            if word in taken and word not in standard:  # a row with this very word is the unique check's to say
                errors["word"] = [
                    f"{with_particle(quoted, '은/는')} 이미 '{taken[word]}'의 다른 표기로 등록돼 있습니다."
                ]
            clashes = [
                f"{piece}({taken[analysis.normalize(piece)]})" for piece in typed if analysis.normalize(piece) in taken
            ]
            if clashes:
                errors["variants"] = [
                    f"이미 다른 낱말의 표기로 등록돼 있습니다: {', '.join(clashes)}. 그 항목에 함께 적으세요."
                ]
        if errors:
            raise ValidationError(errors)
        self.word = self.word.strip()
        self.variants = ", ".join(dict.fromkeys(typed))


VARIANTS_CACHE_KEY = "search:spelling-variants:1"
VARIANTS_CACHE_SECONDS = 300


def spelling_variants() -> dict[str, tuple[str, ...]]:
    """Each spelling the table knows, with the others of its word (콘텐츠: (컨텐츠,); 컨텐츠: (콘텐츠,)), from the
    shared cache; an edit in the admin clears it (signals.py)."""
    found = cache.get(VARIANTS_CACHE_KEY)
    if found is None:
        found = {}
        for row in SpellingVariant.objects.all():
            spellings = row.spellings
            for spelling in spellings:
                found[spelling] = tuple(other for other in spellings if other != spelling)
        cache.set(VARIANTS_CACHE_KEY, found, VARIANTS_CACHE_SECONDS)
    return found


def entry_values(article: Article) -> dict:
    """What the index holds for `article`: its terms (headline; subheadline, summary and body) and visibility."""
    headline = document_terms(article.headline)
    rest = document_terms(" ".join([article.subheadline, article.summary, plain_text(article.body)]))
    return {
        "article_id": article.pk,
        "status": article.status,
        "published_at": article.published_at,
        "ends_at": article.ends_at,
        "section_id": article.section_id,
        "series_id": article.series_id,
        "headline_document": headline,
        "document": f"{headline} {rest}".strip(),
    }


def index_articles(articles: list[Article]) -> None:
    """Write the index entries of `articles` in one statement, replacing any they had."""
    if not articles:
        return
    rows = [entry_values(article) for article in articles]
    columns = list(rows[0])
    quote = connection.ops.quote_name
    documents = {"headline_document", "document"}
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        # The reporter facets from the bylines as they stand in this transaction, in the same statement.
        bylines = (
            f"ARRAY(SELECT '@p' || b.reporter_id FROM {quote(Byline._meta.db_table)} b WHERE b.article_id = %s) || "
            f"ARRAY(SELECT '@p' || b.reporter_id || 'm' || %s::text FROM {quote(Byline._meta.db_table)} b "
            "WHERE b.article_id = %s AND %s::text IS NOT NULL)"
        )
        as_sql = {
            "headline_document": "to_tsvector('simple', %s) || array_to_tsvector(%s::text[])",
            "document": f"array_to_tsvector(%s::text[] || {bylines})",
        }
        placeholder = ", ".join(as_sql.get(c, "%s") for c in columns)
    else:
        placeholder = ", ".join(["%s"] * len(columns))
    params = []
    for row in rows:
        for column in columns:
            value = row[column]
            if column == "headline_document" and postgresql:
                bigrams, words = split_terms(value)
                params.append(" ".join(bigrams))
                value = [word for word in dict.fromkeys(words) if len(word) <= MAX_QUERY_LENGTH]
            elif column == "document" and postgresql:
                params.append(lexemes(value) + facets(row["section_id"], row["series_id"], row["published_at"]))
                month = f"{row['published_at'].astimezone(UTC):%Y-%m}" if row["published_at"] else None
                params += [row["article_id"], month, row["article_id"]]
                value = month
            elif column in documents and not postgresql:
                value = f" {value} "
            elif isinstance(value, datetime):
                value = connection.ops.adapt_datetimefield_value(value)
            params.append(value)
    table = quote(Entry._meta.db_table)
    updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns if c != "article_id")
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES {', '.join([f'({placeholder})'] * len(rows))} "
        f"ON CONFLICT ({quote('article_id')}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


PENDING_INDEXES = ("search_entry_document_gin", "search_entry_headline_gin")


def flush_pending_entries() -> int:
    """Merge the entries saves added to each GIN index's pending list into the index, in bulk (PostgreSQL; migration
    0005): how many pages the lists held. Elsewhere nothing to do."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(gin_clean_pending_list(to_regclass(name))), 0) FROM unnest(%s::text[]) name "
            "WHERE to_regclass(name) IS NOT NULL",
            [list(PENDING_INDEXES)],
        )
        return int(cursor.fetchone()[0])


def reporter_facets_sql(where: str) -> str:
    """An UPDATE that gives the entries `where` selects the reporter facets of their bylines as they stand now, in
    place of those they held (PostgreSQL)."""
    entry, byline = Entry._meta.db_table, Byline._meta.db_table
    return (
        f'UPDATE "{entry}" SET document = ts_delete(document, '
        "ARRAY(SELECT held FROM unnest(tsvector_to_array(document)) held WHERE left(held, 2) = '@p')) "
        f"|| array_to_tsvector(ARRAY(SELECT '@p' || b.reporter_id FROM \"{byline}\" b "
        f'WHERE b.article_id = "{entry}".article_id) '
        f"|| ARRAY(SELECT '@p' || b.reporter_id || 'm' || to_char(\"{entry}\".published_at AT TIME ZONE 'UTC', "
        f'\'YYYY-MM\') FROM "{byline}" b WHERE b.article_id = "{entry}".article_id '
        f'AND "{entry}".published_at IS NOT NULL)) WHERE {where}'
    )


def index_reporters(article_ids: list[int]) -> None:
    """Write the reporter facets of these articles' entries again, after a byline was added, removed or changed.
    An UPDATE, not index_articles(): an article being deleted with its bylines gets no entry back. SQLite's terms
    hold no facets: its reporter filter reads the bylines."""
    if connection.vendor != "postgresql" or not article_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(reporter_facets_sql("article_id = ANY(%s)"), [list(article_ids)])


REBUILD_BATCH = 500


def _index_batch(ids: list[int]) -> int:
    """Index these articles (a worker's share of a rebuild); how many there were."""
    articles = list(Article.objects.filter(pk__in=ids).order_by("pk"))
    index_articles(articles)
    return len(articles)


def rebuild_index(progress: Callable[[int, int], None] | None = None, workers: int = 1, restart: bool = False) -> int:
    """Index every article again, in batches by id, and drop entries whose article is gone; returns how many it
    wrote (those a rebuild cut short had written are not written again).

    Each batch is its own statement, so searches go on meanwhile and a rebuild cut short leaves a good index; the
    last article written is recorded after each batch, and a rebuild run again goes on from there (unless
    `restart`). On PostgreSQL `workers` processes analyse and write batches side by side. Once every article is
    written, every entry holds the current FORMAT (an article saved meanwhile is written by its save), and the
    filters and queries that need it use it."""
    state, _ = IndexState.objects.get_or_create(pk=1, defaults={"format": index_format()})
    through = 0 if restart else (state.rebuilt_through or 0)
    total = Article.objects.count()
    done = Article.objects.filter(pk__lte=through).count() if through else 0

    def batches():
        last = through
        while ids := list(
            Article.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:REBUILD_BATCH]
        ):
            last = ids[-1]
            yield ids

    written = 0

    def finished(ids: list[int], count: int) -> None:
        nonlocal done, written
        done += count
        written += count
        IndexState.objects.filter(pk=1).update(rebuilt_through=ids[-1])
        if progress:
            progress(done, total)

    if workers > 1 and connection.vendor == "postgresql":
        import multiprocessing

        connections.close_all()  # each forked worker opens its own connection on first use
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # Batches finish in the order given, so that the recorded id is always one every batch before it reached.
            for ids, count in _ahead(batches(), pool, workers * 2):
                finished(ids, count)
    else:
        for ids in batches():
            finished(ids, _index_batch(ids))
    # NOT EXISTS, an anti-join: NOT IN compared each entry with the whole list of articles once it outgrew work_mem
    # (minutes at a million).
    Entry.objects.filter(~Exists(Article.objects.filter(pk=OuterRef("article_id")))).delete()
    IndexState.objects.filter(pk=1).update(rebuilt_through=None)
    set_index_format(FORMAT)
    return written


def _ahead(pending: Iterable[list[int]], pool, depth: int) -> Iterable[tuple[list[int], int]]:
    """Each batch with its count, in order, keeping `depth` batches at work in the pool."""
    queue: deque = deque()
    for ids in pending:
        queue.append((ids, pool.apply_async(_index_batch, (ids,))))
        if len(queue) >= depth:
            ids, result = queue.popleft()
            yield ids, result.get()
    while queue:
        ids, result = queue.popleft()
        yield ids, result.get()


def reporter_filter(reporter_id: int) -> Q:
    return Q(article_id__in=Byline.objects.filter(reporter_id=reporter_id).values("article_id"))


class Results:
    """The articles readers may see that match a query, best first, for a Paginator: count() and slices.

    count() is exact up to MAX_COUNT and stops there (`more` tells). It is one query; so is a page of entries, whose
    articles are then fetched with everything a result shows, through Article.objects.published() once more.
    """

    def __init__(
        self,
        entries: EntryQuerySet,
        query: Query,
        now: datetime,
        narrowing: list[str] | None = None,
        reporter_id: int | None = None,
        reporter_facet: bool = False,
    ) -> None:
        self.entries = entries  # what readers may see, filtered, matching or not
        self.reporter_id = reporter_id  # the reporter `entries` are filtered by, if any
        self.reporter_facet = reporter_facet  # whether `narrowing` holds that reporter's facet
        self.query = query
        self.now = now
        self.narrowing = narrowing or []
        self.more = False
        self._count: int | None = None
        self._share = self._headline_share = 0.0  # of the newest entries, on PostgreSQL

    def count(self) -> int:
        if self._count is None:
            if not self.query:
                found = 0
            elif self.reporter_facet:
                found = self._count_by_facets()
            elif connection.vendor == "postgresql":
                found = self._count_postgresql()
            else:
                found = self.entries.matching(self.query)[: MAX_COUNT + 1].count()
            self.more = found > MAX_COUNT
            self._count = min(found, MAX_COUNT)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Article]:
        start, stop = window.start or 0, window.stop
        if self.reporter_facet:
            ids = self._page_by_facets(window)
        elif stop is not None and self.count() and self.more and stop <= self._share * MAX_WALK:
            ids = self._newest_first(start, stop)
        else:
            ranked = self.entries.matching(self.query, self.narrowing).ranked(self.query)
            ids = list(ranked.values_list("article_id", flat=True)[window])
        found = Article.objects.published(self.now).filter(pk__in=ids).for_listing().in_bulk()
        return [found[pk] for pk in ids if pk in found]

    def _count_postgresql(self) -> int:
        """One statement: how many of the newest PROBE entries match (and in their headline); if enough do, whether
        the last two months' entries hold more than MAX_COUNT matches, from the GIN index narrowed by their facets
        (for a word in most articles it goes along the months' short lists and skips through the word's, and reads
        the table row, never the document, of MAX_COUNT + 1 entries); else the count from the GIN index, stopping past
        MAX_COUNT. PostgreSQL runs a subquery in a CASE only when it gets there. Reading the newest documents one by
        one instead read 3,100 of them from TOAST for a word in 30% of the articles (21 ms at 100,000, for 3 ms)."""
        terms, headline = tsquery(self.query), headline_tsquery(self.query)
        # By a reporter, the newest by id (near enough to the newest by release for a share), read along the bylines'
        # (reporter, article) index: it stops at the sample's size, where the newest by release time joined all of
        # the reporter's bylines first (350 ms for 22,800 at a million).
        newest = self.entries.order_by(*(("-article_id",) if self.reporter_id else ("-published_at", "-article_id")))
        probe = newest.values("document", "headline_document", "published_at")[:PROBE]
        probe, probe_params = probe.query.sql_with_params()
        listed = self.entries.matching(self.query, self.narrowing).values("article_id")[: MAX_COUNT + 1]
        gin, gin_params = listed.query.sql_with_params()
        recent = self.entries.matching(self.query, [*self.narrowing, *recent_months(self.now)])
        recent, recent_params = recent.values("article_id")[: MAX_COUNT + 1].query.sql_with_params()
        # The months are tried only if the probe's share of matches, over the time its entries span, promises
        # MAX_COUNT there: else they rarely hold enough (7 ms lost for a two-word query at a million).
        sql = (
            "SELECT probe.found, probe.in_headline, probe.read, CASE WHEN probe.found > 0 "
            "AND probe.found * %s >= %s * extract(epoch FROM %s - probe.oldest) "
            f"AND (SELECT count(*) FROM ({recent}) recent) > %s "
            f"THEN %s ELSE (SELECT count(*) FROM ({gin}) listed) END "
            "FROM (SELECT count(*) FILTER (WHERE document @@ %s::tsquery) AS found, "
            "count(*) FILTER (WHERE headline_document @@ %s::tsquery) AS in_headline, count(*) AS read, "
            f"min(published_at) AS oldest FROM ({probe}) newest) probe"
        )
        params = [RECENT.total_seconds(), MAX_COUNT, self.now, *recent_params, MAX_COUNT, MAX_COUNT + 1]
        params += [*gin_params, terms, headline, *probe_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found, in_headline, read, count = cursor.fetchone()
        if read:
            self._share, self._headline_share = found / read, in_headline / read
        return count

    def _recent_by_facets(self, count: int) -> EntryQuerySet:
        """The matches released in the reporter's last `count` months, from the GIN index: one scan per month along
        that month's short list of the reporter's (@p12m2026-12)."""
        others = [clause for clause in self.narrowing if clause != f"'@p{self.reporter_id}'"]
        months = reporter_months(self.reporter_id, self.now, count)
        return self.entries.matching_any(self.query, [[*others, month] for month in months])

    def _count_by_facets(self) -> int:
        """By a reporter whose facets the entries hold (PostgreSQL), one statement from the GIN index alone: whether
        the reporter's last months hold more than MAX_COUNT matches, else the count of `word & @p12`, stopping past
        MAX_COUNT. No document is read: proving "more than 1,000" by the reporter's newest entries read 2,400 of
        them from TOAST at a million articles."""
        recent = self._recent_by_facets(REPORTER_COUNT_MONTHS).values("article_id")[: MAX_COUNT + 1]
        recent, recent_params = recent.query.sql_with_params()
        listed = self.entries.matching(self.query, self.narrowing).values("article_id")[: MAX_COUNT + 1]
        gin, gin_params = listed.query.sql_with_params()
        sql = (
            f"SELECT CASE WHEN (SELECT count(*) FROM ({recent}) recent) > %s THEN %s "
            f"ELSE (SELECT count(*) FROM ({gin}) listed) END"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*recent_params, MAX_COUNT, MAX_COUNT + 1, *gin_params])
            return cursor.fetchone()[0]

    def _page_by_facets(self, window: slice) -> list[int]:
        """A page by a reporter whose facets the entries hold, from the GIN index. When the headline matches of the
        reporter's last months fill it, they are the page (no older entry comes before them); else the page is
        ranked among all of the reporter's matches (`word & @p12`), which reads no document either."""
        start, stop = window.start or 0, window.stop
        if stop is not None:
            headline = headline_tsquery(self.query)
            recent = self._recent_by_facets(REPORTER_PAGE_MONTHS)
            in_headline = recent.extra(where=["headline_document @@ %s::tsquery"], params=[headline])
            in_headline = in_headline.order_by("-published_at", "-article_id")
            newest = list(in_headline.values_list("article_id", flat=True)[:stop])
            if len(newest) >= stop:
                return newest[start:stop]
        ranked = self.entries.matching(self.query, self.narrowing).ranked(self.query)
        return list(ranked.values_list("article_id", flat=True)[window])

    def _newest_first(self, start: int, stop: int) -> list[int]:
        """A page of a common word: headline matches newest first, then the others newest first. The headline
        matches are read along the (published_at) index when the newest entries show enough of them, else from their
        GIN index; the others, read along the (published_at) index, only when the headline matches do not fill the
        page (reading them took 11 ms of 15 for a two-word query at a million articles, every time)."""
        terms, headline = tsquery(self.query), headline_tsquery(self.query)
        newest = ("-published_at", "-article_id")
        # coalesce() keeps the planner from answering a condition from a GIN index, which would list every match.
        in_headline = "headline_document @@ %s::tsquery"
        if stop <= self._headline_share * MAX_WALK:
            in_headline = f"coalesce({in_headline}, false)"
        first = self.entries.extra(where=[in_headline], params=[headline]).order_by(*newest)
        page = list(first.values_list("article_id", flat=True)[:stop])
        if len(page) == stop:
            return page[start:]
        in_document, params = "document @@ %s::tsquery", [terms]
        if self.reporter_id:
            # The reporter's byline first, one index probe, so that only their entries' documents are read from
            # TOAST: the planner checks the scan's own conditions before it joins the bylines.
            entry, byline = Entry._meta.db_table, Byline._meta.db_table
            in_document = (
                f'CASE WHEN EXISTS (SELECT 1 FROM "{byline}" b WHERE b.article_id = "{entry}".article_id '
                f"AND b.reporter_id = %s) THEN {in_document} END"
            )
            params = [self.reporter_id, terms]
        then = self.entries.extra(
            where=[f"coalesce({in_document}, false)", "NOT headline_document @@ %s::tsquery"],
            params=[*params, headline],
        )
        page += then.order_by(*newest).values_list("article_id", flat=True)[: stop - len(page)]
        return page[start:]


def search(
    query: Query,
    *,
    section_id: int | None = None,
    series_id: int | None = None,
    reporter_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    now: datetime | None = None,
) -> Results:
    now = now or timezone.now()
    entries = Entry.objects.visible(now)
    if section_id:
        entries = entries.filter(section_id=section_id)
    if series_id:
        entries = entries.filter(series_id=series_id)
    # By a reporter, on PostgreSQL, once every entry holds reporter facets, the facets decide, from the GIN index
    # (written in the transaction that changes a byline); an index not yet rebuilt since they came, and SQLite,
    # read the bylines.
    by_facet = bool(reporter_id) and connection.vendor == "postgresql" and index_format() >= REPORTER_FACETS
    if reporter_id and not by_facet:
        entries = entries.filter(reporter_filter(reporter_id))
    if since:
        entries = entries.filter(published_at__gte=since)
    if until:
        entries = entries.filter(published_at__lt=until)
    narrowing = facet_query(section_id, series_id, since, until, now, reporter_id if by_facet else None)
    return Results(entries, query, now, narrowing, reporter_id=reporter_id, reporter_facet=by_facet)

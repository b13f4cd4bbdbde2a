"""The search index: one entry per article, with its terms and what decides whether readers may see it.

On PostgreSQL, `document` (every term, headline first) and `headline_document` are `tsvector`s and `document` has
a GIN index (migration 0002); on SQLite both hold the space-separated terms, padded with a space at each end so that
`instr(document, ' 메타 ')` finds a whole term.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone

from articles.html import plain_text
from articles.models import Article, Byline

from .tokens import Query, document_terms


class EntryQuerySet(models.QuerySet):
    def matching(self, query: Query) -> EntryQuerySet:
        """Entries with every part of `query`, answered from the GIN index on PostgreSQL."""
        if not query:
            return self.none()
        if connection.vendor == "postgresql":
            return self.extra(where=["document @@ to_tsquery('simple', %s)"], params=[query.tsquery()])
        return self.filter(_sqlite_match("document", query))

    def visible(self, now: datetime | None = None) -> EntryQuerySet:
        """As Article.objects.published(): released, its time come, its end time (if any) not yet."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )

    def ranked(self, query: Query) -> EntryQuerySet:
        """Headline matches first, then the newest: annotates `in_headline`."""
        if connection.vendor == "postgresql":
            ranked = self.extra(
                select={"in_headline": "headline_document @@ to_tsquery('simple', %s)"},
                select_params=[query.tsquery()],
            )
        else:
            ranked = self.annotate(
                in_headline=models.Case(
                    models.When(_sqlite_match("headline_document", query), then=True),
                    default=False,
                    output_field=models.BooleanField(),
                )
            )
        return ranked.order_by("-in_headline", "-published_at", "-article_id")


def _sqlite_match(column: str, query: Query) -> Q:
    """Every part of `query` in the terms string: terms side by side, or a term starting with a syllable."""
    wanted = Q()
    for part in query.parts:
        needle = f" {part.terms[0]}" if part.prefix else f" {' '.join(part.terms)} "
        wanted &= Q(**{f"{column}__contains": needle})
    return wanted


class TermsField(SearchVectorField):
    """A `tsvector` on PostgreSQL; plain text elsewhere (a type name SQLite would not read as numeric)."""

    def db_type(self, connection) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


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
    if connection.vendor == "postgresql":
        documents = {"headline_document", "document"}
        placeholder = ", ".join("to_tsvector('simple', %s)" if c in documents else "%s" for c in columns)
    else:
        placeholder = ", ".join(["%s"] * len(columns))
    params = []
    for row in rows:
        for column in columns:
            value = row[column]
            if column in ("headline_document", "document") and connection.vendor != "postgresql":
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


def reporter_filter(reporter_id: int) -> Q:
    return Q(article_id__in=Byline.objects.filter(reporter_id=reporter_id).values("article_id"))


class Results:
    """The articles readers may see that match a query, best first, for a Paginator: count() and slices.

    The count and each page are one query each on the index entries; the page's articles are then fetched with
    everything a result shows, through Article.objects.published() once more.
    """

    def __init__(self, entries: EntryQuerySet, query: Query, now: datetime) -> None:
        self.entries = entries
        self.query = query
        self.now = now

    def count(self) -> int:
        return self.entries.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Article]:
        ids = list(self.entries.ranked(self.query).values_list("article_id", flat=True)[window])
        found = Article.objects.published(self.now).filter(pk__in=ids).for_listing().in_bulk()
        return [found[pk] for pk in ids if pk in found]


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
    entries = Entry.objects.matching(query).visible(now)
    if section_id:
        entries = entries.filter(section_id=section_id)
    if series_id:
        entries = entries.filter(series_id=series_id)
    if reporter_id:
        entries = entries.filter(reporter_filter(reporter_id))
    if since:
        entries = entries.filter(published_at__gte=since)
    if until:
        entries = entries.filter(published_at__lt=until)
    return Results(entries, query, now)

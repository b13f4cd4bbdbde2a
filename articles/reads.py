"""The article page's own reads, with SQL written by hand: the article, and the 관련기사 box under it.

They are on every article page, and building their querysets cost the page more CPU than anything else: Django
composing and compiling the related segment's query and the bylines' prefetch took 2.4 ms, the article with its
section, series and photo 1.1 ms, for statements the database answers in a tenth of that. Here the same statements
are written out once, and their rows become the objects the templates already use (`display_headline`,
`get_absolute_url`, `byline`, `teaser`, the photo's renditions). The rules are the ORM's: what readers may see is
`visible_sql`, `visible_at` as SQL, and the box's order is that of `RelatedArticles`, which the paginated related
list still reads through the ORM; tests hold both to the same answer.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db import connection, models

from photos.models import Photo

from .models import Article, RelatedPick, Reporter, Section, Series, visible_sql


def visible_article(pk: int, now: datetime) -> Article | None:
    """The article readers may see at `now` with this id, with its section, series and lead photo (and the photo's
    renditions), or None: what `Article.objects.published().select_related(...).with_lead_photo()` reads."""
    parts = [(Article, "a"), (Section, "sec"), (Series, "ser"), (Photo, "ph")]
    columns = ", ".join(f'{alias}."{field.column}"' for model, alias in parts for field in _fields(model))
    visible, visible_params = visible_sql(now, table="a")
    sql = (
        f'SELECT {columns} FROM "{Article._meta.db_table}" a '
        f'INNER JOIN "{Section._meta.db_table}" sec ON sec."id" = a."section_id" '
        f'LEFT OUTER JOIN "{Series._meta.db_table}" ser ON ser."id" = a."series_id" '
        f'LEFT OUTER JOIN "{Photo._meta.db_table}" ph ON ph."id" = a."lead_photo_id" '
        f'WHERE a."id" = %s AND {visible}'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, *visible_params])
        row = cursor.fetchone()
    if row is None:
        return None
    objects, start = [], 0
    for model, alias in parts:
        fields = _fields(model)
        values = row[start : start + len(fields)]
        start += len(fields)
        objects.append(_from_row(model, alias, fields, values) if values[0] is not None else None)
    article, section, series, photo = objects
    article.section, article.series, article.lead_photo = section, series, photo
    if photo is not None:
        models.prefetch_related_objects([photo], "renditions")
    return article


def _fields(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def _from_row(model: type[models.Model], alias: str, fields: list[models.Field], values: tuple) -> models.Model:
    """A model instance from its columns as the database gave them, converted as the ORM converts them (SQLite's
    times arrive as text, for one)."""
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = field.get_col(alias)
        for converter in connection.ops.get_db_converters(column) + column.get_db_converters(connection):
            value = converter(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], converted)


# The columns a box item shows: its address, headline with the series prefix, teaser (cut from the body) and the
# release time.
_COLUMNS = (
    'a."id", a."headline", a."body", a."section_id", a."series_id", a."status", a."published_at", a."ends_at", '
    's."name" AS "series_name", s."slug" AS "series_slug"'
)


def related_box(article: Article, limit: int, now: datetime) -> list[Article]:
    """The first `limit` articles of `article`'s related list (picks in their order, then its series, then its
    section, newest first), with their bylines; the article's own bylines are read in the same query."""
    pick_table = RelatedPick._meta.db_table
    picks = _segment(
        f'INNER JOIN "{pick_table}" p ON p."to_article_id" = a."id"',
        'p."from_article_id" = %s',
        [article.pk],
        'p."position", p."id"',
        article,
        limit,
        now,
    )
    found = list(picks)
    not_picked = f'NOT (a."id" IN (SELECT "to_article_id" FROM "{pick_table}" WHERE "from_article_id" = %s))'
    newest = 'a."published_at" DESC, a."id" DESC'
    if len(found) < limit and article.series_id:
        where = f'a."series_id" = %s AND {not_picked}'
        found += _segment("", where, [article.series_id, article.pk], newest, article, limit - len(found), now)
    if len(found) < limit:
        where = f'a."section_id" = %s AND {not_picked}'
        params = [article.section_id, article.pk]
        if article.series_id:
            where += ' AND NOT (a."series_id" = %s AND a."series_id" IS NOT NULL)'
            params.append(article.series_id)
        found += _segment("", where, params, newest, article, limit - len(found), now)
    with_bylines([article, *found])
    return found


def _segment(join: str, where: str, params: list, order: str, article: Article, limit: int, now: datetime):
    visible, visible_params = visible_sql(now, table="a")
    sql = (
        f'SELECT {_COLUMNS} FROM "{Article._meta.db_table}" a {join} '
        f'LEFT OUTER JOIN "{Series._meta.db_table}" s ON s."id" = a."series_id" '
        f'WHERE {where} AND a."id" <> %s AND {visible} ORDER BY {order} LIMIT {int(limit)}'
    )
    items = list(Article.objects.raw(sql, [*params, article.pk, *visible_params]))
    for item in items:
        if item.series_id is not None:
            item.series = Series(id=item.series_id, name=item.series_name, slug=item.series_slug)
    return items


def with_bylines(articles: list[Article]) -> None:
    """Give each article its bylines' reporters (`Article.byline_reporters`), in their order, in one query."""
    if not articles:
        return
    reporters = defaultdict(list)
    sql = (
        f'SELECT b."article_id", r."id", r."name" FROM "{Article.reporters.through._meta.db_table}" b '
        f'INNER JOIN "{Reporter._meta.db_table}" r ON r."id" = b."reporter_id" '
        f'WHERE b."article_id" IN ({", ".join(["%s"] * len(articles))}) ORDER BY b."position", b."id"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [item.pk for item in articles])
        for article_id, reporter_id, name in cursor.fetchall():
            reporters[article_id].append(Reporter(id=reporter_id, name=name))
    for item in articles:
        item.set_byline_reporters(reporters[item.pk])

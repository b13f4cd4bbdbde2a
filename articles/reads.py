"""The public pages' hottest reads, with SQL written by hand: the article page's article, its 관련기사 box and
bylines; the front page's section blocks, newest headlines, top story and series; 많이 본 뉴스's headlines; the
next release or end of an article.

Building their querysets cost the pages more CPU than anything else: for the article page, Django composing and
compiling the related segment's query and the bylines' prefetch took 2.4 ms, the article with its section, series
and photo 1.1 ms, for statements the database answers in a tenth of that. Here the same statements are written
out, and their rows become the objects the templates already use (`display_headline`, `get_absolute_url`,
`byline`, `teaser`, the photo's renditions; `newsroom.rows` converts each column as the ORM does). The rules are
the ORM's: what readers may see is `visible_sql`, `visible_at` as SQL, and the box's order is that of
`RelatedArticles`, which the paginated related list still reads through the ORM.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from functools import cache

from django.db import connection, models

from newsroom.rows import attach, concrete_fields, converted, model_from_row, row_loader
from photos.models import Photo, Rendition

from .models import Article, Byline, RelatedPick, Reporter, Section, Series, visible_sql


def visible_article(pk: int, now: datetime) -> Article | None:
    """The article readers may see at `now` with this id, with its section, series and lead photo (and the photo's
    renditions), or None: what `Article.objects.published().select_related("section", "series", "lead_photo")`
    with the photo's renditions prefetched would read."""
    parts = [(Article, "a"), (Section, "sec"), (Series, "ser"), (Photo, "ph")]
    columns = ", ".join(f'{alias}."{field.column}"' for model, alias in parts for field in concrete_fields(model))
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
    article = _with_relations(parts, row)
    if article.lead_photo is not None:
        models.prefetch_related_objects([article.lead_photo], "renditions")
    return article


def release_or_end_sql(now: datetime) -> tuple[list[str], list]:
    """The first moment after `now` when a released article appears (its 예약 출고 time) or leaves the site (its
    출고 종료 time), as two scalar subqueries (one index entry read for each) and their parameters, for a statement
    that may read more (caching.pages.SqlClock)."""
    table, status = Article._meta.db_table, Article.Status.PUBLISHED.value
    moment = connection.ops.adapt_datetimefield_value(now)

    def first(column: str) -> str:
        return f'(SELECT "{column}" FROM "{table}" WHERE "status" = %s AND "{column}" > %s ORDER BY "{column}" LIMIT 1)'

    return [first("published_at"), first("ends_at")], [status, moment, status, moment]


def first_release_or_end(values) -> datetime | None:
    """The sooner of the next release and the next end, as `release_or_end_sql` read them."""
    table = Article._meta.db_table
    release, end = values
    moments = [
        converted(Article._meta.get_field("published_at"), table, release),
        converted(Article._meta.get_field("ends_at"), table, end),
    ]
    return min((moment for moment in moments if moment is not None), default=None)


def front_page(
    per_section: int, count: int, now: datetime
) -> tuple[list[tuple[Section, list[Article]]], Article | None, list[Article]]:
    """What the front page lists, in two statements: each section, in the menu's order, with its newest
    `per_section` headlines readers may see (headline, 연재 prefix, section, time; no body, no bylines); the top
    story (the newest with a lead photo, with its photo, bylines and teaser); and the other newest of all, up to
    `count` with the top story.

    The first statement finds, per section, the release time of its n-th newest article through the (section,
    status, published_at) index, the `count`-th newest's of all, and the newest with a lead photo; the second reads
    only the articles at or after those times, and the top story's body, photo and bylines with its headline. A
    window function would number every published article in the archive instead.
    """
    visible, visible_params = visible_sql(now, table="a")
    section_fields = concrete_fields(Section)
    columns = ", ".join(f'sec."{field.column}"' for field in section_fields)

    def nth_newest(where: str, n: int) -> str:
        return (
            f'SELECT a."published_at" FROM "{Article._meta.db_table}" a WHERE {where}{visible} '
            f'ORDER BY a."published_at" DESC, a."id" DESC LIMIT 1 OFFSET {int(n) - 1}'
        )

    order = ", ".join(f'sec."{Section._meta.get_field(name).column}"' for name in Section._meta.ordering)
    in_section = nth_newest('a."section_id" = sec."id" AND ', per_section)
    with_photo = (
        f'SELECT a."id" FROM "{Article._meta.db_table}" a WHERE a."lead_photo_id" IS NOT NULL AND {visible} '
        'ORDER BY a."published_at" DESC, a."id" DESC LIMIT 1'
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, ({in_section}), ({nth_newest('', count)}), ({with_photo}) "
            f'FROM "{Section._meta.db_table}" sec ORDER BY {order}',
            [*visible_params, *visible_params, *visible_params],
        )
        rows = cursor.fetchall()
    cutoff_field = Article._meta.get_field("published_at")
    load_section = row_loader(Section, "sec", tuple(section_fields))
    sections, wanted, params = [], [], []
    for row in rows:
        section = load_section(row[:-3])
        cutoff = converted(cutoff_field, "a", row[-3])
        sections.append(section)
        wanted.append('(a."section_id" = %s AND a."published_at" >= %s)' if cutoff else '(a."section_id" = %s)')
        params += [section.id, connection.ops.adapt_datetimefield_value(cutoff)] if cutoff else [section.id]
    if not sections:
        return [], None, []
    # Fewer than `count` readers may see: all of them are among the newest.
    newest_cutoff, story = converted(cutoff_field, "a", rows[0][-2]), rows[0][-1]
    wanted.append('a."published_at" >= %s' if newest_cutoff else "1 = 1")
    params += [connection.ops.adapt_datetimefield_value(newest_cutoff)] if newest_cutoff else []
    by_section: dict[int, list[Article]] = defaultdict(list)
    newest = []
    shown = {section.id: section for section in sections}
    for article in _headlines(now, shown, f"({' OR '.join(wanted)})", params, photo=True, story=story):
        if len(by_section[article.section_id]) < per_section:
            by_section[article.section_id].append(article)
        if len(newest) < count and (newest_cutoff is None or article.published_at >= newest_cutoff):
            newest.append(article)
    blocks = [(section, by_section[section.id]) for section in sections]
    # The newest with a photo, read with the headlines as the top story; where it is older than the newest of all
    # (none of them has a photo), the newest, read on its own.
    top = next((article for article in newest if article.lead_photo_id), newest[0] if newest else None)
    if top is not None and top.id != story:
        _add_story(top)
    return blocks, top, [article for article in newest if article is not top]


def series_with_latest(limit: int, now: datetime) -> list[tuple[Series, Article]]:
    """The `limit` active series most recently added to, each with its newest article readers can see (its address
    and headline only), in one statement through the (series, status, published_at) index."""
    visible, visible_params = visible_sql(now, table="a")
    fields = concrete_fields(Series)
    columns = ", ".join(f'ser."{field.column}"' for field in fields)

    def newest(column: str) -> str:
        return (
            f'(SELECT a."{column}" FROM "{Article._meta.db_table}" a WHERE a."series_id" = ser."id" AND {visible} '
            'ORDER BY a."published_at" DESC, a."id" DESC LIMIT 1)'
        )

    # Those with nothing readers may see sort last, and are left out here rather than filtered in SQL, which would
    # repeat the subquery.
    sql = (
        f"SELECT {columns}, {newest('published_at')} AS latest_at, {newest('id')}, {newest('headline')} "
        f'FROM "{Series._meta.db_table}" ser WHERE ser."is_active" = %s '
        f'ORDER BY latest_at DESC NULLS LAST, ser."id" LIMIT {int(limit)}'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*visible_params * 3, True])
        rows = cursor.fetchall()
    found = []
    for row in rows:
        if row[-3] is None:
            continue
        series = model_from_row(Series, "ser", fields, row[: len(fields)])
        article = _series_latest_loader()(row[-2:])
        attach(article, "series", series)
        found.append((series, article))
    return found


def _add_story(article: Article) -> None:
    """What the top story shows beyond its headline, read on its own (`_story_sql`), where the headlines' statement
    did not read it."""
    columns, joins = _story_sql(f"{int(article.id)}")
    order = _story_order()
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT {columns} FROM "{Article._meta.db_table}" a {joins} WHERE a."id" = %s ORDER BY {order}',
            [article.id],
        )
        _set_story(article, cursor.fetchall())


def _story_sql(story: str) -> tuple[str, str]:
    """The columns and joins that read what the top story shows beyond its headline: the body its teaser is cut
    from, its lead photo with the photo's renditions, and its bylines, a row per rendition and byline, for the
    article `a` whose id is the SQL `story` (on every other row of a statement that reads more, all are NULL)."""
    photo_fields, rendition_fields = concrete_fields(Photo), concrete_fields(Rendition)
    columns = ", ".join(
        [f'CASE WHEN a."id" = {story} THEN a."body" END']
        + [f'ph."{field.column}"' for field in photo_fields]
        + [f'r."{field.column}"' for field in rendition_fields]
        + ['b."id"', 'rep."id"', 'rep."name"']
    )
    joins = (
        f'LEFT OUTER JOIN "{Photo._meta.db_table}" ph ON a."id" = {story} AND ph."id" = a."lead_photo_id" '
        f'LEFT OUTER JOIN "{Rendition._meta.db_table}" r ON r."photo_id" = ph."id" '
        f'LEFT OUTER JOIN "{Byline._meta.db_table}" b ON a."id" = {story} AND b."article_id" = a."id" '
        f'LEFT OUTER JOIN "{Reporter._meta.db_table}" rep ON rep."id" = b."reporter_id"'
    )
    return columns, joins


def _story_order() -> str:
    renditions = ", ".join(f'r."{Rendition._meta.get_field(name).column}"' for name in Rendition._meta.ordering)
    return f'{renditions}, b."position", b."id"'


def _set_story(article: Article, rows: list[tuple]) -> None:
    """Give the top story what `_story_sql` read of it: `rows` are its rows, each starting with those columns."""
    if not rows:  # deleted since its headline was read: shown without teaser, photo or byline
        article.body, article.lead_photo = "", None
        article.set_byline_reporters([])
        return
    photo_fields, rendition_fields = concrete_fields(Photo), concrete_fields(Rendition)
    article.body = rows[0][0] or ""
    # Each rendition comes once per byline, each byline once per rendition: the first of each, in their orders.
    photo_end = 1 + len(photo_fields)
    rendition_end = photo_end + len(rendition_fields)
    load_reporter, reporters = _reporter_loader(), {}
    for row in rows:
        byline, reporter_id, name = row[rendition_end : rendition_end + 3]
        if byline is not None and byline not in reporters:
            reporters[byline] = load_reporter((reporter_id, name))
    article.set_byline_reporters(list(reporters.values()))
    if rows[0][1] is None:
        article.lead_photo = None
        return
    photo = model_from_row(Photo, "ph", photo_fields, rows[0][1:photo_end])
    renditions = {row[photo_end]: row[photo_end:rendition_end] for row in rows if row[photo_end] is not None}
    photo.set_renditions([model_from_row(Rendition, "r", rendition_fields, values) for values in renditions.values()])
    article.lead_photo = photo


def visible_headlines(ids: list[int], now: datetime, limit: int) -> list[Article]:
    """The first `limit` of the articles `ids` (in that order) that readers may see, as headlines (headline, 연재
    prefix, section, time)."""
    if not ids:
        return []
    # The ids are integers written into the statement: fifty parameters cost more to bind than the query to run.
    listed = ", ".join(str(int(pk)) for pk in ids)
    ranking = " ".join(f"WHEN {int(pk)} THEN {position}" for position, pk in enumerate(ids))
    rows = _headline_rows(
        now, f'a."id" IN ({listed})', [], limit=limit, sections=False, order=f'CASE a."id" {ranking} END'
    )
    return [_headline(row, None) for row in rows]


def ranked_headlines(ranking: str, params: list, now: datetime, limit: int) -> tuple[list[int], list[Article]]:
    """The ids a `ranking` gives (SQL selecting `article_id` and `position`, with its `params`) in their order, and
    the first `limit` of those readers may see as headlines, as `visible_headlines` gives them: in one statement,
    for where the ranking is made for a page (audience.popular)."""
    fields = _headline_fields(False)
    visible, visible_params = visible_sql(now, table="a")
    columns = ", ".join(f'a."{field.column}"' for field in fields)
    sql = (
        f'WITH ranked AS ({ranking}) SELECT ranked."article_id", {columns}, ser."name", ser."slug", sec."name", '
        f'sec."slug" FROM ranked LEFT OUTER JOIN "{Article._meta.db_table}" a ON a."id" = ranked."article_id" '
        f"AND {visible} "
        f'LEFT OUTER JOIN "{Series._meta.db_table}" ser ON ser."id" = a."series_id" '
        f'LEFT OUTER JOIN "{Section._meta.db_table}" sec ON sec."id" = a."section_id" '
        'ORDER BY ranked."position"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *visible_params])
        rows = cursor.fetchall()
    shown = [row[1:] for row in rows if row[1] is not None and row[-2] is not None][:limit]
    return [row[0] for row in rows], [_headline(row, None) for row in shown]


def _headlines(
    now: datetime,
    sections: dict[int, Section],
    condition: str = "",
    params: list = (),
    *,
    limit: int | None = None,
    photo: bool = False,
    story: int | None = None,
) -> list[Article]:
    """Headlines readers may see (and that meet the SQL `condition`), newest first: what a headline in a list shows
    (its [연재] prefix, the section, the release time; no body, no bylines), and whether it has a lead photo if
    `photo`; their sections from `sections`, by id. The article whose id is `story`, if among them, is read as the
    top story (`_story_sql`)."""
    rows = _headline_rows(now, condition, params, limit=limit, photo=photo, story=story)
    # A section saved between the sections' statement and this one is left out with its articles, as a join would.
    section_at = _HEADLINE_FIELDS.index("section_id")
    if story is None:
        return [_headline(row, sections, photo=photo) for row in rows if row[section_at] in sections]
    found, story_rows, story_at = [], [], _headline_loader(photo)[0] + 2
    for row in rows:
        if row[0] == story:
            story_rows.append(row[story_at:])
            if len(story_rows) > 1:  # its next rendition or byline
                continue
        if row[section_at] in sections:
            found.append(_headline(row, sections, photo=photo))
    for article in found:
        if article.id == story:
            _set_story(article, story_rows)
    return found


# Only what a headline shows: its status and end time are for the SQL that chose it (two datetimes a row cost
# more to load than the rest of it).
_HEADLINE_FIELDS = ("id", "headline", "section_id", "series_id", "published_at")


def _headline_fields(photo: bool) -> list[models.Field]:
    return _article_fields((*_HEADLINE_FIELDS, "lead_photo_id") if photo else _HEADLINE_FIELDS)


@cache
def _headline_loader(photo: bool) -> tuple[int, Callable]:
    fields = tuple(_headline_fields(photo))
    return len(fields), row_loader(Article, "a", fields)


@cache
def _article_fields(names: tuple[str, ...]) -> list[models.Field]:
    """The article's fields by their column names (`section_id` for the section)."""
    return [Article._meta.get_field(name.removesuffix("_id")) for name in names]


def _headline_rows(
    now: datetime,
    condition: str,
    params: list,
    *,
    limit: int | None = None,
    photo: bool = False,
    sections: bool = True,
    order: str = 'a."published_at" DESC, a."id" DESC',
    story: int | None = None,
) -> list[tuple]:
    """The rows of `_headlines` in the SQL `order` (newest first unless told): the headline fields, then the series'
    name and slug, then (unless `sections` will give them) the section's name and slug; with a `story`, then its
    columns of `_story_sql`, its rows one after another."""
    fields = _headline_fields(photo)
    visible, visible_params = visible_sql(now, table="a")
    columns = ", ".join(f'a."{field.column}"' for field in fields) + ', ser."name", ser."slug"'
    joins = f'LEFT OUTER JOIN "{Series._meta.db_table}" ser ON ser."id" = a."series_id"'
    if not sections:
        columns += ', sec."name", sec."slug"'
        joins += f' INNER JOIN "{Section._meta.db_table}" sec ON sec."id" = a."section_id"'
    if story is not None:
        story_columns, story_joins = _story_sql(f"{int(story)}")
        columns, joins, order = f"{columns}, {story_columns}", f"{joins} {story_joins}", f"{order}, {_story_order()}"
    where = f"{visible} AND {condition}" if condition else visible
    where += f" ORDER BY {order}" + (f" LIMIT {int(limit)}" if limit is not None else "")
    with connection.cursor() as cursor:
        sql = f'SELECT {columns} FROM "{Article._meta.db_table}" a {joins} WHERE {where}'
        cursor.execute(sql, [*visible_params, *params])
        return cursor.fetchall()


def _headline(row: tuple, sections: dict[int, Section] | None, *, photo: bool = False) -> Article:
    count, load = _headline_loader(photo)
    article = load(row[:count])
    series_name, series_slug = row[count : count + 2]
    if sections is None:
        attach(article, "section", _named_loader(Section, "sec")((article.section_id, *row[count + 2 : count + 4])))
    else:
        attach(article, "section", sections[article.section_id])
    if article.series_id is not None:
        attach(article, "series", _named_loader(Series, "ser")((article.series_id, series_name, series_slug)))
    return article


@cache
def _named_loader(model: type[models.Model], alias: str) -> Callable:
    """A section's or series' id, name and slug (what a headline's link and label show) made into an instance, its
    other fields deferred."""
    return row_loader(model, alias, tuple(model._meta.get_field(name) for name in ("id", "name", "slug")))


@cache
def _series_latest_loader() -> Callable:
    return row_loader(Article, "a", tuple(_article_fields(("id", "headline"))))


@cache
def _reporter_loader() -> Callable:
    return row_loader(Reporter, "r", (Reporter._meta.get_field("id"), Reporter._meta.get_field("name")))


def _with_relations(parts: list[tuple[type[models.Model], str]], row: tuple) -> Article:
    """The article of a row that holds its columns and then those of its section, series and lead photo."""
    objects, start = [], 0
    for model, alias in parts:
        fields = concrete_fields(model)
        values = row[start : start + len(fields)]
        start += len(fields)
        objects.append(model_from_row(model, alias, fields, values) if values[0] is not None else None)
    article, section, series, photo = objects
    article.section, article.series, article.lead_photo = section, series, photo
    return article


# What a box item shows: its address, headline with the series prefix, teaser (cut from the body), release time.
_BOX_FIELDS = ("id", "headline", "body", "section_id", "series_id", "status", "published_at", "ends_at")


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
    fields = _article_fields(_BOX_FIELDS)
    visible, visible_params = visible_sql(now, table="a")
    columns = ", ".join(f'a."{field.column}"' for field in fields)
    sql = (
        f'SELECT {columns}, s."name", s."slug" FROM "{Article._meta.db_table}" a {join} '
        f'LEFT OUTER JOIN "{Series._meta.db_table}" s ON s."id" = a."series_id" '
        f'WHERE {where} AND a."id" <> %s AND {visible} ORDER BY {order} LIMIT {int(limit)}'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, article.pk, *visible_params])
        rows = cursor.fetchall()
    items = []
    for row in rows:
        item = model_from_row(Article, "a", fields, row[: len(fields)])
        if item.series_id is not None:
            attach(item, "series", _named_loader(Series, "s")((item.series_id, *row[-2:])))
        items.append(item)
    return items


def with_bylines(articles: list[Article]) -> None:
    """Give each article its bylines' reporters (`Article.byline_reporters`), in their order, in one query."""
    if not articles:
        return
    reporters, load_reporter = defaultdict(list), _reporter_loader()
    sql = (
        f'SELECT b."article_id", r."id", r."name" FROM "{Article.reporters.through._meta.db_table}" b '
        f'INNER JOIN "{Reporter._meta.db_table}" r ON r."id" = b."reporter_id" '
        f'WHERE b."article_id" IN ({", ".join(["%s"] * len(articles))}) ORDER BY b."position", b."id"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [item.pk for item in articles])
        for article_id, reporter_id, name in cursor.fetchall():
            reporters[article_id].append(load_reporter((reporter_id, name)))
    for item in articles:
        item.set_byline_reporters(reporters[item.pk])

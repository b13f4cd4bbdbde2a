"""Counters that many readers add to at once: one `INSERT … ON CONFLICT DO UPDATE SET n = n + 1` per page.

Nothing is read first, so no count is lost between a read and a write, on PostgreSQL and SQLite alike. Callers
spread a bucket (an hour of an article, a day of a banner) over `SHARDS` rows picked at random, so that
simultaneous readers seldom wait on the same row lock.
"""

import logging

from django.db import DatabaseError, connection, models

SHARDS = 4
logger = logging.getLogger(__name__)


def increment(model: type[models.Model], counter: str, keys: list[dict]) -> None:
    """Add one to `counter` in each row named by `keys` (its unique fields), creating rows at one."""
    if not keys:
        return
    # Rows always in the same order, so that two pages counting overlapping rows cannot deadlock.
    keys = sorted(keys, key=lambda key: tuple(str(value) for value in key.values()))
    fields = [model._meta.get_field(name) for name in keys[0]]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column = quote(model._meta.get_field(counter).column)
    key_columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    params = []
    for key in keys:
        params.extend(field.get_db_prep_value(key[field.name], connection) for field in fields)
        params.append(1)
    sql = (
        f"INSERT INTO {table} ({key_columns}, {column}) VALUES {', '.join([row] * len(keys))} "
        f"ON CONFLICT ({key_columns}) DO UPDATE SET {column} = {table}.{column} + 1"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:  # a count lost is better than a page lost; requests run in autocommit
        logger.warning("not counted: %s", model._meta.label, exc_info=True)

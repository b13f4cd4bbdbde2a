"""Rows read with SQL written by hand, made into what the ORM would have made of them.

Some reads of the public pages are written out as SQL (articles.reads: building their querysets cost more CPU than
running them). Their rows become model instances, or plain values, converted as the ORM converts each column: on
SQLite a time arrives as text, on PostgreSQL as a datetime.
"""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections, models


def concrete_fields(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def model_from_row(model: type[models.Model], alias: str, fields: list[models.Field], values: tuple) -> models.Model:
    """A model instance from its columns as the database gave them, converted as the ORM converts them (SQLite's
    times arrive as text, for one)."""
    database = connections[DEFAULT_DB_ALIAS]
    names, converting = _loading(model, alias, tuple(fields), database.vendor)
    if converting:
        values = list(values)
        for index, column, converters in converting:
            if values[index] is not None:
                for converter in converters:
                    values[index] = converter(values[index], column, database)
    return model.from_db(DEFAULT_DB_ALIAS, names, values)


def converted(field: models.Field, alias: str, value):
    """One column's value, converted as `model_from_row` converts it."""
    database = connections[DEFAULT_DB_ALIAS]
    _, converting = _loading(field.model, alias, (field,), database.vendor)
    for _, column, converters in converting:
        if value is not None:
            for converter in converters:
                value = converter(value, column, database)
    return value


@cache
def _loading(model: type[models.Model], alias: str, fields: tuple[models.Field, ...], vendor: str) -> tuple:
    """The attribute names of `fields` and, for the columns the ORM converts (the backend's converters, then the
    field's), their positions and converters: worked out once per process."""
    database = connections[DEFAULT_DB_ALIAS]
    converting = []
    for index, field in enumerate(fields):
        column = field.get_col(alias)
        converters = database.ops.get_db_converters(column) + column.get_db_converters(database)
        if converters:
            converting.append((index, column, converters))
    return [field.attname for field in fields], converting

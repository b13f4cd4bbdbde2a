"""Rows read with SQL written by hand, made into what the ORM would have made of them.

Some reads of the public pages are written out as SQL (articles.reads: building their querysets cost more CPU than
running them). Their rows become model instances, or plain values, converted as the ORM converts each column: on
SQLite a time arrives as text, on PostgreSQL as a datetime.
"""

from collections.abc import Callable, Sequence
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import signals
from django.db.models.base import ModelState


def concrete_fields(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def model_from_row(model: type[models.Model], alias: str, fields: list[models.Field], values: Sequence) -> models.Model:
    """A model instance from its columns as the database gave them, converted as the ORM converts them (SQLite's
    times arrive as text, for one)."""
    # Found by the fields' identities: hashing a field runs Python (Field.__hash__), a dozen times for a row.
    key = (model, alias, *map(id, fields))
    load = _loaders.get(key)
    if load is None:
        load = _loaders[key] = row_loader(model, alias, tuple(fields))
    return load(values)


_loaders: dict[tuple, Callable] = {}


@cache
def row_loader(model: type[models.Model], alias: str, fields: tuple[models.Field, ...]) -> Callable:
    """`model_from_row` for one model, alias and fields, worked out once per process: what a page that makes a
    hundred instances calls for each row (finding it again by its fields costs as much as making one)."""
    names, converting = _loading(model, alias, fields)

    def load(values: Sequence) -> models.Model:
        if converting:
            database = connections[DEFAULT_DB_ALIAS]
            values = list(values)
            for index, column, converters in converting:
                if values[index] is not None:
                    for converter in converters:
                        values[index] = converter(values[index], column, database)
        return loaded(model, names, values)

    return load


def loaded(model: type[models.Model], names: list[str], values: Sequence) -> models.Model:
    """What `model.from_db()` makes of a row's `names` and `values`, without `Model.__init__`: a front page makes a
    hundred instances, and __init__'s pass over every field with its descriptors cost more than the rest of making
    them. The same instance: its attributes in `__dict__`, a field left out deferred, the state of one loaded from
    the default database. A model that something listens to the making of (pre_init, post_init) is made by
    `from_db()`, so that its listeners run."""
    if (signals.pre_init.receivers or signals.post_init.receivers) and _listened(model):
        return model.from_db(DEFAULT_DB_ALIAS, names, values)
    instance = model.__new__(model)
    state = ModelState()
    state.adding, state.db = False, DEFAULT_DB_ALIAS
    instance._state = state
    instance.__dict__.update(zip(names, values, strict=True))
    return instance


def attach(instance: models.Model, name: str, value: models.Model | None) -> None:
    """`instance.<name> = value` for a forward relation whose id `instance` already holds (the row gave both), without
    the descriptor's checks of the value's type and database, which cost more than the instance: the same cache."""
    instance._state.fields_cache[name] = value


def converted(field: models.Field, alias: str, value):
    """One column's value, converted as `model_from_row` converts it."""
    key = (id(field), alias)
    converting = _column_converters.get(key)
    if converting is None:
        converting = _column_converters[key] = _loading(field.model, alias, (field,))[1]
    if value is not None and converting:
        database = connections[DEFAULT_DB_ALIAS]
        for converter in converting[0][2]:
            value = converter(value, converting[0][1], database)
    return value


_column_converters: dict[tuple, list] = {}


def _listened(model: type[models.Model]) -> bool:
    return signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model)


@cache
def _loading(model: type[models.Model], alias: str, fields: tuple[models.Field, ...]) -> tuple:
    """The attribute names of `fields` and, for the columns the ORM converts (the backend's converters, then the
    field's), their positions and converters: worked out once per process, for the one default database."""
    database = connections[DEFAULT_DB_ALIAS]
    converting = []
    for index, field in enumerate(fields):
        column = field.get_col(alias)
        converters = database.ops.get_db_converters(column) + column.get_db_converters(database)
        if converters:
            converting.append((index, column, converters))
    return [field.attname for field in fields], converting

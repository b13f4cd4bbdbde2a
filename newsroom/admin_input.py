"""What the admin is sent that it cannot use, answered as the admin answers any mistake, never with a 500: a list's
filter value from a hand-made or old address is the unfiltered list with its error flag (`?e=1`), a form's value
naming no row is the form's error. Put under every ModelAdmin by the admin site (desk.admin_site), and under its
inlines, so that Django's own, the apps' and other packages' admins all check the same way."""

import functools
from datetime import MAXYEAR, MINYEAR

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ValidationError
from django.db.models import Field, Model
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest

# The parts of a date a lookup may name, with the values a calendar has.
DATE_PARTS = {"year": (MINYEAR, MAXYEAR), "month": (1, 12), "day": (1, 31)}


def _field_and_lookups(model: type[Model], key: str) -> tuple[Field | None, list[str]]:
    """The field a filter's key ends on (`section__slug__exact`: the section's slug) and the lookups after it."""
    parts, field, options = key.split(LOOKUP_SEP), None, model._meta
    for position, part in enumerate(parts):
        try:
            field = options.get_field(part)
        except FieldDoesNotExist:
            return field, parts[position:]
        if field.related_model is not None and position < len(parts) - 1:
            options = field.related_model._meta
    return field, []


def _check(model: type[Model], key: str, values: list[str]) -> None:
    field, lookups = _field_and_lookups(model, key)
    if field is None:
        return  # not a field: a list filter's own parameter, which that filter checks (or Django refuses)
    if lookups in ([], ["exact"], ["in"]) and field.choices and not field.is_relation:
        allowed = {str(value) for value, _ in field.flatchoices}
        named = [part for value in values for part in (value.split(",") if lookups == ["in"] else [value])]
        if not set(named) <= allowed:
            raise IncorrectLookupParameters(f"{key}: not one of the choices")
    if lookups and lookups[0] in DATE_PARTS and lookups[1:] in ([], ["exact"]):
        low, high = DATE_PARTS[lookups[0]]
        for value in values:
            if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
                raise IncorrectLookupParameters(f"{key}: no such {lookups[0]}")


class CheckedChangeList(ChangeList):
    """Checks what the list's SQL cannot: a choice the field does not have (`?status__exact=bogus`, which would
    show an empty list as if it meant something), a year, month or day no calendar has, and any value that fails
    only once the query is written (`?published_at__year=10000`: Django's bounds of the year are no datetime;
    a 20-digit year; year 1 moved to UTC). The query is written here once, which costs a fraction of a millisecond
    and no round trip, so that it fails before the page, where the admin answers it, not while the page renders."""

    def get_filters(self, request: HttpRequest):
        for key, values in self.filter_params.items():
            _check(self.model, key, values)
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:  # the date hierarchy's end of year 9999, a year past C's int
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request: HttpRequest, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        try:
            queryset.query.get_compiler(using=queryset.db).as_sql()
        except EmptyResultSet:
            pass  # a filter that matches nothing, as `?pk__in=` does: an empty list
        except (ValueError, OverflowError, TypeError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset


class CheckedAutocomplete(AutocompleteMixin):
    """An autocomplete box that shows again only the values that can name a row: a form sent back with its errors
    renders what was posted, and Django looks it up as is (`?id__in=abc`, a ValueError)."""

    def optgroups(self, name, value, attr=None):
        options = self.field.remote_field.model._meta
        target = options.get_field(getattr(self.field.remote_field, "field_name", None) or options.pk.name)
        usable = []
        for each in value:
            try:
                target.get_prep_value(target.to_python(each))
            except (ValidationError, ValueError, TypeError):
                continue
            usable.append(each)
        return super().optgroups(name, usable, attr)


@functools.cache
def _under(mixin: type, cls: type) -> type:
    """`cls` with `mixin` first in its order, made once."""
    if issubclass(cls, mixin):
        return cls
    return type(cls.__name__, (mixin, cls), {"__module__": cls.__module__, "__qualname__": cls.__qualname__})


def checked(changelist: type[ChangeList]) -> type[ChangeList]:
    """`changelist` (Django's or a ModelAdmin's own subclass) with the checks of CheckedChangeList."""
    return _under(CheckedChangeList, changelist)


class CheckedFormsAdmin:
    """Mixed into every ModelAdmin and inline: its autocomplete boxes show again only what can name a row."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        widget = getattr(widget, "widget", widget)  # inside the admin's wrapper with its add and change links
        if isinstance(widget, AutocompleteMixin):
            widget.__class__ = _under(CheckedAutocomplete, type(widget))
        return formfield


class CheckedAdmin(CheckedFormsAdmin):
    """Mixed into every ModelAdmin the site registers: its list, whichever ChangeList it uses, checks its filters,
    and its inlines their autocomplete boxes."""

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ChangeList]:
        return checked(super().get_changelist(request, **kwargs))

    def get_inline_instances(self, request: HttpRequest, obj=None) -> list:
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            inline.__class__ = _under(CheckedFormsAdmin, type(inline))
        return inlines

"""PostgreSQL timestamps read by psycopg's C loader.

Django reads every `timestamptz` through a loader of its own written in Python (it sets the value's time zone to
the connection's): 3.3 µs a value, against 0.3 µs for psycopg's compiled one, and a cold front page reads more than
a hundred. When the connection's time zone is UTC, as Django sets it with USE_TZ, the compiled loader gives the
same value with the same `timezone.utc`, so each new connection is given that loader instead.
"""

from datetime import UTC

import psycopg
from psycopg.adapt import Loader

try:
    from psycopg import _cmodule

    CompiledTimestamptzLoader = _cmodule._psycopg.TimestamptzLoader
except (ImportError, AttributeError):  # psycopg without its C implementation
    CompiledTimestamptzLoader = None


class UtcTimestamptzLoader(Loader):
    # Django's cursors compare it with the connection's zone before putting their own loader back.
    timezone = UTC

    def __init__(self, oid: int, context=None) -> None:
        super().__init__(oid, context)
        self._load = CompiledTimestamptzLoader(oid, context).load

    def load(self, data):
        return self._load(data)


def use_compiled_timestamps(sender, connection, **kwargs) -> None:
    """On `connection_created`: read timestamps with psycopg's C loader where it gives what Django's would."""
    if connection.vendor != "postgresql" or CompiledTimestamptzLoader is None:
        return
    if connection.timezone is not UTC:
        return
    raw = connection.connection
    if not isinstance(raw, psycopg.Connection) or raw.info.parameter_status("TimeZone") != "UTC":
        return
    raw.adapters.register_loader("timestamptz", UtcTimestamptzLoader)

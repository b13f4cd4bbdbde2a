from datetime import UTC, datetime

import pytest
from django.template import Context, Template


@pytest.mark.parametrize(
    "moment",
    [datetime(2026, 1, 3, 15, 30, 5, 123456, tzinfo=UTC), datetime(2026, 1, 3, 23, 0, tzinfo=UTC), None],
)
def test_article_times_read_as_djangos_date_filter_prints_them(moment):
    def rendered(source: str) -> str:
        return Template("{% load timestamps %}" + source).render(Context({"at": moment}))

    assert rendered("{{ at|iso_time }}") == rendered("{{ at|date:'c' }}")
    assert rendered("{{ at|stamp }}") == rendered('{{ at|date:"Y.m.d H:i" }}')
    if moment is not None:
        assert rendered("{{ at|stamp }}") == ("2026.01.04 00:30" if moment.microsecond else "2026.01.04 08:00")

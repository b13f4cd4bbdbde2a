"""A scheduled release and an end time take effect on the second, everywhere readers look, with no job running."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from articles.models import Article

NOW = datetime(2026, 1, 4, 3, 0, 0, tzinfo=UTC)  # 12:00:00 in Seoul
SECOND = timedelta(seconds=1)


def surfaces(client, watched: Article, neighbour: Article) -> dict[str, bool]:
    """Where readers could meet `watched`: its page, the home and section lists, and a neighbour's related box."""
    box = client.get(neighbour.get_absolute_url())
    return {
        "page": client.get(watched.get_absolute_url()).status_code == 200,
        "home": watched.headline in client.get("/").text,
        "section": watched.headline in client.get(watched.section.get_absolute_url()).text,
        "related box": watched.headline in box.text,
        "related count": "2건의 관련기사 더보기" in box.text,
    }


@pytest.fixture
def neighbours(make_article):
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        return make_article("이웃 기사 1"), make_article("이웃 기사 2")


def test_a_scheduled_article_appears_on_its_second_everywhere(client, make_article, neighbours):
    scheduled = make_article("예약 기사", published_at=NOW + SECOND)

    with time_machine.travel(NOW, tick=False):
        before = surfaces(client, scheduled, neighbours[0])
    with time_machine.travel(NOW + SECOND, tick=False):
        after = surfaces(client, scheduled, neighbours[0])

    assert set(before.values()) == {False}, before
    assert set(after.values()) == {True}, after


def test_an_article_leaves_every_surface_on_its_end_second(client, make_article, neighbours):
    ending = make_article("종료 기사", published_at=NOW - timedelta(hours=1), ends_at=NOW + SECOND)

    with time_machine.travel(NOW, tick=False):
        before = surfaces(client, ending, neighbours[0])
    with time_machine.travel(NOW + SECOND, tick=False):
        after = surfaces(client, ending, neighbours[0])

    assert set(before.values()) == {True}, before
    assert set(after.values()) == {False}, after

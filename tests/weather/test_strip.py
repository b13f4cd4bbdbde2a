"""The 기상청 제공 strip on every public page: latest fresh reading per active station, in display order."""

from datetime import datetime, timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine

from demo.weather import load_demo_weather
from weather.models import Observation, Station, current_strip

from .conftest import read_sample

KST = ZoneInfo("Asia/Seoul")
NOON = datetime(2026, 1, 4, 12, 20, tzinfo=KST)

MODEL_PAGE_STRIP = [
    "구름조금 동두천 3.2℃", "구름많음 강릉 8.0℃", "구름많음 서울 4.0℃", "구름많음 대전 6.8℃",
    "구름많음 대구 7.3℃", "맑음 울산 8.7℃", "구름조금 광주 7.0℃", "맑음 부산 9.0℃",
    "구름많음 고창 6.0℃", "흐림 제주 9.2℃", "구름많음 강화 1.6℃", "구름많음 보은 5.4℃",
    "구름조금 금산 5.1℃", "구름많음 강진군 7.3℃", "구름조금 경주시 7.6℃", "구름조금 거제 7.2℃",
]  # fmt: skip


def strip_lines(page: str) -> list[str]:
    import re

    items = re.findall(
        r'<span class="weather-strip__word">([^<]*)</span> <span class="weather-strip__station">([^<]*)</span> '
        r'<span class="weather-strip__temp">([^<]*)</span>',
        page,
    )
    return [f"{word} {station} {temperature}" for word, station, temperature in items]


@pytest.fixture
def demo_weather(db):
    with time_machine.travel(NOON, tick=False):
        load_demo_weather()


@time_machine.travel(NOON, tick=False)
def test_article_page_shows_the_model_pages_sixteen_stations_then_the_kma_credit(client, demo_weather, make_article):
    page = client.get(make_article().get_absolute_url()).text

    assert strip_lines(page) == MODEL_PAGE_STRIP
    assert "기상청 제공 · <time" in page
    assert "1월 4일 12시 기준</time>" in page


@time_machine.travel(NOON, tick=False)
def test_every_public_page_carries_the_strip(client, demo_weather, make_article, section, reporter):
    article = make_article()

    for url in ["/", article.get_absolute_url(), section.get_absolute_url(), reporter.get_absolute_url()]:
        assert "기상청 제공" in client.get(url).text, url


def test_a_station_whose_latest_reading_is_stale_is_left_out(client, demo_weather, make_article, settings):
    settings.WEATHER_STALE_HOURS = 3
    Observation.objects.filter(station_id=108).update(observed_at=datetime(2026, 1, 4, 9, tzinfo=KST))

    with time_machine.travel(NOON, tick=False):
        page = client.get(make_article().get_absolute_url()).text

    assert "서울" not in " ".join(strip_lines(page))
    assert len(strip_lines(page)) == 15


def test_when_no_station_is_fresh_the_strip_renders_nothing_and_the_page_is_fine(client, demo_weather, make_article):
    with time_machine.travel(NOON + timedelta(hours=4), tick=False):
        response = client.get(make_article().get_absolute_url())

    assert response.status_code == 200
    assert "기상청 제공" not in response.text
    assert 'class="weather-strip' not in response.text


@time_machine.travel(NOON, tick=False)
def test_an_inactive_station_is_not_shown_and_display_order_is_followed(client, demo_weather, make_article):
    Station.objects.filter(id=98).update(is_active=False)
    Station.objects.filter(id=294).update(display_order=0)

    lines = strip_lines(client.get(make_article().get_absolute_url()).text)

    assert lines[0] == "구름조금 거제 7.2℃"
    assert not any("동두천" in line for line in lines)


@time_machine.travel(NOON, tick=False)
def test_the_newest_reading_of_a_station_wins(client, demo_weather, make_article):
    earlier = Observation.objects.get(station_id=108)
    Observation.objects.create(
        station_id=108, observed_at=earlier.observed_at - timedelta(hours=1), temperature=Decimal("-1.0"),
        cloud_amount=0, source="sfctm2",
    )  # fmt: skip

    lines = strip_lines(client.get(make_article().get_absolute_url()).text)

    assert "구름많음 서울 4.0℃" in lines


@time_machine.travel(NOON, tick=False)
def test_strip_is_read_in_one_query_then_served_from_cache(demo_weather, django_assert_num_queries):
    # Outside a page each call reads the content version it is kept under; a page reads it once for all its parts.
    with django_assert_num_queries(2):
        assert len(current_strip().items) == 16
    with django_assert_num_queries(1):
        assert len(current_strip().items) == 16


@time_machine.travel(NOON, tick=False)
def test_a_new_import_replaces_the_cached_strip(client, demo_weather, make_article, tmp_path):
    from django.core.management import call_command

    article = make_article()
    client.get(article.get_absolute_url())  # fills the cache
    corrected = tmp_path / "sfctm2.txt"  # the same noon readings, with Seoul corrected
    corrected.write_text(read_sample("kma_sfctm2_sample.txt").replace("   4.0  -6.9", "   5.5  -6.9"))
    call_command("import_weather", str(corrected), stdout=StringIO())

    assert "구름많음 서울 5.5℃" in strip_lines(client.get(article.get_absolute_url()).text)


def test_a_cached_strip_still_drops_readings_once_they_go_stale(demo_weather):
    with time_machine.travel(NOON, tick=False):
        assert len(current_strip().items) == 16  # now cached

    with time_machine.travel(NOON + timedelta(hours=4), tick=False):
        assert current_strip() is None


@time_machine.travel(NOON, tick=False)
def test_a_stored_reading_from_a_later_hour_is_never_shown(client, demo_weather, make_article):
    Observation.objects.create(
        station_id=108, observed_at=datetime(2026, 1, 4, 13, tzinfo=KST), temperature=Decimal("30.0"),
        cloud_amount=0, source="sfctm2",
    )  # fmt: skip

    lines = strip_lines(client.get(make_article().get_absolute_url()).text)

    assert "구름많음 서울 4.0℃" in lines
    assert "1월 4일 12시 기준" in client.get("/").text


@time_machine.travel(NOON, tick=False)
def test_each_station_shows_once_with_its_newest_reading_whatever_order_rows_were_saved_in(
    client, demo_weather, make_article
):
    Observation.objects.filter(station_id=108).delete()
    for hour, temperature in [(11, "1.0"), (12, "2.0"), (10, "0.5")]:
        Observation.objects.create(
            station_id=108, observed_at=datetime(2026, 1, 4, hour, tzinfo=KST), temperature=Decimal(temperature),
            cloud_amount=0, source="sfctm2",
        )  # fmt: skip

    lines = strip_lines(client.get(make_article().get_absolute_url()).text)

    assert [line for line in lines if "서울" in line] == ["맑음 서울 2.0℃"]
    assert len(lines) == 16


@time_machine.travel(NOON, tick=False)
def test_a_station_without_cloud_amount_shows_name_and_temperature_only(client, demo_weather, make_article):
    Observation.objects.filter(station_id=259).update(cloud_amount=None, sky="")

    page = client.get(make_article().get_absolute_url()).text

    assert (
        '<li><span class="weather-strip__station">강진군</span> <span class="weather-strip__temp">7.3℃</span></li>'
        in page
    )


@time_machine.travel(NOON, tick=False)
def test_hiding_a_station_in_the_admin_takes_it_off_the_cached_strip_at_once(demo_weather):
    assert len(current_strip().items) == 16
    station = Station.objects.get(id=98)
    station.is_active = False
    station.save()

    strip = current_strip()
    assert (strip.items[0].station, len(strip.items)) == ("강릉", 15)


@time_machine.travel(NOON, tick=False)
def test_pages_still_render_when_the_cache_server_is_down(client, demo_weather, make_article, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }

    response = client.get(make_article().get_absolute_url())

    assert response.status_code == 200
    assert len(strip_lines(response.text)) == 16


@time_machine.travel(NOON, tick=False)
def test_after_load_demo_the_article_page_keeps_the_foundations_query_budget(
    client, db, settings, django_assert_max_num_queries
):
    from django.core.management import call_command

    from articles.models import Article

    call_command("load_demo", stdout=StringIO())
    story = Article.objects.get(headline__contains="헤게만")
    settings.PAGE_CACHE = False  # what the page costs to render
    client.get("/")  # the strip is read once, then served from the cache until the next import

    # The article-page budget, lead photo included (test_query_budget.py), and once per content version the next
    # change by the clock (a release or end time to come, a banner's dates), which the front page did not need.
    with django_assert_max_num_queries(12):
        page = client.get(story.get_absolute_url()).text

    assert strip_lines(page) == MODEL_PAGE_STRIP

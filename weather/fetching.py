"""The hourly fetch from KMA API Hub, shared by `manage.py fetch_weather` and the `weather.fetch_observations` job."""

from datetime import datetime

from . import kma
from .models import Station, StoreResult, store_readings


class NoStationsShown(Exception):
    """No station is shown on the strip, so there is nothing to ask KMA for."""


def fetch_observations(at: datetime | None = None) -> StoreResult:
    """Ask KMA once for every shown station's reading of hour `at` (None: the latest) and store them.

    Raises NoStationsShown, or the client's KMAError (its message never carries the key); stores nothing then.
    """
    station_ids = list(Station.objects.active().values_list("id", flat=True))
    if not station_ids:
        raise NoStationsShown("표시 중인 관측 지점이 없습니다: 관리 화면에서 지점을 켜세요.")
    readings = kma.KMAClient.from_settings().fetch_sfctm2(at, station_ids)
    result = store_readings(readings)
    missing = sorted(set(station_ids) - {reading.station_id for reading in readings})
    if missing:
        result.skipped += len(missing)
        result.warnings.append(f"기상청 응답에 없는 지점: {', '.join(map(str, missing))} (이번 시각은 이전 값 유지)")
    return result

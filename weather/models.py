from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from caching import versions
from caching.versions import content_changed
from newsroom.rows import converted

from . import kma

logger = logging.getLogger(__name__)

# What a station can physically report; anything outside is a transmission or parsing fault, never shown.
PHYSICAL_RANGES: dict[str, tuple[Decimal, Decimal, str, str]] = {
    "temperature": (Decimal(-60), Decimal(60), "기온", "℃"),
    "cloud_amount": (Decimal(0), Decimal(10), "전운량", "할"),
    "precipitation": (Decimal(0), Decimal(500), "강수량", "mm"),
    "humidity": (Decimal(0), Decimal(100), "습도", "%"),
    "wind_speed": (Decimal(0), Decimal(75), "풍속", "m/s"),
    "wind_direction": (Decimal(0), Decimal(360), "풍향", "°"),
    "visibility": (Decimal(0), Decimal(100_000), "시정", "m"),
    "precipitation_type": (Decimal(0), Decimal(7), "강수형태", ""),
    "weather_code": (Decimal(0), Decimal(99), "현재일기", ""),
}


class StationQuerySet(models.QuerySet):
    def active(self) -> StationQuerySet:
        return self.filter(is_active=True)


class Station(models.Model):
    id = models.PositiveIntegerField("지점번호", primary_key=True, help_text="기상청 지점번호 (예: 108 서울)")
    name = models.CharField("지점명", max_length=30)
    display_order = models.PositiveSmallIntegerField(
        "표시 순서", default=0, help_text="날씨 띠에서 작은 수가 먼저 나옵니다."
    )
    is_active = models.BooleanField("표시", default=True, help_text="끄면 날씨 띠에 나오지 않습니다.")
    latitude = models.DecimalField("위도", max_digits=8, decimal_places=5)
    longitude = models.DecimalField("경도", max_digits=8, decimal_places=5)
    nx = models.PositiveSmallIntegerField("격자 X", help_text="기상청 5km 격자 좌표 (초단기실황 조회용)")
    ny = models.PositiveSmallIntegerField("격자 Y")

    objects = StationQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = "관측 지점"
        verbose_name_plural = "관측 지점"

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        content_changed()  # a renamed, hidden or reordered station shows at once


class Observation(models.Model):
    class Source(models.TextChoices):
        SFCTM2 = "sfctm2", "API 허브 지상관측(kma_sfctm2)"
        ASOS_JSON = "asos-json", "공공데이터포털 ASOS 시간자료"
        NCST_JSON = "ncst-json", "공공데이터포털 초단기실황"

    station = models.ForeignKey(Station, verbose_name="지점", on_delete=models.CASCADE, related_name="observations")
    observed_at = models.DateTimeField("관측 시각")
    temperature = models.DecimalField("기온(℃)", max_digits=4, decimal_places=1, null=True, blank=True)
    cloud_amount = models.PositiveSmallIntegerField("전운량(할)", null=True, blank=True)
    sky = models.CharField("하늘 상태", max_length=10, blank=True, help_text="전운량에서 정합니다.")
    phenomenon = models.CharField("현상", max_length=10, blank=True, help_text="비, 눈, 안개 등: 하늘 상태 대신 표시")
    weather_code = models.PositiveSmallIntegerField("현재일기(WMO)", null=True, blank=True)
    precipitation_type = models.PositiveSmallIntegerField("강수형태(PTY)", null=True, blank=True)
    precipitation = models.DecimalField("강수량(mm)", max_digits=5, decimal_places=1, null=True, blank=True)
    humidity = models.DecimalField("습도(%)", max_digits=4, decimal_places=1, null=True, blank=True)
    wind_speed = models.DecimalField("풍속(m/s)", max_digits=4, decimal_places=1, null=True, blank=True)
    wind_direction = models.PositiveSmallIntegerField("풍향(°)", null=True, blank=True)
    visibility = models.PositiveIntegerField("시정(m)", null=True, blank=True)
    source = models.CharField("출처", max_length=16, choices=Source.choices)
    updated_at = models.DateTimeField("저장 시각", auto_now=True)

    class Meta:
        ordering = ["-observed_at", "station__display_order"]
        verbose_name = "관측값"
        verbose_name_plural = "관측값"
        permissions = [("import_observation", "관측 자료 파일을 올려 저장할 수 있음")]
        constraints = [
            models.UniqueConstraint(fields=["station", "observed_at"], name="unique_station_hour"),
            models.CheckConstraint(
                condition=Q(temperature__isnull=True) | Q(temperature__gte=-60, temperature__lte=60),
                name="temperature_in_physical_range",
            ),
            models.CheckConstraint(
                condition=Q(cloud_amount__isnull=True) | Q(cloud_amount__lte=10), name="cloud_amount_in_tenths"
            ),
            models.CheckConstraint(
                condition=Q(humidity__isnull=True) | Q(humidity__gte=0, humidity__lte=100), name="humidity_in_percent"
            ),
        ]
        indexes = [models.Index(fields=["station", "-observed_at"], name="observation_station_latest_idx")]

    def __str__(self) -> str:
        return f"{self.station.name} {timezone.localtime(self.observed_at):%Y-%m-%d %H시}"

    def save(self, *args, **kwargs) -> None:
        self.sky = kma.sky_word(self.cloud_amount)
        self.phenomenon = kma.phenomenon_word(
            self.weather_code, self.precipitation_type, self.precipitation, self.visibility
        )
        super().save(*args, **kwargs)

    @property
    def weather_word(self) -> str:
        """What the strip shows before the station name: a phenomenon (비, 눈 …) over the sky word."""
        return self.phenomenon or self.sky


@dataclass
class StoreResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"지점별 관측값: 갱신 {self.created + self.updated}건 (새로 {self.created}건) · "
            f"변동 없음 {self.unchanged}건 · 건너뜀 {self.skipped}건"
        )


def _out_of_range(reading: kma.Reading) -> list[str]:
    problems = []
    for name in kma.SOURCE_FIELDS[reading.source]:
        value = getattr(reading, name)
        low, high, label, unit = PHYSICAL_RANGES[name]
        if value is not None and not low <= value <= high:
            problems.append(f"{label} {value}{unit}는 물리적 범위({low}~{high}{unit})를 벗어납니다")
    return problems


@transaction.atomic
def store_readings(readings: Iterable[kma.Reading]) -> StoreResult:
    """Save readings as observations: all of them or, on any database error, none.

    A reading for an unknown station or with a value outside physical range is skipped with a warning and the
    others go on. Only the fields a source carries are written, so a grid reading (precipitation type) adds to a
    station's observation without erasing its temperature. Re-importing the same data changes nothing.
    """
    if connection.vendor == "postgresql":
        # Two imports at once (a slow hourly run overlapping the next) take turns instead of colliding on the
        # (station, hour) constraint; SQLite's BEGIN IMMEDIATE already makes them wait.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_ID])
    result = StoreResult()
    stations = {station.id: station for station in Station.objects.all()}
    by_grid: dict[tuple[int, int], list[Station]] = {}
    for station in stations.values():
        by_grid.setdefault((station.nx, station.ny), []).append(station)

    targets: list[tuple[Station, kma.Reading]] = []
    unknown: set[str] = set()
    for reading in readings:
        if reading.grid is not None:
            matched = by_grid.get(reading.grid, [])
            if not matched:
                unknown.add(f"격자 {reading.grid[0]},{reading.grid[1]}")
            targets.extend((station, reading) for station in matched)
        elif reading.station_id in stations:
            targets.append((stations[reading.station_id], reading))
        else:
            unknown.add(f"지점 {reading.station_id}")
    if unknown:
        result.skipped += len(unknown)
        result.warnings.append(f"등록되지 않은 지점이라 건너뜀: {', '.join(sorted(unknown))}")

    existing = {
        (observation.station_id, observation.observed_at): observation
        for observation in Observation.objects.filter(
            station_id__in={station.id for station, _ in targets},
            observed_at__in={reading.observed_at for _, reading in targets},
        )
    }
    now = timezone.now()
    for station, reading in targets:
        when = f"{station.name}({station.id}) {timezone.localtime(reading.observed_at):%Y-%m-%d %H시}"
        problems = _out_of_range(reading)
        if reading.observed_at > now:
            problems.append("아직 오지 않은 관측 시각입니다")
        if problems:
            result.skipped += 1
            result.warnings.append(f"{when}: {'; '.join(problems)}. 이 지점은 건너뜁니다.")
            continue
        # A value missing from this answer never erases one an earlier answer had.
        values = {name: getattr(reading, name) for name in kma.SOURCE_FIELDS[reading.source]}
        values = {name: value for name, value in values.items() if value is not None}
        observation = existing.get((station.id, reading.observed_at))
        if observation is None:
            observation = Observation(station=station, observed_at=reading.observed_at, source=reading.source, **values)
            observation.save()
            existing[(station.id, reading.observed_at)] = observation
            result.created += 1
            continue
        changed = {name: value for name, value in values.items() if getattr(observation, name) != value}
        if not changed:
            result.unchanged += 1
            continue
        for name, value in changed.items():
            setattr(observation, name, value)
        observation.source = reading.source
        observation.save()
        result.updated += 1

    if result.created or result.updated:
        content_changed()  # the strip and every page showing it, at commit
    return result


IMPORT_LOCK_ID = 0x57EA7E  # any constant of our own for pg_advisory_xact_lock
# Kept under the content version, which every import and station change moves on: no server serves an old strip.
STRIP_CACHE_KEY = "weather:strip"
STRIP_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class StripItem:
    word: str
    station: str
    temperature: Decimal
    observed_at: datetime


@dataclass(frozen=True)
class WeatherStrip:
    items: list[StripItem]

    @property
    def observed_at(self) -> datetime:
        return max(item.observed_at for item in self.items)

    @property
    def time_label(self) -> str:
        """`1월 4일 12시 기준`, in Korean time whatever TIME_ZONE says: these are KMA's hours."""
        local = self.observed_at.astimezone(kma.KST)
        return f"{local.month}월 {local.day}일 {local.hour}시 기준"


def current_strip(now: datetime | None = None) -> WeatherStrip | None:
    """The masthead's weather strip: fresh readings of the active stations, or None when none is fresh.

    Read in one query and kept in the cache for a few minutes (an import clears it); freshness is checked on
    every call, so a cached reading never outlives WEATHER_STALE_HOURS.
    """
    now = now or timezone.now()
    since = now - timedelta(hours=settings.WEATHER_STALE_HOURS)
    items = versions.request_memo("weather-strip", lambda: _strip_items(since, now))
    fresh = [item for item in items if since <= item.observed_at <= now]
    return WeatherStrip(fresh) if fresh else None


def _strip_rows(since: datetime, now: datetime) -> list[tuple]:
    """Each active station's newest reading with a temperature in [since, now], in display order: its phenomenon,
    sky, station name, temperature and time. One statement, written out: as a queryset, built for every page where
    no cache keeps the strip, it cost ten times what running it does."""
    observations, stations = Observation._meta.db_table, Station._meta.db_table
    newest = (
        f'SELECT o2."id" FROM "{observations}" o2 WHERE o2."station_id" = s."id" AND o2."observed_at" >= %s '
        'AND o2."observed_at" <= %s AND o2."temperature" IS NOT NULL ORDER BY o2."observed_at" DESC LIMIT 1'
    )
    sql = (
        f'SELECT o."phenomenon", o."sky", st."name", o."temperature", o."observed_at" FROM "{observations}" o '
        f'INNER JOIN "{stations}" st ON st."id" = o."station_id" '
        f'WHERE o."id" IN (SELECT ({newest}) FROM "{stations}" s WHERE s."is_active" = %s) '
        'ORDER BY st."display_order", o."station_id"'
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [adapt(since), adapt(now), True])
        rows = cursor.fetchall()
    temperature, observed_at = Observation._meta.get_field("temperature"), Observation._meta.get_field("observed_at")
    return [
        (phenomenon, sky, name, converted(temperature, "o", degrees), converted(observed_at, "o", at))
        for phenomenon, sky, name, degrees, at in rows
    ]


def _strip_items(since: datetime, now: datetime) -> list[StripItem]:
    """The readings the strip may show, from the cache or one query: read once per page (caching.versions)."""
    key = f"{STRIP_CACHE_KEY}:{versions.for_this_request()}"
    try:
        items = cache.get(key)
    except Exception:  # a cache outage must not take the pages down with it
        logger.warning("날씨 띠 캐시를 읽지 못해 데이터베이스에서 읽습니다")
        items = None
    if items is None:
        # Plain rows of the five columns the strip shows, not readings with every field and their stations: the
        # word is Observation.weather_word's, a phenomenon over the sky word.
        rows = _strip_rows(since, now)
        items = [StripItem(phenomenon or sky, name, temperature, at) for phenomenon, sky, name, temperature, at in rows]
        try:
            cache.set(key, items, STRIP_CACHE_SECONDS)
        except Exception:
            logger.warning("날씨 띠를 캐시에 넣지 못했습니다")
    return items

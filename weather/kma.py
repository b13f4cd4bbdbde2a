"""KMA (기상청) observations: parse saved answers of API Hub kma_sfctm2 (text), data.go.kr ASOS hourly (JSON) and
ultra-short nowcast (초단기실황, JSON), as KMA documents them in each service's help text; and fetch kma_sfctm2
live, the one service `fetch_weather` asks.

Every parser distrusts its input and raises a KMAError subclass whose message is one Korean line an
operator can act on. No message, log line or exception chain ever carries a URL, because the key travels in the
query string.
"""

from __future__ import annotations

import json
import logging
import re
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Self

import urllib3
from urllib3.exceptions import (
    HTTPError,
    LocationValueError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as URLLib3TimeoutError
from urllib3.util import Retry

KST = zoneinfo.ZoneInfo("Asia/Seoul")
SOURCES = ("sfctm2", "asos-json", "ncst-json")

logger = logging.getLogger("weather.kma")
_TENTH = Decimal("0.1")


class KMAError(Exception):
    """Base class; ``retryable`` tells whether asking again later may help (a timeout, a 5xx) or not (a key)."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class KMAFormatError(KMAError):
    """Empty, truncated, malformed or unexpected (e.g. HTML) response."""


class KMAResponseError(KMAError):
    """The service answered with an error code."""

    def __init__(self, message: str, *, code: str, retryable: bool = False) -> None:
        super().__init__(message, retryable=retryable)
        self.code = code


class KMAKeyError(KMAResponseError):
    """Key, permission or quota problem: asking again cannot help."""

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message, code=code, retryable=False)


class KMANoDataError(KMAResponseError):
    def __init__(self, message: str = "요청한 시각의 관측 자료가 없습니다", *, code: str = "03") -> None:
        super().__init__(message, code=code, retryable=False)


class KMAOnlyUntilYesterdayError(KMAResponseError):
    def __init__(self, message: str, *, code: str = "99") -> None:
        super().__init__(message, code=code, retryable=False)


@dataclass(frozen=True)
class Reading:
    source: str
    observed_at: datetime
    station_id: int | None = None
    grid: tuple[int, int] | None = None
    temperature: Decimal | None = None
    cloud_amount: int | None = None
    weather_code: int | None = None
    precipitation: Decimal | None = None
    humidity: Decimal | None = None
    wind_speed: Decimal | None = None
    wind_direction: int | None = None
    visibility: int | None = None
    precipitation_type: int | None = None


_STATION_FIELDS = ("temperature", "cloud_amount", "precipitation", "humidity", "wind_speed", "wind_direction")
SOURCE_FIELDS: dict[str, frozenset[str]] = {
    "sfctm2": frozenset({*_STATION_FIELDS, "weather_code", "visibility"}),
    "asos-json": frozenset({*_STATION_FIELDS, "visibility"}),
    "ncst-json": frozenset({"precipitation_type"}),
}

# data.go.kr result codes: (explanation, retryable). Key/permission/quota codes are listed in _KEY_CODES.
_RESULT_CODES: dict[str, tuple[str, bool]] = {
    "01": ("기상청 서버 내부 오류입니다", True),
    "02": ("기상청 데이터베이스 오류입니다", True),
    "03": ("요청한 시각의 관측 자료가 없습니다", False),
    "04": ("기상청 서버의 HTTP 오류입니다", True),
    "05": ("기상청 서비스 응답 시간이 초과되었습니다", True),
    "10": ("요청 파라미터가 잘못되었습니다", False),
    "11": ("필수 요청 파라미터가 빠졌습니다", False),
    "12": ("해당 오픈API 서비스가 없거나 주소가 잘못되었습니다", False),
    "20": ("이 서비스 키로는 이 API를 쓸 수 없습니다 (활용신청 승인을 확인하세요)", False),
    "21": ("서비스 키가 일시적으로 사용 중지되었습니다", False),
    "22": ("일일 호출 한도를 넘었습니다 (자정 이후에 다시 시도하세요)", False),
    "30": ("등록되지 않은 서비스 키입니다 (새 키는 동기화에 1시간쯤 걸릴 수 있습니다)", False),
    "31": ("서비스 키의 활용 기간이 끝났습니다 (활용신청을 연장하세요)", False),
    "32": ("등록되지 않은 IP에서 호출했습니다", False),
    "33": ("서명되지 않은 호출입니다", False),
    "99": ("기상청이 알 수 없는 오류를 돌려주었습니다", False),
}
_KEY_CODES = frozenset({"20", "21", "22", "30", "31", "32", "33"})
_MAX_BODY = 2_000_000  # all ~100 stations of kma_sfctm2 are ~30 kB; anything huge is not a KMA answer


def _one_line(text: str, limit: int = 200) -> str:
    """KMA's own words, folded to one short line: they go into a one-line error."""
    folded = " ".join(text.split())
    return folded if len(folded) <= limit else folded[:limit] + "…"


def _result_error(code: str, kma_message: str) -> KMAResponseError:
    kma_message = _one_line(kma_message)
    code = _one_line(code, 10)
    explanation, retryable = _RESULT_CODES.get(code, ("기상청이 오류를 돌려주었습니다", False))
    if code == "99" and "전날" in kma_message:
        explanation = "ASOS 시간자료는 전날 자료까지만 제공됩니다 (오늘 관측은 API 허브 kma_sfctm2로 받으세요)"
    message = f"기상청 API 오류 {code}: {explanation} (기상청 메시지: {kma_message or '없음'})"
    if code in _KEY_CODES:
        return KMAKeyError(message, code=code)
    if code == "03":
        return KMANoDataError(message, code=code)
    if code == "99" and "전날" in kma_message:
        return KMAOnlyUntilYesterdayError(message, code=code)
    return KMAResponseError(message, code=code, retryable=retryable)


def _apihub_status_error(status: int, kma_message: str) -> KMAResponseError:
    kma_message = _one_line(kma_message)
    suffix = f": {kma_message}" if kma_message else ""
    if status == 401:
        return KMAKeyError(f"인증키가 유효하지 않습니다 (HTTP 401{suffix})", code="401")
    if status == 403:
        return KMAKeyError(
            f"이 인증키로는 허용되지 않은 API입니다 — 활용신청을 확인하세요 (HTTP 403{suffix})", code="403"
        )
    retryable = status >= 500
    return KMAResponseError(
        f"기상청 서버가 오류로 답했습니다 (HTTP {status}{suffix})", code=str(status), retryable=retryable
    )


# --- shared checks -------------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """KMA text as str, for answers fetched live and files saved from them alike. KMA's services answer in UTF-8
    or, API Hub text with its help lines, in EUC-KR; a saved file may also start with a BOM."""
    for encoding in ("utf-8-sig", "euc-kr"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise KMAFormatError("기상청 자료를 읽을 수 없습니다: UTF-8도 EUC-KR도 아닌 글자가 있습니다")


def _precheck(text: str) -> str:
    """Reject what no parser can use and turn the gateway's XML error envelope into its exception."""
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise KMAFormatError("기상청 응답이 비어 있습니다")
    lowered = stripped[:100].lower()
    if lowered.startswith(("<!doctype", "<html")):
        raise KMAFormatError("HTML 페이지가 왔습니다 (기상청 점검 안내나 잘못된 주소일 수 있습니다)")
    if stripped.startswith("<"):
        _raise_gateway_error(stripped)
    return stripped


def _raise_gateway_error(text: str) -> None:
    # The envelope has a fixed, tiny shape and no DTD; one that declares entities is not KMA's (and could expand).
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise KMAFormatError("XML 응답에 DOCTYPE/ENTITY 선언이 있습니다: 기상청 응답이 아닙니다")
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise KMAFormatError("기상청 XML 응답이 잘렸거나 형식이 잘못되었습니다") from None
    if root.tag != "OpenAPI_ServiceResponse":
        raise KMAFormatError(f"예상하지 못한 XML 응답입니다 (<{root.tag[:40]}>)")
    code = (root.findtext(".//returnReasonCode") or "").strip()
    auth_message = (root.findtext(".//returnAuthMsg") or root.findtext(".//errMsg") or "").strip()
    raise _result_error(code or "?", auth_message)


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise KMAFormatError("기상청 JSON 응답이 잘렸거나 형식이 잘못되었습니다") from None


def _raise_apihub_json_error(data: Any) -> None:
    result = data.get("result") if isinstance(data, dict) else None
    if isinstance(result, dict) and "status" in result:
        try:
            status = int(result["status"])
        except (TypeError, ValueError):
            status = 0
        raise _apihub_status_error(status, str(result.get("message") or ""))


def _json_items(text: str) -> list[dict[str, Any]]:
    """Items of one data.go.kr envelope or of a JSON array of envelopes, after checking each header."""
    data = _load_json(_precheck(text))
    _raise_apihub_json_error(data)
    envelopes = data if isinstance(data, list) else [data]
    items: list[dict[str, Any]] = []
    for envelope in envelopes:
        try:
            items.extend(_envelope_items(envelope))
        except KMANoDataError:
            # In a batch of per-station answers one empty hour must not hide the others.
            if len(envelopes) == 1:
                raise
    if not items:
        raise KMANoDataError("기상청 응답에 관측 자료가 한 건도 없습니다")
    return items


def _envelope_items(envelope: Any) -> list[dict[str, Any]]:
    response = envelope.get("response") if isinstance(envelope, dict) else None
    header = response.get("header") if isinstance(response, dict) else None
    if not isinstance(header, dict):
        raise KMAFormatError("기상청 JSON 응답에 response.header가 없습니다")
    code = str(header.get("resultCode", "")).strip()
    if code != "00":
        raise _result_error(code or "?", str(header.get("resultMsg") or ""))
    body = response.get("body")
    items = body.get("items") if isinstance(body, dict) else None
    if items in (None, ""):  # data.go.kr services send items: "" for an empty page
        return []
    item = items.get("item") if isinstance(items, dict) else None
    item_list = [item] if isinstance(item, dict) else item if isinstance(item, list) else None
    if item_list is None or not all(isinstance(row, dict) for row in item_list):
        raise KMAFormatError("기상청 JSON 응답의 items.item 형식이 잘못되었습니다")
    return item_list


def _number(value: Any, where: str) -> Decimal | None:
    """A finite Decimal, or None for the empty markers ("" and "-")."""
    if value is None:
        return None
    text = str(value).strip()
    if text in ("", "-"):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise KMAFormatError(f"{where} 값이 숫자가 아닙니다: {text[:20]!r}") from None
    # adjusted() is the decimal exponent; unlike abs() it cannot overflow on input such as "1e999999999".
    if not number.is_finite() or number.adjusted() >= 9:
        raise KMAFormatError(f"{where} 값이 숫자가 아니거나 너무 큽니다: {text[:20]!r}")
    # KMA reports to 0.1; more digits would make every re-import look like a correction.
    return number.quantize(_TENTH, rounding=ROUND_HALF_UP)


def _whole(number: Decimal | None, where: str) -> int | None:
    if number is None:
        return None
    if number != number.to_integral_value():
        raise KMAFormatError(f"{where} 값이 정수가 아닙니다: {number}")
    return int(number)


def _temperature(number: Decimal | None) -> Decimal | None:
    # -9.0 ℃ is a real winter temperature; KMA marks missing temperatures with -99.0.
    return number if number is not None and number > -90 else None


def _hour(text: str, fmt: str, where: str) -> datetime:
    try:
        moment = datetime.strptime(text, fmt)
    except ValueError:
        raise KMAFormatError(f"{where} 관측시각 형식이 잘못되었습니다: {text[:20]!r}") from None
    if moment.strftime(fmt) != text:  # strptime tolerates short fields such as "2026-1-4"
        raise KMAFormatError(f"{where} 관측시각 형식이 잘못되었습니다: {text[:20]!r}")
    if moment.minute:
        raise KMAFormatError(f"{where} 관측시각이 정시가 아닙니다: {text[:20]!r}")
    return moment.replace(tzinfo=KST)


# --- parsers -------------------------------------------------------------------------------------------------


def detect_format(text: str) -> str:
    stripped = _precheck(text)
    if stripped.startswith("#"):
        if "#START7777" not in stripped:
            raise KMAFormatError("kma_sfctm2 시작 표시(#START7777)가 없습니다")
        return "sfctm2"
    if not stripped.startswith(("{", "[")):
        raise KMAFormatError("알 수 없는 형식의 기상청 응답입니다")
    first = _json_items(stripped)[0]
    if "category" in first and "obsrValue" in first:
        return "ncst-json"
    if "stnId" in first and "tm" in first:
        return "asos-json"
    raise KMAFormatError("기상청 JSON 응답이 ASOS 시간자료도 초단기실황도 아닙니다")


def parse(text: str, fmt: str = "auto") -> list[Reading]:
    parsers: dict[str, Callable[[str], list[Reading]]] = {
        "sfctm2": parse_sfctm2,
        "asos-json": parse_asos_json,
        "ncst-json": parse_ncst_json,
    }
    if fmt == "auto":
        fmt = detect_format(text)
    if fmt not in parsers:
        raise ValueError(f"알 수 없는 형식입니다: {fmt!r} (가능한 값: auto, {', '.join(SOURCES)})")
    return _without_repeats(parsers[fmt](text))


def _without_repeats(readings: list[Reading]) -> list[Reading]:
    """Drop exact repeats; two different readings for one place and hour leave no way to know which is right."""
    unique: dict[tuple, Reading] = {}
    for reading in readings:
        key = (reading.source, reading.station_id, reading.grid, reading.observed_at)
        if key in unique and unique[key] != reading:
            place = f"지점 {reading.station_id}" if reading.grid is None else f"격자 {reading.grid}"
            raise KMAFormatError(
                f"같은 {place}, {reading.observed_at.astimezone(KST):%Y-%m-%d %H시} 관측값이 서로 다르게 두 번 있습니다"
            )
        unique[key] = reading
    return list(unique.values())


_SFCTM2_TOKENS = 46


def parse_sfctm2(text: str) -> list[Reading]:
    stripped = _precheck(text)
    if stripped.startswith("{"):
        _raise_apihub_json_error(_load_json(stripped))
        raise KMAFormatError("kma_sfctm2 텍스트 대신 JSON이 왔습니다")
    # A saved file may hold several answers (hours) one after another; each is framed by the two markers, and
    # nothing but comments may stand outside a frame, or part of the file would be silently dropped.
    readings, inside, seen_start = [], False, False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line == "#START7777":
            if inside:
                raise KMAFormatError(
                    f"kma_sfctm2 파일이 중간에 잘렸습니다: {number}번째 줄 앞에 끝 표시(#7777END)가 없습니다"
                )
            inside = seen_start = True
        elif line == "#7777END":
            if not inside:
                raise KMAFormatError(f"kma_sfctm2 {number}번째 줄: 시작 표시 없이 끝 표시(#7777END)가 나왔습니다")
            inside = False
        elif line and not line.startswith("#"):
            if not inside:
                raise KMAFormatError(f"kma_sfctm2 {number}번째 줄: 시작·끝 표시 밖에 내용이 있습니다")
            readings.append(_sfctm2_row(line, number))
    if not seen_start:
        raise KMAFormatError("kma_sfctm2 형식이 아닙니다: 시작 표시(#START7777)가 없습니다")
    if inside:
        raise KMAFormatError("kma_sfctm2 파일이 중간에 잘렸습니다: 끝 표시(#7777END)가 없습니다")
    if not readings:
        raise KMANoDataError("kma_sfctm2 응답에 관측 자료가 한 건도 없습니다")
    return readings


def _sfctm2_row(line: str, line_number: int) -> Reading:
    tokens = line.split()
    where = f"kma_sfctm2 {line_number}번째 줄"
    if len(tokens) != _SFCTM2_TOKENS:
        raise KMAFormatError(f"{where}의 항목 수가 {len(tokens)}개입니다 ({_SFCTM2_TOKENS}개여야 합니다)")

    def value(index: int, name: str) -> Decimal | None:
        number = _number(tokens[index], f"{where} {name}")
        # -9, -9.0 and -9.00 mark missing values in every non-temperature column.
        return None if number == -9 else number

    def integer(index: int, name: str) -> int | None:
        return _whole(value(index, name), f"{where} {name}")

    station_id = _whole(_number(tokens[1], f"{where} STN"), f"{where} STN")
    if station_id is None or station_id <= 0:
        raise KMAFormatError(f"{where}의 지점번호가 잘못되었습니다: {tokens[1][:10]!r}")
    rain, rain_flag = value(15, "RN"), integer(44, "IR")
    if rain is None and rain_flag == 3:  # IR 3 = "no precipitation": KMA leaves RN at -9.0
        rain = Decimal("0.0")
    wind_tens = integer(2, "WD")
    visibility_tens = integer(32, "VS")
    return Reading(
        source="sfctm2",
        observed_at=_hour(tokens[0], "%Y%m%d%H%M", where),
        station_id=station_id,
        temperature=_temperature(_number(tokens[11], f"{where} TA")),
        cloud_amount=integer(25, "CA_TOT"),
        weather_code=integer(22, "WC"),
        precipitation=rain,
        humidity=value(13, "HM"),
        wind_speed=value(3, "WS"),
        wind_direction=None if wind_tens is None else wind_tens * 10,
        visibility=None if visibility_tens is None else visibility_tens * 10,
    )


def parse_asos_json(text: str) -> list[Reading]:
    return [_asos_item(item, f"ASOS 시간자료 {n}번째 항목") for n, item in enumerate(_json_items(text), start=1)]


def _asos_item(item: dict[str, Any], where: str) -> Reading:
    def field(name: str) -> Decimal | None:
        return _number(item.get(name), f"{where} {name}")

    def integer(name: str) -> int | None:
        return _whole(field(name), f"{where} {name}")

    station_id = integer("stnId")
    if station_id is None or station_id <= 0:
        raise KMAFormatError(f"{where}에 지점번호(stnId)가 없습니다")
    rain = field("rn")
    visibility_tens = integer("vs")
    return Reading(
        source="asos-json",
        observed_at=_hour(str(item.get("tm", "")), "%Y-%m-%d %H:%M", where),
        station_id=station_id,
        temperature=_temperature(field("ta")),
        cloud_amount=integer("dc10Tca"),
        # An empty rn means it did not rain in that hour, not that the value is missing.
        precipitation=Decimal("0.0") if rain is None else rain,
        humidity=field("hm"),
        wind_speed=field("ws"),
        wind_direction=integer("wd"),
        visibility=None if visibility_tens is None else visibility_tens * 10,
    )


def parse_ncst_json(text: str) -> list[Reading]:
    groups: dict[tuple[int, int, datetime], int | None] = {}
    for number, item in enumerate(_json_items(text), start=1):
        where = f"초단기실황 {number}번째 항목"
        nx = _whole(_number(item.get("nx"), f"{where} nx"), f"{where} nx")
        ny = _whole(_number(item.get("ny"), f"{where} ny"), f"{where} ny")
        if nx is None or ny is None:
            raise KMAFormatError(f"{where}에 격자 좌표(nx, ny)가 없습니다")
        base = f"{item.get('baseDate', '')}{item.get('baseTime', '')}"
        key = (nx, ny, _hour(base, "%Y%m%d%H%M", where))
        groups.setdefault(key, None)
        if item.get("category") == "PTY":
            code = _whole(_number(item.get("obsrValue"), f"{where} PTY"), f"{where} PTY")
            # KMA marks missing nowcast values with anything beyond ±900.
            groups[key] = code if code is not None and -900 < code < 900 else None
    return [
        Reading(source="ncst-json", observed_at=at, grid=(nx, ny), precipitation_type=pty)
        for (nx, ny, at), pty in groups.items()
    ]


# --- words ---------------------------------------------------------------------------------------------------


def sky_word(cloud_amount: int | None) -> str:
    """Classic 4-class observation wording (README §5), which the reference widget uses."""
    if cloud_amount is None or not 0 <= cloud_amount <= 10:
        return ""
    if cloud_amount <= 2:
        return "맑음"
    if cloud_amount <= 5:
        return "구름조금"
    return "구름많음" if cloud_amount <= 8 else "흐림"


# WMO 4677 ranges, inclusive (README §5); codes not listed (00-03, 11-39 …) show the sky word.
_WC_WORDS = (
    (4, 5, "연무"),
    (10, 10, "박무"),
    (40, 49, "안개"),
    (50, 67, "비"),
    (68, 69, "비/눈"),
    (70, 79, "눈"),
    (80, 82, "소나기"),
    (83, 84, "비/눈"),
    (85, 86, "눈"),
    (87, 90, "소나기"),
    (91, 99, "뇌우"),
)
_PTY_WORDS = {1: "비", 2: "비/눈", 3: "눈", 4: "소나기", 5: "빗방울", 6: "빗방울눈날림", 7: "눈날림"}


def phenomenon_word(
    weather_code: int | None,
    precipitation_type: int | None,
    precipitation: Decimal | None,
    visibility: int | None,
) -> str:
    """The word that replaces the sky word, or "" to keep it. A manned observer's WC outranks everything."""
    if weather_code is not None and 0 <= weather_code <= 99:
        return next((word for low, high, word in _WC_WORDS if low <= weather_code <= high), "")
    if precipitation_type in _PTY_WORDS:
        return _PTY_WORDS[precipitation_type]
    if precipitation is not None and precipitation > 0:
        return "비"
    if visibility is not None and 0 <= visibility < 1000:
        return "안개"
    return ""


# --- client --------------------------------------------------------------------------------------------------

_HEADERS = {"User-Agent": "newsroom-weather/1.0"}
_RETRY_STATUSES = frozenset(range(500, 600))
_QUERY = re.compile(r"\?[^\s'\"]*")


class _WithoutQueryStrings(logging.Filter):
    """urllib3 logs the URL it asks (at DEBUG, and when it retries a broken connection), and the key travels in the
    query string: its lines keep the host and path, never the query."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = _QUERY.sub("?…", record.getMessage()), ()
        return True


def _filter_urllib3_logs() -> None:
    # A logger's filter sees only the records made by that very logger, so each urllib3 module's logger gets one.
    for module in ("connectionpool", "poolmanager", "connection", "response", "util.retry", "http2.connection"):
        urllib3_logger = logging.getLogger(f"urllib3.{module}")
        if not any(isinstance(known, _WithoutQueryStrings) for known in urllib3_logger.filters):
            urllib3_logger.addFilter(_WithoutQueryStrings())


_filter_urllib3_logs()


@dataclass
class _Attempts:
    """The attempts at one request: which one is running, since when, and its one Korean log line each."""

    label: str
    total: int
    describe: Callable[[int | None, Exception | None], KMAError]
    number: int = 1
    started: float = field(default_factory=time.monotonic)

    def failed(self, message: str) -> None:
        logger.warning(
            "기상청 %s 실패 (%d/%d회째, %.1f초): %s", self.label, self.number, self.total, self.elapsed(), message
        )

    def succeeded(self, count: int) -> None:
        logger.info(
            "기상청 %s 성공 (%d/%d회째, %.1f초, %d건)", self.label, self.number, self.total, self.elapsed(), count
        )

    def elapsed(self) -> float:
        return time.monotonic() - self.started


class _LoggedRetry(Retry):
    """urllib3's Retry, which also writes the line of each attempt it is about to repeat (urllib3's own lines
    cannot be shown to an operator as they are). urllib3 makes a new Retry per attempt; all share `attempts`."""

    def __init__(self, *args: Any, attempts: _Attempts, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attempts = attempts

    def new(self, **kw: Any) -> Self:
        return super().new(attempts=self.attempts, **kw)

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: urllib3.BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> Self:
        # Raises MaxRetryError once the attempts are spent; the client then writes the last attempt's line.
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        status = response.status if response is not None else None
        self.attempts.failed(f"{self.attempts.describe(status, error)} — 다시 시도합니다")
        self.attempts.number += 1
        self.attempts.started = time.monotonic()
        return retry

    def sleep(self, response: urllib3.BaseHTTPResponse | None = None) -> None:
        super().sleep(response)
        self.attempts.started = time.monotonic()  # the backoff is not part of the next attempt's time


def _pool_manager(url: str) -> urllib3.PoolManager:
    """Straight to KMA, or through the proxy the environment names (https_proxy, no_proxy…), as urllib does."""
    parts = urllib.parse.urlsplit(url)
    proxy = urllib.request.getproxies().get(parts.scheme)
    if not proxy or urllib.request.proxy_bypass(parts.hostname or ""):
        return urllib3.PoolManager(headers=_HEADERS)
    auth = urllib3.util.parse_url(proxy).auth
    proxy_headers = urllib3.make_headers(proxy_basic_auth=auth) if auth else None
    return urllib3.ProxyManager(proxy, headers=_HEADERS, proxy_headers=proxy_headers)


def _innermost(error: BaseException) -> BaseException:
    """The error at the bottom of a chain: urllib3 wraps the socket's own words ("Connection refused") in its own."""
    for _ in range(10):
        inner = error.__cause__ or error.__context__
        if inner is None:
            break
        error = inner
    return error


def _kst_hour(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("관측시각에 시간대 정보가 없습니다 (aware datetime이 필요합니다)")
    return at.astimezone(KST).replace(minute=0, second=0, microsecond=0)


class KMAClient:
    """API Hub kma_sfctm2 over urllib3: timeouts, and retries with a growing pause of refused or broken
    connections, timeouts and 5xx answers; an answer KMA gives (a key error, an error code) is never asked again."""

    def __init__(
        self, *, apihub_key: str, apihub_url: str, timeout: float = 10.0, retries: int = 3, backoff: float = 1.0
    ) -> None:
        self._apihub_key = apihub_key.strip()
        self.apihub_url = apihub_url
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff

    def __repr__(self) -> str:
        return f"<KMAClient timeout={self.timeout} retries={self.retries}>"

    @classmethod
    def from_settings(cls) -> KMAClient:
        from django.conf import settings

        return cls(
            apihub_key=settings.KMA_APIHUB_KEY,
            apihub_url=settings.KMA_APIHUB_URL,
            timeout=settings.KMA_TIMEOUT,
            retries=settings.KMA_RETRIES,
        )

    def fetch_sfctm2(self, at: datetime | None, station_ids: list[int]) -> list[Reading]:
        """All requested stations for one hour in one call; ``at=None`` asks for the latest hour."""
        if not self._apihub_key:
            raise KMAKeyError(
                "KMA_APIHUB_KEY가 설정되지 않았습니다 (API 허브(apihub.kma.go.kr) 인증키를 .env에 넣어 주세요)",
                code="no-key",
            )
        params = {"stn": ":".join(str(int(station)) for station in station_ids) or "0", "help": "0"}
        if at is not None:
            params = {"tm": _kst_hour(at).strftime("%Y%m%d%H00"), **params}
        query = f"{urllib.parse.urlencode(params)}&authKey={urllib.parse.quote(self._apihub_key, safe='')}"
        attempts = _Attempts(
            f"kma_sfctm2 {params.get('tm', '최신')} 지점 {params['stn']}", self.retries + 1, self._describe
        )
        try:
            readings = parse_sfctm2(self._get_text(f"{self.apihub_url}?{query}", attempts))
        except KMAError as error:
            message = self._redact(str(error))
            if isinstance(error, KMAKeyError) and error.code in ("401", "403"):
                message += " — KMA_APIHUB_KEY 값을 확인하세요"
            error.args = (message,)
            attempts.failed(message)
            raise
        attempts.succeeded(len(readings))
        return readings

    def _get_text(self, url: str, attempts: _Attempts) -> str:
        """The decoded body of a 2xx answer, or the KMAError of the last attempt."""
        status, body, failure = self._request(url, attempts)
        if failure is not None:
            raise failure
        if not 200 <= status < 300:
            raise self._status_error(status, body)
        if len(body) > _MAX_BODY:
            raise KMAFormatError(f"기상청 응답이 너무 큽니다 ({_MAX_BODY // 1_000_000} MB 초과)")
        return decode(body)

    def _request(self, url: str, attempts: _Attempts) -> tuple[int, bytes, KMAError | None]:
        """(status, at most _MAX_BODY + 1 bytes of body, None), or (0, b"", the failure). The failure is returned,
        not raised: urllib3's exceptions hold the URL, and the key with it, and one raised inside the `except` that
        caught them would keep them as its context."""
        try:
            pool = _pool_manager(url)
        except (ValueError, HTTPError):
            return 0, b"", KMAError("프록시 설정(https_proxy, http_proxy)이 올바르지 않습니다")
        retry = _LoggedRetry(
            total=self.retries,
            status_forcelist=_RETRY_STATUSES,
            backoff_factor=self.backoff,
            backoff_max=30,
            respect_retry_after_header=False,  # a run never waits longer than the backoff allows
            raise_on_status=False,  # the last 5xx answer comes back, with KMA's message in its body
            attempts=attempts,
        )
        try:
            with pool:
                # A redirect is not followed: the key would go wherever KMA's answer points.
                response = pool.request(
                    "GET",
                    url,
                    retries=retry,
                    timeout=urllib3.Timeout(connect=self.timeout, read=self.timeout),
                    redirect=False,
                    preload_content=False,
                )
                try:
                    # Read with a bound, after urllib3 is done: a failure while the body streams in is not retried.
                    body = response.read(_MAX_BODY + 1)
                finally:
                    response.close()
                return response.status, body, None
        except MaxRetryError as error:
            failure = self._describe(None, error.reason)
            failure.args = (f"{failure} — {attempts.total}회 시도했지만 모두 실패했습니다",)
        except LocationValueError:
            failure = KMAError("KMA_APIHUB_URL 설정이 올바른 http(s) 주소가 아닙니다")
        except (HTTPError, OSError) as error:
            failure = self._describe(None, error)
        return 0, b"", failure

    def _describe(self, status: int | None, error: Exception | None) -> KMAError:
        """The Korean words for what urllib3 retries: an answer with a 5xx status, or a transport error."""
        if status is not None:
            return _apihub_status_error(status, "")
        if isinstance(error, NameResolutionError):
            host = urllib.parse.urlsplit(self.apihub_url).hostname or ""
            return KMAError(f"기상청 서버 주소({host[:100]})를 찾지 못했습니다 — DNS를 확인하세요", retryable=True)
        if isinstance(error, URLLib3TimeoutError) and not isinstance(error, NewConnectionError):
            return KMAError(f"기상청 서버가 {self.timeout:g}초 안에 응답하지 않았습니다", retryable=True)
        if isinstance(error, SSLError):
            return KMAError(
                "기상청 서버와 보안 연결(TLS)을 맺지 못했습니다 — 서버 시각과 인증서를 확인하세요", retryable=True
            )
        detail = self._redact(str(_innermost(error)))[:200] if error is not None else ""
        if isinstance(error, ProtocolError):
            return KMAError(f"기상청 서버와의 연결이 중간에 끊겼습니다 ({detail})", retryable=True)
        return KMAError(f"기상청 서버에 연결하지 못했습니다 ({detail})", retryable=True)

    def _status_error(self, status: int, body: bytes) -> KMAError:
        try:
            text = decode(body[:_MAX_BODY])
        except KMAFormatError:
            text = ""
        if 300 <= status < 400:
            return KMAResponseError(
                f"기상청 API 주소가 다른 곳으로 안내되었습니다 (HTTP {status}) — KMA_APIHUB_URL을 확인하세요",
                code=str(status),
            )
        if status in (401, 403) or status >= 500:
            kma_message = ""
            try:
                result = json.loads(text).get("result", {})
                kma_message = str(result.get("message") or "")
            except (ValueError, AttributeError):
                pass
            error = _apihub_status_error(status, kma_message[:200])
            if status in _RETRY_STATUSES:  # urllib3 hands back a 5xx only once the attempts are spent
                error.args = (f"{error} — {self.retries + 1}회 시도했지만 모두 실패했습니다",)
            return error
        try:
            parse(text)  # a 4xx may still carry the gateway's XML or JSON error envelope
        except KMAResponseError as envelope_error:
            return envelope_error
        except KMAError:
            pass
        return KMAResponseError(f"기상청이 요청을 거부했습니다 (HTTP {status})", code=str(status))

    def _redact(self, message: str) -> str:
        # Backstop: messages are built without URLs, but KMA could echo the key back in its own text.
        key = self._apihub_key
        if key:
            for form in {key, urllib.parse.quote(key, safe=""), urllib.parse.unquote(key)}:
                message = message.replace(form, "***")
        return message

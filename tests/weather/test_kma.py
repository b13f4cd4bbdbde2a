"""weather.kma: the KMA samples parse into readings, bad answers become Korean errors, and the client retries
what may heal, stops on what cannot, and never shows the key."""

import importlib
import json
import logging
import time
from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from weather import kma

from .conftest import ScriptedKMA
from .conftest import read_sample as sample

NOON = datetime(2026, 1, 4, 12, tzinfo=kma.KST)
KEY = "SECRETKEY123"
TEMPERATURES = {98: Decimal("3.2"), 108: Decimal("4.0"), 159: Decimal("9.0"), 184: Decimal("9.2"), 259: Decimal("7.3")}


def by_station(readings: list[kma.Reading]) -> dict[int | None, kma.Reading]:
    return {reading.station_id: reading for reading in readings}


# --- parsing the samples -----------------------------------------------------------------------------------------


def test_sfctm2_sample_gives_five_stations_at_noon_kst():
    readings = by_station(kma.parse(sample("kma_sfctm2_sample.txt")))

    assert list(readings) == [98, 108, 159, 184, 259]
    assert {sid: r.temperature for sid, r in readings.items()} == TEMPERATURES
    assert {sid: r.cloud_amount for sid, r in readings.items()} == {98: 4, 108: 7, 159: 1, 184: 10, 259: 7}
    assert all(r.observed_at == NOON and r.observed_at.tzinfo == kma.KST for r in readings.values())
    assert all(r.source == "sfctm2" and r.weather_code is None for r in readings.values())


def test_sfctm2_sample_turns_markers_and_units_into_plain_values():
    readings = by_station(kma.parse_sfctm2(sample("kma_sfctm2_sample.txt")))

    # RN -9.0 with IR 3 means "it did not rain", not "missing".
    assert {r.precipitation for r in readings.values()} == {Decimal("0.0")}
    assert readings[259].humidity is None  # HM -9.0
    assert readings[108].humidity == Decimal("45.0")
    assert readings[98].wind_direction == 270  # WD 27 is in tens of degrees
    assert readings[98].wind_speed == Decimal("1.6")
    assert readings[98].visibility == 18000  # VS 1800 is in 10 m units


def test_asos_sample_array_gives_six_stations_matching_sfctm2_temperatures():
    readings = by_station(kma.parse(sample("asos_hourly_sample.json")))

    assert list(readings) == [98, 108, 159, 184, 259, 283]
    assert {sid: r.temperature for sid, r in readings.items() if sid in TEMPERATURES} == TEMPERATURES
    assert readings[283].temperature == Decimal("7.6")
    assert readings[259].humidity is None  # hm "" with hmQcflg "9"
    assert readings[98].humidity == Decimal("41")
    assert readings[108].precipitation == Decimal("0.0")  # rn "" means no rain
    assert readings[98].visibility == 18000
    assert readings[108].wind_direction == 290
    assert readings[184].cloud_amount == 10
    assert all(r.observed_at == NOON and r.source == "asos-json" for r in readings.values())


def test_asos_single_envelope_with_item_as_object_parses():
    envelope = json.loads(sample("asos_hourly_sample.json"))[1]
    envelope["response"]["body"]["items"]["item"] = envelope["response"]["body"]["items"]["item"][0]

    [reading] = kma.parse_asos_json(json.dumps(envelope, ensure_ascii=False))

    assert (reading.station_id, reading.temperature) == (108, Decimal("4.0"))


def test_ncst_sample_gives_one_grid_reading_with_only_precipitation_type():
    [reading] = kma.parse(sample("ultra_srt_ncst_sample.json"))

    assert reading.source == "ncst-json"
    assert reading.grid == (60, 127)
    assert reading.station_id is None
    assert reading.precipitation_type == 0
    assert reading.observed_at == NOON
    assert reading.temperature is None  # T1H is a grid value; it must not overwrite a station's temperature


@pytest.mark.parametrize("value", ["999", "-999", "900"])
def test_ncst_pty_beyond_900_is_missing(value):
    text = sample("ultra_srt_ncst_sample.json").replace('"obsrValue":"0"', f'"obsrValue":"{value}"', 1)

    [reading] = kma.parse_ncst_json(text)

    assert reading.precipitation_type is None


def test_detect_format_names_each_sample():
    assert kma.detect_format(sample("kma_sfctm2_sample.txt")) == "sfctm2"
    assert kma.detect_format(sample("asos_hourly_sample.json")) == "asos-json"
    assert kma.detect_format(sample("ultra_srt_ncst_sample.json")) == "ncst-json"


def test_source_fields_keep_ncst_from_touching_station_values():
    assert kma.SOURCE_FIELDS["ncst-json"] == {"precipitation_type"}
    assert "weather_code" in kma.SOURCE_FIELDS["sfctm2"]
    assert "weather_code" not in kma.SOURCE_FIELDS["asos-json"]
    assert set(kma.SOURCE_FIELDS) == set(kma.SOURCES)


# --- sfctm2 markers ----------------------------------------------------------------------------------------------


def sfctm2_with(row_edit) -> str:
    """The sample with its first data row's tokens changed by ``row_edit(tokens)``."""
    lines = sample("kma_sfctm2_sample.txt").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("2026"))
    tokens = lines[index].split()
    row_edit(tokens)
    lines[index] = " ".join(tokens)
    return "\n".join(lines)


def test_minus_nine_in_ta_is_a_real_temperature_but_minus_ninety_nine_is_missing():
    def set_ta(value):
        return lambda tokens: tokens.__setitem__(11, value)

    assert kma.parse_sfctm2(sfctm2_with(set_ta("-9.0")))[0].temperature == Decimal("-9.0")
    assert kma.parse_sfctm2(sfctm2_with(set_ta("-99.0")))[0].temperature is None


def test_rain_flag_four_makes_precipitation_missing_and_real_rain_is_kept():
    def edit(rn, ir):
        def apply(tokens):
            tokens[15], tokens[44] = rn, ir

        return apply

    assert kma.parse_sfctm2(sfctm2_with(edit("-9.0", "4")))[0].precipitation is None
    assert kma.parse_sfctm2(sfctm2_with(edit("1.5", "1")))[0].precipitation == Decimal("1.5")


def test_weather_code_is_read_when_a_station_reports_it():
    reading = kma.parse_sfctm2(sfctm2_with(lambda tokens: tokens.__setitem__(22, "61")))[0]

    assert reading.weather_code == 61
    assert kma.phenomenon_word(reading.weather_code, None, reading.precipitation, reading.visibility) == "비"


# --- words -------------------------------------------------------------------------------------------------------


SKY_WORDS = [
    (0, "맑음"), (2, "맑음"), (3, "구름조금"), (5, "구름조금"), (6, "구름많음"), (8, "구름많음"),
    (9, "흐림"), (10, "흐림"), (None, ""), (-9, ""), (11, ""),
]  # fmt: skip


@pytest.mark.parametrize(("cloud", "word"), SKY_WORDS)
def test_sky_word_follows_the_four_classic_classes(cloud, word):
    assert kma.sky_word(cloud) == word


@pytest.mark.parametrize(
    ("wc", "pty", "rain", "vis", "word"),
    [
        (61, None, None, None, "비"),
        (55, None, None, None, "비"),
        (68, None, None, None, "비/눈"),
        (71, None, None, None, "눈"),
        (80, None, None, None, "소나기"),
        (83, None, None, None, "비/눈"),
        (85, None, None, None, "눈"),
        (89, None, None, None, "소나기"),
        (95, None, None, None, "뇌우"),
        (45, None, None, None, "안개"),
        (10, None, None, None, "박무"),
        (4, None, None, None, "연무"),
        (2, 1, Decimal("3.0"), 500, ""),  # a valid WC decides alone, even "no phenomenon"
        (71, 1, None, None, "눈"),  # WC outranks PTY
        (None, 1, None, None, "비"),
        (None, 2, None, None, "비/눈"),
        (None, 3, None, None, "눈"),
        (None, 4, None, None, "소나기"),
        (None, 5, None, None, "빗방울"),
        (None, 6, None, None, "빗방울눈날림"),
        (None, 7, None, None, "눈날림"),
        (None, 3, Decimal("2.0"), 500, "눈"),  # PTY outranks rain and visibility
        (-9, None, Decimal("0.5"), None, "비"),  # -9 = no WC: fall back to rain
        (None, 0, Decimal("0.5"), None, "비"),
        (None, 0, Decimal("0.0"), 800, "안개"),
        (None, None, None, 999, "안개"),
        (None, None, None, 1000, ""),
        (None, 0, Decimal("0.0"), 20000, ""),
        (None, None, None, None, ""),
    ],
)
def test_phenomenon_word_precedence(wc, pty, rain, vis, word):
    assert kma.phenomenon_word(wc, pty, rain, vis) == word


# --- bad answers -------------------------------------------------------------------------------------------------


def without_end_line(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip() != "#7777END")


def with_missing_token() -> str:
    return sfctm2_with(lambda tokens: tokens.pop(20))


@pytest.mark.parametrize(
    ("make_text", "error", "phrase"),
    [
        (lambda: sample("asos_hourly_error_nodata.json"), kma.KMANoDataError, "자료가 없습니다"),
        (lambda: sample("asos_hourly_error_today.json"), kma.KMAOnlyUntilYesterdayError, "전날 자료까지"),
        (lambda: sample("servicekey_error.xml"), kma.KMAKeyError, "등록되지 않은 서비스 키"),
        (lambda: "", kma.KMAFormatError, "비어 있습니다"),
        (lambda: " \n\t ", kma.KMAFormatError, "비어 있습니다"),
        (lambda: without_end_line(sample("kma_sfctm2_sample.txt")), kma.KMAFormatError, "잘렸습니다"),
        (with_missing_token, kma.KMAFormatError, "5번째 줄의 항목 수가 45개"),
        (lambda: sample("asos_hourly_sample.json")[:500], kma.KMAFormatError, "JSON 응답이 잘렸거나"),
        (lambda: sample("ultra_srt_ncst_sample.json")[:-40], kma.KMAFormatError, "JSON 응답이 잘렸거나"),
        (lambda: "<!DOCTYPE html><html><body>점검 중</body></html>", kma.KMAFormatError, "HTML 페이지가 왔습니다"),
        (lambda: "\n  <HTML><body>Bad Gateway</body></HTML>", kma.KMAFormatError, "HTML 페이지가 왔습니다"),
        (lambda: '{"result":{"status":401,"message":"유효한 인증키가 아닙니다."}}', kma.KMAKeyError, "HTTP 401"),
        (lambda: "<OpenAPI_ServiceResponse><cmmMsg", kma.KMAFormatError, "XML 응답이 잘렸거나"),
        (lambda: "#START7777\n#7777END\n", kma.KMANoDataError, "한 건도 없습니다"),
        (lambda: "Unauthorized", kma.KMAFormatError, "알 수 없는 형식"),
    ],
)
def test_bad_answers_raise_the_right_error_with_a_korean_message(make_text, error, phrase):
    with pytest.raises(error, match=phrase) as raised:
        kma.parse(make_text())

    assert type(raised.value) is error


@pytest.mark.parametrize(
    ("code", "error", "retryable"),
    [
        ("01", kma.KMAResponseError, True),
        ("05", kma.KMAResponseError, True),
        ("21", kma.KMAKeyError, False),
        ("10", kma.KMAResponseError, False),
        ("22", kma.KMAKeyError, False),
        ("30", kma.KMAKeyError, False),
        ("33", kma.KMAKeyError, False),
        ("03", kma.KMANoDataError, False),
    ],
)
def test_result_codes_map_to_error_classes_with_code_and_kma_message(code, error, retryable):
    text = json.dumps({"response": {"header": {"resultCode": code, "resultMsg": "KMA_SAYS_THIS"}}})

    with pytest.raises(kma.KMAError) as raised:
        kma.parse_asos_json(text)

    assert type(raised.value) is error
    assert (raised.value.code, raised.value.retryable) == (code, retryable)
    assert f"오류 {code}" in str(raised.value) and "KMA_SAYS_THIS" in str(raised.value)


def test_sfctm2_row_that_is_not_on_the_hour_is_refused():
    with pytest.raises(kma.KMAFormatError, match="정시가 아닙니다"):
        kma.parse_sfctm2(sfctm2_with(lambda tokens: tokens.__setitem__(0, "202601041230")))


def test_sfctm2_row_with_garbage_number_names_line_and_field():
    with pytest.raises(kma.KMAFormatError, match="5번째 줄 TA 값이 숫자가 아닙니다"):
        kma.parse_sfctm2(sfctm2_with(lambda tokens: tokens.__setitem__(11, "abc")))


def test_asos_empty_items_string_is_no_data():
    text = '{"response":{"header":{"resultCode":"00","resultMsg":"NORMAL_SERVICE"},"body":{"items":""}}}'

    with pytest.raises(kma.KMANoDataError):
        kma.parse_asos_json(text)


def test_unknown_format_name_is_a_programming_error():
    with pytest.raises(ValueError, match="알 수 없는 형식"):
        kma.parse(sample("kma_sfctm2_sample.txt"), fmt="csv")


# --- the client against a local stand-in for KMA -----------------------------------------------------------------


def make_client(server: ScriptedKMA, **options) -> kma.KMAClient:
    # backoff=0: urllib3 never pauses between attempts, so the tests do not wait for real.
    settings = {"apihub_key": KEY, "timeout": 2.0, "retries": 3, "backoff": 0} | options
    return kma.KMAClient(apihub_url=f"{server.base}/api/typ01/url/kma_sfctm2.php", **settings)


@pytest.fixture
def client(scripted_kma) -> kma.KMAClient:
    return make_client(scripted_kma)


def kma_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "weather.kma"]


def chain(error: BaseException | None) -> list[BaseException]:
    """The error and every cause and context hanging on it."""
    found: list[BaseException] = []
    while error is not None and error not in found:
        found.append(error)
        error = error.__cause__ or error.__context__
    return found


def assert_key_hidden(error: BaseException, caplog: pytest.LogCaptureFixture) -> None:
    for link in chain(error):
        assert KEY not in str(link) and KEY not in repr(link.args)
        assert "authKey" not in str(link) and "http://" not in str(link)
    assert kma_lines(caplog), "every attempt should leave a log line"
    for record in caplog.records:  # urllib3's own lines too, at DEBUG
        assert KEY not in record.getMessage() and "authKey" not in record.getMessage()
    assert not any("http://" in line for line in kma_lines(caplog))


@pytest.fixture(autouse=True)
def _capture_every_log(caplog) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: weather.kma and urllib3 alike


def test_sfctm2_fetch_sends_hour_stations_and_key_in_one_call(client, scripted_kma, caplog):
    scripted_kma.responses.append((200, sample("kma_sfctm2_sample.txt")))

    # 03:20 UTC is 12:20 KST: the request names the KST hour.
    readings = client.fetch_sfctm2(datetime(2026, 1, 4, 3, 20, tzinfo=UTC), [98, 108, 159, 184, 259])

    assert [r.station_id for r in readings] == [98, 108, 159, 184, 259]
    [query] = scripted_kma.queries()
    assert query == {"tm": "202601041200", "stn": "98:108:159:184:259", "help": "0", "authKey": KEY}
    assert scripted_kma.paths[0].startswith("/api/typ01/url/kma_sfctm2.php?")
    assert kma_lines(caplog) == [kma_lines(caplog)[0]] and "성공 (1/4회째" in kma_lines(caplog)[0]
    assert KEY not in caplog.text


def test_sfctm2_fetch_without_a_time_asks_for_the_latest_hour(client, scripted_kma):
    scripted_kma.responses.append((200, sample("kma_sfctm2_sample.txt")))

    client.fetch_sfctm2(None, [108])

    assert "tm" not in scripted_kma.queries()[0]
    assert scripted_kma.queries()[0]["stn"] == "108"


def test_sfctm2_fetch_reads_euc_kr_text(client, scripted_kma):
    # help=1 output carries Korean help lines, and API Hub typ01 text is EUC-KR.
    text = sample("kma_sfctm2_sample.txt").replace("#START7777", "#START7777\n# 기온 설명")
    scripted_kma.responses.append((200, text.encode("euc-kr")))

    assert len(client.fetch_sfctm2(NOON, [98])) == 5


def test_an_answer_in_neither_utf8_nor_euc_kr_is_refused_in_korean(client, scripted_kma, caplog):
    scripted_kma.responses.append((200, b"#START7777\n\xff\xfe\n#7777END\n"))

    with pytest.raises(kma.KMAFormatError, match="UTF-8도 EUC-KR도 아닌") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert len(scripted_kma.paths) == 1
    assert_key_hidden(raised.value, caplog)


def test_server_error_then_success_is_retried_with_one_line_per_attempt(client, scripted_kma, caplog):
    scripted_kma.responses += [(500, "Internal Server Error"), (200, sample("kma_sfctm2_sample.txt"))]

    readings = client.fetch_sfctm2(NOON, [98])

    assert len(readings) == 5
    assert len(scripted_kma.paths) == 2
    first, second = kma_lines(caplog)
    assert "실패 (1/4회째" in first and "HTTP 500" in first and "다시 시도합니다" in first
    assert "성공 (2/4회째" in second
    assert KEY not in caplog.text


def test_slow_answers_are_retried_then_fail_with_a_korean_timeout_message(scripted_kma, caplog):
    client = make_client(scripted_kma, timeout=0.2, retries=2)
    scripted_kma.responses += [(200, sample("kma_sfctm2_sample.txt"), 0.6)] * 3

    with pytest.raises(kma.KMAError, match=r"0\.2초 안에 응답하지 않았습니다") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert "3회 시도했지만" in str(raised.value)
    assert raised.value.retryable
    assert len(scripted_kma.paths) == 3
    assert len(kma_lines(caplog)) == 3
    assert_key_hidden(raised.value, caplog)


def test_every_retry_failing_raises_the_last_error_with_the_attempt_count(client, scripted_kma, caplog):
    scripted_kma.responses += [(503, "busy")] * 4

    with pytest.raises(kma.KMAResponseError, match=r"HTTP 503.*4회 시도했지만 모두 실패") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert len(scripted_kma.paths) == 4
    lines = kma_lines(caplog)
    assert [line.split("(")[1].split(",")[0] for line in lines] == ["1/4회째", "2/4회째", "3/4회째", "4/4회째"]
    assert_key_hidden(raised.value, caplog)


def test_the_pause_between_attempts_grows_with_each_failure(scripted_kma, monkeypatch):
    # urllib3 pauses through its retry module's `time.sleep`; record the pauses there instead of taking them.
    pauses: list[float] = []
    retry_module = importlib.import_module("urllib3.util.retry")
    monkeypatch.setattr(retry_module, "time", SimpleNamespace(sleep=pauses.append, time=time.time))
    client = make_client(scripted_kma, backoff=0.5)
    scripted_kma.responses += [(503, "busy")] * 4

    with pytest.raises(kma.KMAResponseError):
        client.fetch_sfctm2(NOON, [98])

    assert pauses == [1.0, 2.0]  # urllib3 retries the first failure at once, then doubles the pause


def test_unauthorized_is_not_retried(client, scripted_kma, caplog):
    # KMA echoing the key back must still not leak it.
    scripted_kma.responses.append(
        (401, json.dumps({"result": {"status": 401, "message": f"유효한 인증키가 아닙니다 {KEY}"}}))
    )

    with pytest.raises(kma.KMAKeyError, match="인증키가 유효하지 않습니다") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert len(scripted_kma.paths) == 1
    assert "***" in str(raised.value)
    assert "KMA_APIHUB_KEY 값을 확인하세요" in str(raised.value)
    assert_key_hidden(raised.value, caplog)


@pytest.mark.parametrize(
    ("status", "body", "error", "words", "code"),
    [
        (
            403,
            '{"result":{"status":403,"message":"허용되지 않은 API 입니다."}}',
            kma.KMAKeyError,
            "허용되지 않은 API",
            "403",
        ),
        (200, "servicekey_error.xml", kma.KMAKeyError, "동기화에 1시간", "30"),
        (
            200,
            '{"result":{"status":500,"message":"일시적인 오류"}}',
            kma.KMAResponseError,
            "HTTP 500: 일시적인 오류",
            "500",
        ),
        (200, "<!doctype html><title>점검</title>", kma.KMAFormatError, "HTML 페이지가 왔습니다", None),
    ],
    ids=["forbidden API", "gateway key error", "error inside a 200 answer", "HTML page"],
)
def test_an_answer_kma_gave_is_reported_without_asking_again(
    client, scripted_kma, caplog, status, body, error, words, code
):
    if body.endswith(".xml"):
        body = sample(body).replace("<errMsg>", f"<errMsg>{KEY} ")
    scripted_kma.responses.append((status, body))

    with pytest.raises(error, match=words) as raised:
        client.fetch_sfctm2(NOON, [98])

    assert getattr(raised.value, "code", None) == code
    assert len(scripted_kma.paths) == 1
    assert_key_hidden(raised.value, caplog)


def test_an_answer_over_the_size_cap_is_refused(client, scripted_kma, caplog):
    scripted_kma.responses.append((200, b"#" * 2_000_001))

    with pytest.raises(kma.KMAFormatError, match="너무 큽니다") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert len(scripted_kma.paths) == 1
    assert_key_hidden(raised.value, caplog)


def test_a_redirect_is_not_followed(client, scripted_kma, caplog):
    scripted_kma.responses += [(302, ""), (200, sample("kma_sfctm2_sample.txt"))]

    with pytest.raises(kma.KMAResponseError, match=r"다른 곳으로 안내되었습니다 \(HTTP 302\)") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert len(scripted_kma.paths) == 1
    assert "KMA_APIHUB_URL" in str(raised.value)
    assert_key_hidden(raised.value, caplog)


def test_refused_connection_is_retried_then_reported_in_korean(scripted_kma, caplog):
    client = make_client(scripted_kma, retries=1)
    client.apihub_url = "http://127.0.0.1:9/kma_sfctm2.php"  # discard port: nothing listens

    with pytest.raises(kma.KMAError, match=r"연결하지 못했습니다 \(.*refused.*\).*2회 시도") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert len(kma_lines(caplog)) == 2
    assert_key_hidden(raised.value, caplog)


def test_urllib3s_own_log_lines_keep_the_path_but_not_the_key(client, scripted_kma, caplog):
    scripted_kma.responses += [(500, "oops"), (200, sample("kma_sfctm2_sample.txt"))]

    client.fetch_sfctm2(NOON, [98])

    urllib3_lines = [record.getMessage() for record in caplog.records if record.name.startswith("urllib3")]
    assert any("/api/typ01/url/kma_sfctm2.php?…" in line for line in urllib3_lines)
    assert all(KEY not in line and "authKey" not in line for line in urllib3_lines)


def test_a_proxy_named_in_the_environment_is_used(scripted_kma, monkeypatch):
    monkeypatch.setenv("http_proxy", scripted_kma.base)  # the stand-in plays the proxy; kma.invalid is never looked up
    client = make_client(scripted_kma)
    client.apihub_url = "http://apihub.kma.invalid/api/typ01/url/kma_sfctm2.php"
    scripted_kma.responses.append((200, sample("kma_sfctm2_sample.txt")))

    assert len(client.fetch_sfctm2(NOON, [98])) == 5
    assert scripted_kma.paths[0].startswith("http://apihub.kma.invalid/api/typ01/url/kma_sfctm2.php?")


def test_missing_key_fails_before_any_request(scripted_kma):
    client = make_client(scripted_kma, apihub_key="")

    with pytest.raises(kma.KMAKeyError, match="KMA_APIHUB_KEY가 설정되지 않았습니다"):
        client.fetch_sfctm2(NOON, [108])

    assert scripted_kma.paths == []


def test_client_from_settings_uses_the_configured_key_and_url(scripted_kma, settings):
    settings.KMA_APIHUB_KEY = KEY
    settings.KMA_APIHUB_URL = f"{scripted_kma.base}/hub/kma_sfctm2.php"
    settings.KMA_RETRIES = 0
    scripted_kma.responses.append((503, "busy"))

    with pytest.raises(kma.KMAResponseError, match="1회 시도"):
        kma.KMAClient.from_settings().fetch_sfctm2(NOON, [108])

    assert scripted_kma.queries()[0]["authKey"] == KEY
    assert scripted_kma.paths[0].startswith("/hub/kma_sfctm2.php?")
    assert KEY not in repr(kma.KMAClient.from_settings())


@pytest.mark.parametrize("url", ["not a url", "ftp://apihub.kma.go.kr/kma_sfctm2.php"])
def test_a_malformed_url_setting_is_an_error_without_the_key(url, caplog):
    client = kma.KMAClient(apihub_key=KEY, apihub_url=url, retries=0)

    with pytest.raises(kma.KMAError, match="KMA_APIHUB_URL 설정이 올바른 http") as raised:
        client.fetch_sfctm2(None, [108])

    assert_key_hidden(raised.value, caplog)


def test_result_code_99_without_the_yesterday_message_is_a_plain_response_error():
    text = '{"response":{"header":{"resultCode":"99","resultMsg":"UNKNOWN_ERROR"}}}'

    with pytest.raises(kma.KMAResponseError, match="알 수 없는 오류") as raised:
        kma.parse_asos_json(text)

    assert type(raised.value) is kma.KMAResponseError


def test_one_empty_station_in_a_batch_does_not_hide_the_others():
    envelopes = json.loads(sample("asos_hourly_sample.json"))[:2]
    envelopes[0] = json.loads(sample("asos_hourly_error_nodata.json"))

    readings = kma.parse_asos_json(json.dumps(envelopes, ensure_ascii=False))

    assert [r.station_id for r in readings] == [108]


@pytest.mark.parametrize(
    ("old", "new", "phrase"),
    [
        ('"ta": "4.0"', '"ta": "1e999999999"', "너무 큽니다"),
        ('"ta": "4.0"', '"ta": "NaN"', "숫자가 아니거나"),
        ('"tm": "2026-01-04 12:00"', '"tm": "2026-1-4 12:00"', "관측시각 형식"),
        ('"tm": "2026-01-04 12:00"', '"tm": "2026-01-04 12:30"', "정시가 아닙니다"),
        ('"stnId": "108"', '"stnId": ""', "지점번호"),
    ],
)
def test_asos_item_with_an_implausible_value_is_refused(old, new, phrase):
    text = json.dumps(json.loads(sample("asos_hourly_sample.json"))[1], ensure_ascii=False, indent=1)
    assert old in text

    with pytest.raises(kma.KMAFormatError, match=phrase):
        kma.parse_asos_json(text.replace(old, new))


# --- what a crafted or damaged answer cannot do ------------------------------------------------------------------


def test_values_are_kept_to_kma_precision_so_reimports_compare_equal():
    text = sample("kma_sfctm2_sample.txt").replace("  -0.8   4.0  -6.9", "  -0.8  4.25  -6.9")

    seoul = by_station(kma.parse(text))[108]

    assert seoul.temperature == Decimal("4.3")


def test_a_vanishingly_small_number_is_zero_not_a_database_error():
    text = sample("kma_sfctm2_sample.txt").replace("  -0.8   4.0  -6.9", "  -0.8 1E-20000 -6.9")

    assert by_station(kma.parse(text))[108].temperature == Decimal("0.0")


def test_out_of_range_codes_reach_the_importer_instead_of_silently_becoming_missing():
    text = sample("kma_sfctm2_sample.txt").replace(
        "-                        7   5   12", "-                       11   5   12"
    )

    assert by_station(kma.parse(text))[108].cloud_amount == 11


def test_two_answers_in_one_file_are_both_read():
    text = sample("kma_sfctm2_sample.txt")

    readings = kma.parse(text + text.replace("202601041200", "202601041300"))

    assert len(readings) == 10


@pytest.mark.parametrize("tail", ["202601041300 108  29  2.8", '{"response": {}}', "<html>점검</html>"])
def test_anything_after_the_end_marker_is_refused_not_dropped(tail):
    with pytest.raises(kma.KMAFormatError, match="밖에 내용이 있습니다"):
        kma.parse(sample("kma_sfctm2_sample.txt") + tail + "\n", "sfctm2")


def test_conflicting_repeats_of_one_station_hour_are_refused_and_exact_repeats_dropped():
    lines = sample("kma_sfctm2_sample.txt").splitlines()
    seoul = next(line for line in lines if line.startswith("202601041200 108"))
    repeated = "\n".join([*lines[:-1], seoul, lines[-1]])
    conflicting = "\n".join([*lines[:-1], seoul.replace("   4.0  -6.9", "  25.0  -6.9"), lines[-1]])

    assert len(kma.parse(repeated)) == 5
    with pytest.raises(kma.KMAFormatError, match="지점 108, 2026-01-04 12시 관측값이 서로 다르게 두 번 있습니다"):
        kma.parse(conflicting)


def test_kma_messages_are_folded_to_one_short_line():
    noise = "줄\n바꿈 " * 10_000
    text = json.dumps({"response": {"header": {"resultCode": "01", "resultMsg": noise}}})

    with pytest.raises(kma.KMAResponseError) as raised:
        kma.parse_asos_json(text)

    assert "\n" not in str(raised.value)
    assert len(str(raised.value)) < 300


def test_xml_with_entity_declarations_is_refused_before_parsing():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>&lol2;</errMsg></cmmMsgHeader></OpenAPI_ServiceResponse>"
    )

    with pytest.raises(kma.KMAFormatError, match="DOCTYPE/ENTITY"):
        kma.parse(bomb)

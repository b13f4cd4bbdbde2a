"""weather.kma: the KMA samples parse into readings, bad answers become Korean errors, and the client retries
what may heal, stops on what cannot, and never shows the key."""

import csv
import json
import logging
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from weather import kma

from .conftest import SAMPLES, ScriptedKMA
from .conftest import read_sample as sample

NOON = datetime(2026, 1, 4, 12, tzinfo=kma.KST)
KEY = "SECRETKEY123"
TEMPERATURES = {98: Decimal("3.2"), 108: Decimal("4.0"), 159: Decimal("9.0"), 184: Decimal("9.2"), 259: Decimal("7.3")}


def by_station(readings: list[kma.Reading]) -> dict[int | None, kma.Reading]:
    return {reading.station_id: reading for reading in readings}


# --- parsing the samples ---------------------------------------------------------------------------------------


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


# --- sfctm2 markers ------------------------------------------------------------------------------------------


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


# --- words and grid --------------------------------------------------------------------------------------------


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


# README §2, computed from stations.csv (108 → 60,127 is KMA's own Seoul point).
README_GRID = {
    98: (61, 134), 105: (93, 132), 108: (60, 127), 133: (67, 101), 143: (90, 91), 152: (102, 85),
    156: (59, 75), 159: (97, 74), 172: (54, 78), 184: (53, 38), 201: (51, 130), 226: (73, 104),
    238: (69, 95), 259: (57, 63), 283: (100, 90), 294: (90, 69),
}  # fmt: skip


def test_latlon_to_grid_reproduces_every_station_grid_point_in_the_readme():
    with (SAMPLES / "stations.csv").open(encoding="utf-8") as file:
        computed = {
            int(row["id"]): kma.latlon_to_grid(float(row["lat"]), float(row["lon"])) for row in csv.DictReader(file)
        }

    assert computed == README_GRID


def test_latlon_outside_the_grid_is_refused():
    with pytest.raises(ValueError, match="격자 범위 밖"):
        kma.latlon_to_grid(51.5, -0.1)


# --- bad answers -----------------------------------------------------------------------------------------------


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


# --- the client against a local stand-in for KMA ------------------------------------------------------------------


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(scripted_kma, sleeps) -> kma.KMAClient:
    return make_client(scripted_kma, sleeps)


def make_client(server: ScriptedKMA, sleeps: list[float], **options) -> kma.KMAClient:
    settings = {"apihub_key": KEY, "data_go_kr_key": KEY, "timeout": 2.0, "retries": 3, "backoff": 0.5} | options
    return kma.KMAClient(
        sleep=sleeps.append,
        apihub_url=f"{server.base}/api/typ01/url/kma_sfctm2.php",
        asos_url=f"{server.base}/1360000/AsosHourlyInfoService/getWthrDataList",
        ncst_url=f"{server.base}/1360000/VilageFcstInfoService_2.0/getUltraSrtNcst",
        **settings,
    )


def assert_key_hidden(error: BaseException, caplog: pytest.LogCaptureFixture) -> None:
    assert KEY not in str(error)
    assert KEY not in repr(error.args)
    assert caplog.records, "every attempt should leave a log line"
    for record in caplog.records:
        assert KEY not in record.getMessage()
        assert "http://" not in record.getMessage()


@pytest.fixture(autouse=True)
def _capture_kma_log(caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="weather.kma")


def test_sfctm2_fetch_sends_hour_stations_and_key_in_one_call(client, scripted_kma, caplog):
    scripted_kma.responses.append((200, sample("kma_sfctm2_sample.txt")))

    # 03:20 UTC is 12:20 KST: the request names the KST hour.
    readings = client.fetch_sfctm2(datetime(2026, 1, 4, 3, 20, tzinfo=UTC), [98, 108, 159, 184, 259])

    assert [r.station_id for r in readings] == [98, 108, 159, 184, 259]
    [query] = scripted_kma.queries()
    assert query == {"tm": "202601041200", "stn": "98:108:159:184:259", "help": "0", "authKey": KEY}
    assert scripted_kma.paths[0].startswith("/api/typ01/url/kma_sfctm2.php?")
    assert "성공" in caplog.text and KEY not in caplog.text


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


def test_server_error_then_success_retries_once_after_backoff(client, scripted_kma, sleeps, caplog):
    scripted_kma.responses += [(500, "Internal Server Error"), (200, sample("kma_sfctm2_sample.txt"))]

    readings = client.fetch_sfctm2(NOON, [98])

    assert len(readings) == 5
    assert len(scripted_kma.paths) == 2
    assert sleeps == [0.5]
    assert "HTTP 500" in caplog.text


def test_slow_answers_are_retried_then_fail_with_a_korean_timeout_message(scripted_kma, sleeps, caplog):
    client = make_client(scripted_kma, sleeps, timeout=0.2, retries=2)
    scripted_kma.responses += [(200, sample("kma_sfctm2_sample.txt"), 0.6)] * 3

    with pytest.raises(kma.KMAError, match=r"0\.2초 안에 응답하지 않았습니다") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert "3회 시도했지만" in str(raised.value)
    assert len(scripted_kma.paths) == 3
    assert sleeps == [0.5, 1.0]
    assert_key_hidden(raised.value, caplog)


def test_every_retry_failing_raises_the_last_error_with_the_attempt_count(client, scripted_kma, sleeps, caplog):
    scripted_kma.responses += [(503, "busy")] * 4

    with pytest.raises(kma.KMAResponseError, match=r"HTTP 503.*4회 시도했지만 모두 실패") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert sleeps == [0.5, 1.0, 2.0]
    assert len(caplog.records) == 4  # one line per attempt
    assert_key_hidden(raised.value, caplog)


def test_unauthorized_is_not_retried(client, scripted_kma, sleeps, caplog):
    # KMA echoing the key back must still not leak it.
    scripted_kma.responses.append(
        (401, json.dumps({"result": {"status": 401, "message": f"유효한 인증키가 아닙니다 {KEY}"}}))
    )

    with pytest.raises(kma.KMAKeyError, match="인증키가 유효하지 않습니다") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert len(scripted_kma.paths) == 1
    assert sleeps == []
    assert "***" in str(raised.value)
    assert_key_hidden(raised.value, caplog)


def test_forbidden_api_is_not_retried(client, scripted_kma, caplog):
    scripted_kma.responses.append((403, '{"result":{"status":403,"message":"허용되지 않은 API 입니다."}}'))

    with pytest.raises(kma.KMAKeyError, match="허용되지 않은 API") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert len(scripted_kma.paths) == 1
    assert_key_hidden(raised.value, caplog)


def test_gateway_key_error_is_not_retried(client, scripted_kma, sleeps, caplog):
    scripted_kma.responses.append((200, sample("servicekey_error.xml").replace("<errMsg>", f"<errMsg>{KEY} ")))

    with pytest.raises(kma.KMAKeyError, match="동기화에 1시간") as raised:
        client.fetch_asos_hourly(108, NOON)

    assert raised.value.code == "30"
    assert len(scripted_kma.paths) == 1
    assert sleeps == []
    assert_key_hidden(raised.value, caplog)


def test_result_code_01_is_retried(client, scripted_kma, sleeps, caplog):
    error = '{"response":{"header":{"resultCode":"01","resultMsg":"APPLICATION_ERROR"}}}'
    scripted_kma.responses += [
        (200, error),
        (200, error),
        (200, json.dumps(json.loads(sample("asos_hourly_sample.json"))[1])),
    ]

    [reading] = client.fetch_asos_hourly(108, NOON)

    assert reading.temperature == Decimal("4.0")
    assert sleeps == [0.5, 1.0]
    assert "APPLICATION_ERROR" in caplog.text


def test_asos_fetch_sends_the_documented_parameters(client, scripted_kma):
    scripted_kma.responses.append((200, json.dumps(json.loads(sample("asos_hourly_sample.json"))[1])))

    client.fetch_asos_hourly(108, NOON)

    assert scripted_kma.queries() == [
        {
            "dataType": "JSON", "dataCd": "ASOS", "dateCd": "HR", "numOfRows": "10", "pageNo": "1",
            "startDt": "20260104", "startHh": "12", "endDt": "20260104", "endHh": "12", "stnIds": "108",
            "serviceKey": KEY,
        }
    ]  # fmt: skip


@pytest.mark.parametrize(("key", "sent"), [("ab+c/d==", "ab%2Bc%2Fd%3D%3D"), ("ab%2Bc%2Fd%3D%3D", "ab%2Bc%2Fd%3D%3D")])
def test_data_go_kr_key_is_encoded_exactly_once(scripted_kma, sleeps, key, sent):
    client = make_client(scripted_kma, sleeps, data_go_kr_key=key)
    scripted_kma.responses.append((200, sample("ultra_srt_ncst_sample.json")))

    client.fetch_ultra_srt_ncst(60, 127, NOON)

    assert scripted_kma.paths[0].endswith(f"&serviceKey={sent}")


def test_asos_today_is_not_retried(client, scripted_kma, sleeps, caplog):
    scripted_kma.responses.append((200, sample("asos_hourly_error_today.json")))

    with pytest.raises(kma.KMAOnlyUntilYesterdayError, match="전날 자료까지") as raised:
        client.fetch_asos_hourly(108, NOON)

    assert len(scripted_kma.paths) == 1
    assert_key_hidden(raised.value, caplog)


def test_ncst_no_data_falls_back_to_the_previous_hour(client, scripted_kma, sleeps):
    scripted_kma.responses += [
        (200, sample("asos_hourly_error_nodata.json")),
        (200, sample("ultra_srt_ncst_sample.json")),
    ]

    [reading] = client.fetch_ultra_srt_ncst(60, 127, datetime(2026, 1, 4, 13, 5, tzinfo=kma.KST))

    first, second = scripted_kma.queries()
    assert (first["base_date"], first["base_time"]) == ("20260104", "1300")
    assert (second["base_date"], second["base_time"]) == ("20260104", "1200")
    assert (first["nx"], first["ny"], first["dataType"]) == ("60", "127", "JSON")
    assert reading.grid == (60, 127)
    assert sleeps == []  # no data is not an outage: no backoff


def test_ncst_fallback_crosses_midnight_and_gives_up_after_one_hour(client, scripted_kma, caplog):
    scripted_kma.responses += [(200, sample("asos_hourly_error_nodata.json"))] * 2

    with pytest.raises(kma.KMANoDataError) as raised:
        client.fetch_ultra_srt_ncst(60, 127, datetime(2026, 1, 4, 0, 30, tzinfo=kma.KST))

    assert [(q["base_date"], q["base_time"]) for q in scripted_kma.queries()] == [
        ("20260104", "0000"),
        ("20260103", "2300"),
    ]
    assert_key_hidden(raised.value, caplog)


def test_html_page_is_not_retried(client, scripted_kma, caplog):
    scripted_kma.responses.append((200, "<!doctype html><title>점검</title>"))

    with pytest.raises(kma.KMAFormatError, match="HTML 페이지가 왔습니다") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert len(scripted_kma.paths) == 1
    assert_key_hidden(raised.value, caplog)


def test_refused_connection_is_retried_then_reported_in_korean(scripted_kma, sleeps, caplog):
    client = make_client(scripted_kma, sleeps, retries=1)
    client.apihub_url = "http://127.0.0.1:9/kma_sfctm2.php"  # discard port: nothing listens

    with pytest.raises(kma.KMAError, match=r"연결하지 못했습니다.*2회 시도") as raised:
        client.fetch_sfctm2(NOON, [98])

    assert sleeps == [0.5]
    assert_key_hidden(raised.value, caplog)


@pytest.mark.parametrize(
    ("fetch", "setting"),
    [
        (lambda c: c.fetch_sfctm2(NOON, [108]), "KMA_APIHUB_KEY가 설정되지 않았습니다"),
        (lambda c: c.fetch_asos_hourly(108, NOON), "KMA_DATA_GO_KR_KEY가 설정되지 않았습니다"),
        (lambda c: c.fetch_ultra_srt_ncst(60, 127, NOON), "KMA_DATA_GO_KR_KEY가 설정되지 않았습니다"),
    ],
    ids=["sfctm2", "asos", "ncst"],
)
def test_missing_key_fails_before_any_request(scripted_kma, sleeps, fetch, setting):
    client = make_client(scripted_kma, sleeps, apihub_key="", data_go_kr_key="")

    with pytest.raises(kma.KMAKeyError, match=setting):
        fetch(client)

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


# --- what a crafted or damaged answer cannot do -------------------------------------------------------------------


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


def test_a_malformed_url_setting_is_an_error_without_the_key(sleeps):
    client = kma.KMAClient(apihub_key=KEY, apihub_url="not a url", sleep=sleeps.append, retries=0)

    with pytest.raises(kma.KMAError) as raised:
        client.fetch_sfctm2(None, [108])

    assert "KMA_*_URL" in str(raised.value)
    assert KEY not in str(raised.value)

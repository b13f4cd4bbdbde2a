"""`import_weather`: saved KMA responses become observations; a bad file changes nothing."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from weather.models import Observation

from .conftest import SAMPLES, read_sample

NOON = datetime(2026, 1, 4, 12, tzinfo=ZoneInfo("Asia/Seoul"))


def import_file(path, *args) -> str:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_weather", str(path), *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def stored() -> dict[int, tuple[str, Decimal | None]]:
    return {o.station_id: (o.weather_word, o.temperature) for o in Observation.objects.filter(observed_at=NOON)}


def snapshot() -> list[tuple]:
    return list(Observation.objects.order_by("station_id", "observed_at").values_list())


@pytest.mark.django_db
def test_sfctm2_sample_stores_temperatures_and_sky_words_from_cloud_amount():
    output = import_file(SAMPLES / "kma_sfctm2_sample.txt")

    assert stored() == {
        98: ("구름조금", Decimal("3.2")),
        108: ("구름많음", Decimal("4.0")),
        159: ("맑음", Decimal("9.0")),
        184: ("흐림", Decimal("9.2")),
        259: ("구름많음", Decimal("7.3")),
    }
    assert "갱신 5건 (새로 5건) · 변동 없음 0건 · 건너뜀 0건" in output


@pytest.mark.django_db
def test_missing_values_are_stored_as_missing_never_as_minus_nine():
    import_file(SAMPLES / "kma_sfctm2_sample.txt")

    gangjin = Observation.objects.get(station_id=259)
    assert gangjin.humidity is None
    assert gangjin.weather_code is None
    assert gangjin.precipitation == Decimal("0.0")  # RN -9.0 with IR 3: no precipitation


@pytest.mark.django_db
def test_asos_json_after_sfctm2_adds_the_missing_station_and_importing_either_again_changes_nothing():
    import_file(SAMPLES / "kma_sfctm2_sample.txt")

    output = import_file(SAMPLES / "asos_hourly_sample.json")

    assert stored()[283] == ("구름조금", Decimal("7.6"))
    assert stored()[108] == ("구름많음", Decimal("4.0"))
    assert "새로 1건" in output
    before = snapshot()
    again_text = import_file(SAMPLES / "kma_sfctm2_sample.txt")
    again_json = import_file(SAMPLES / "asos_hourly_sample.json")
    assert snapshot() == before
    assert "갱신 0건 (새로 0건) · 변동 없음 5건" in again_text
    assert "갱신 0건 (새로 0건) · 변동 없음 6건" in again_json


@pytest.mark.django_db
def test_a_corrected_value_updates_the_row(tmp_path):
    import_file(SAMPLES / "kma_sfctm2_sample.txt")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(read_sample("kma_sfctm2_sample.txt").replace("  -0.8   4.0  -6.9", "  -0.8   4.4  -6.9"))

    output = import_file(corrected)

    assert stored()[108] == ("구름많음", Decimal("4.4"))
    assert Observation.objects.count() == 5
    assert "갱신 1건 (새로 0건) · 변동 없음 4건" in output


@pytest.mark.django_db
def test_a_value_outside_physical_range_skips_that_station_with_a_warning(tmp_path):
    hot = tmp_path / "hot.txt"
    hot.write_text(read_sample("kma_sfctm2_sample.txt").replace("  -0.8   4.0  -6.9", "  -0.8  70.0  -6.9"))

    output = import_file(hot)

    assert 108 not in stored()
    assert len(stored()) == 4
    assert "서울(108) 2026-01-04 12시: 기온 70.0℃는 물리적 범위(-60~60℃)를 벗어납니다" in output
    assert "건너뜀 1건" in output


@pytest.mark.django_db
def test_precipitation_type_from_the_grid_adds_rain_to_a_station_without_touching_its_temperature(tmp_path):
    import_file(SAMPLES / "kma_sfctm2_sample.txt")
    rain = tmp_path / "ncst.json"
    rain.write_text(
        read_sample("ultra_srt_ncst_sample.json").replace(
            '"PTY","nx":60,"ny":127,"obsrValue":"0"', '"PTY","nx":60,"ny":127,"obsrValue":"1"'
        )
    )

    import_file(rain)

    seoul = Observation.objects.get(station_id=108)
    assert (seoul.weather_word, seoul.temperature, seoul.sky) == ("비", Decimal("4.0"), "구름많음")


ERROR_CASES = {
    "asos_hourly_error_nodata.json": "자료가 없습니다",
    "asos_hourly_error_today.json": "전날 자료까지",
    "servicekey_error.xml": "등록되지 않은 서비스 키",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "phrase"), ERROR_CASES.items())
def test_each_error_sample_fails_with_its_own_message_and_changes_no_row(name, phrase):
    import_file(SAMPLES / "kma_sfctm2_sample.txt")
    before = snapshot()

    with pytest.raises(CommandError, match=phrase) as failure:
        import_file(SAMPLES / name)

    assert "저장한 관측값은 없습니다" in str(failure.value)
    assert snapshot() == before


BAD_FILES = {
    "empty": ("", "비어"),
    "truncated sfctm2": (None, "잘렸"),
    "truncated json": ('{"response":{"header":{"resultCode":"00"', "JSON"),
    "html page": ("<!DOCTYPE html><html><body>점검 중</body></html>", "HTML"),
    "binary": ("\x00\x01\x02garbage", "알 수 없는 형식"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_FILES)
def test_malformed_files_fail_clearly_and_leave_stored_observations_as_they_were(tmp_path, case):
    import_file(SAMPLES / "kma_sfctm2_sample.txt")
    before = snapshot()
    text, phrase = BAD_FILES[case]
    if text is None:  # the sample cut off before its last rows and the end marker
        text = "\n".join(read_sample("kma_sfctm2_sample.txt").splitlines()[:6])
    bad = tmp_path / "bad.txt"
    bad.write_text(text)

    with pytest.raises(CommandError, match=phrase):
        import_file(bad)

    assert snapshot() == before


@pytest.mark.django_db
def test_a_file_with_one_broken_row_stores_none_of_its_good_rows(tmp_path):
    lines = read_sample("kma_sfctm2_sample.txt").splitlines()
    lines[5] = lines[5][:40]  # the 108 row, cut mid-line
    broken = tmp_path / "broken.txt"
    broken.write_text("\n".join(lines))

    with pytest.raises(CommandError):
        import_file(broken)

    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="파일을 열 수 없습니다"):
        import_file(tmp_path / "nope.txt")


@pytest.mark.django_db
def test_stations_outside_the_strip_are_skipped_with_a_warning(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(read_sample("kma_sfctm2_sample.txt").replace("202601041200 108", "202601041200 119"))

    output = import_file(other)

    assert "등록되지 않은 지점이라 건너뜀: 지점 119" in output
    assert len(stored()) == 4


@pytest.mark.django_db
def test_readings_stamped_in_the_future_are_skipped(tmp_path):
    future = tmp_path / "future.txt"
    future.write_text(read_sample("kma_sfctm2_sample.txt").replace("202601041200", "299901041200"))

    output = import_file(future)

    assert not Observation.objects.exists()
    assert "아직 오지 않은 관측 시각입니다" in output
    assert "건너뜀 5건" in output


@pytest.mark.django_db
def test_an_hour_that_has_not_come_yet_is_skipped(tmp_path):
    import time_machine

    with time_machine.travel(datetime(2026, 1, 4, 11, 50, tzinfo=ZoneInfo("Asia/Seoul")), tick=False):
        output = import_file(SAMPLES / "kma_sfctm2_sample.txt")  # the 12:00 readings, ten minutes early

    assert not Observation.objects.exists()
    assert "건너뜀 5건" in output


@pytest.mark.django_db
def test_an_out_of_range_cloud_amount_skips_the_station_and_keeps_its_stored_reading(tmp_path):
    import_file(SAMPLES / "kma_sfctm2_sample.txt")
    odd = tmp_path / "odd.txt"
    odd.write_text(
        read_sample("kma_sfctm2_sample.txt").replace(
            "-                        7   5   12", "-                       11   5   12"
        )
    )

    output = import_file(odd)

    assert "서울(108) 2026-01-04 12시: 전운량 11할는 물리적 범위(0~10할)를 벗어납니다" in output
    assert Observation.objects.get(station_id=108).cloud_amount == 7


@pytest.mark.django_db
def test_a_later_answer_missing_a_value_does_not_erase_the_stored_one(tmp_path):
    import_file(SAMPLES / "kma_sfctm2_sample.txt")
    blank = tmp_path / "blank.json"
    blank.write_text(read_sample("asos_hourly_sample.json").replace('"ta": "4.0"', '"ta": ""'))

    import_file(blank)

    assert stored()[108] == ("구름많음", Decimal("4.0"))


@pytest.mark.django_db
def test_a_database_failure_midway_stores_nothing(monkeypatch):
    from django.db import DatabaseError

    original, calls = Observation.save, []

    def failing_save(self, *args, **kwargs):
        calls.append(self.station_id)
        if len(calls) == 3:
            raise DatabaseError("disk full")
        original(self, *args, **kwargs)

    monkeypatch.setattr(Observation, "save", failing_save)

    with pytest.raises(DatabaseError):
        import_file(SAMPLES / "kma_sfctm2_sample.txt")

    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_a_file_over_twenty_megabytes_is_refused_before_it_is_read_whole(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(21 * 1024 * 1024)

    with pytest.raises(CommandError, match="파일이 너무 큽니다"):
        import_file(huge)


@pytest.mark.django_db
def test_a_file_saved_in_euc_kr_or_with_a_bom_is_read_like_utf8(tmp_path):
    # API Hub text with help=1 is EUC-KR; an editor on Windows may save UTF-8 with a BOM.
    text = read_sample("kma_sfctm2_sample.txt").replace("#START7777", "#START7777\n# 기온 설명")
    euc_kr, with_bom = tmp_path / "euc-kr.txt", tmp_path / "bom.txt"
    euc_kr.write_bytes(text.encode("euc-kr"))
    with_bom.write_bytes(text.encode("utf-8-sig"))

    first = import_file(euc_kr)
    second = import_file(with_bom)

    assert "갱신 5건 (새로 5건)" in first
    assert "변동 없음 5건" in second


@pytest.mark.django_db
def test_a_file_in_neither_utf8_nor_euc_kr_is_refused_in_korean(tmp_path):
    garbled = tmp_path / "garbled.txt"
    garbled.write_bytes(read_sample("kma_sfctm2_sample.txt").encode("utf-8") + b"# \xff\xfe\n")

    with pytest.raises(CommandError) as failure:
        import_file(garbled)

    assert str(failure.value) == (
        "garbled.txt: 기상청 자료를 읽을 수 없습니다: UTF-8도 EUC-KR도 아닌 글자가 있습니다. 저장한 관측값은 없습니다."
    )
    assert not Observation.objects.exists()

"""Editors order and hide stations; observations are read-only; a saved KMA file can be uploaded."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile

from weather.models import Observation, Station

from .conftest import read_sample


def staff(*codenames: str) -> User:
    user = User.objects.create_user(f"staff-{len(codenames)}", password="pw-for-tests-only", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="weather", codename__in=codenames))
    return user


@pytest.fixture
def weather_editor(db):
    return staff("view_station", "change_station", "view_observation", "import_observation")


def upload(client, name: str, text: str, fmt: str = "auto"):
    file = SimpleUploadedFile(name, text.encode("utf-8"))
    return client.post("/admin/weather/observation/import/", {"file": file, "format": fmt}, follow=True)


def test_the_sixteen_stations_come_with_the_database_in_the_model_pages_order(db):
    names = list(Station.objects.values_list("name", flat=True))

    assert names == [
        "동두천", "강릉", "서울", "대전", "대구", "울산", "광주", "부산",
        "고창", "제주", "강화", "보은", "금산", "강진군", "경주시", "거제",
    ]  # fmt: skip
    assert Station.objects.get(name="고창").id == 172


# The 5 km grid point of each station, as in the KMA spec (../shared/kma/README.md §2): a 초단기실황 file names
# grid points, and these are what match its readings to stations.
KMA_GRID = {
    98: (61, 134), 105: (93, 132), 108: (60, 127), 133: (67, 101), 143: (90, 91), 152: (102, 85),
    156: (59, 75), 159: (97, 74), 172: (54, 78), 184: (53, 38), 201: (51, 130), 226: (73, 104),
    238: (69, 95), 259: (57, 63), 283: (100, 90), 294: (90, 69),
}  # fmt: skip


def test_each_station_carries_the_grid_point_kma_gives_for_it(db):
    assert {station.id: (station.nx, station.ny) for station in Station.objects.all()} == KMA_GRID


def test_an_editor_reorders_and_hides_stations_from_the_list(client, weather_editor):
    client.force_login(weather_editor)
    stations = list(Station.objects.all())
    form = {"form-TOTAL_FORMS": len(stations), "form-INITIAL_FORMS": len(stations), "_save": "저장"}
    for i, station in enumerate(stations):
        form[f"form-{i}-id"] = station.id
        form[f"form-{i}-display_order"] = 99 if station.id == 98 else station.display_order
        if station.id != 105:
            form[f"form-{i}-is_active"] = "on"

    response = client.post("/admin/weather/station/", form)

    assert response.status_code == 302
    assert Station.objects.get(id=98).display_order == 99
    assert not Station.objects.get(id=105).is_active


def test_observations_can_be_read_but_not_added_or_changed(client, weather_editor):
    client.force_login(weather_editor)
    upload(client, "sfctm2.txt", read_sample("kma_sfctm2_sample.txt"))
    seoul = Observation.objects.get(station_id=108)

    listing = client.get("/admin/weather/observation/", {"station__id__exact": 108})
    add = client.get("/admin/weather/observation/add/")
    change = client.post(f"/admin/weather/observation/{seoul.pk}/change/", {"temperature": "30.0"})

    assert [o.station.name for o in listing.context["cl"].result_list] == ["서울"]
    assert "구름많음" in listing.text
    assert add.status_code == 403
    assert change.status_code == 403
    seoul.refresh_from_db()
    assert str(seoul.temperature) == "4.0"


def test_uploading_a_saved_response_imports_it_like_the_command(client, weather_editor):
    client.force_login(weather_editor)

    response = upload(client, "asos.json", read_sample("asos_hourly_sample.json"))

    assert "갱신 6건 (새로 6건)" in response.text
    assert Observation.objects.count() == 6


def test_uploading_an_euc_kr_file_reads_its_korean_help_lines(client, weather_editor):
    client.force_login(weather_editor)
    text = read_sample("kma_sfctm2_sample.txt").replace("#START7777", "#START7777\n# 기온 설명")
    file = SimpleUploadedFile("sfctm2.txt", text.encode("euc-kr"))

    response = client.post("/admin/weather/observation/import/", {"file": file, "format": "auto"}, follow=True)

    assert "갱신 5건 (새로 5건)" in response.text
    assert Observation.objects.count() == 5


def test_uploading_an_error_response_shows_why_and_saves_nothing(client, weather_editor):
    client.force_login(weather_editor)

    response = upload(client, "key.xml", read_sample("servicekey_error.xml"))

    assert response.status_code == 200
    assert "등록되지 않은 서비스 키" in response.text
    assert "저장한 관측값은 없습니다" in response.text
    assert not Observation.objects.exists()


def test_uploading_needs_the_import_permission(client, db):
    client.force_login(staff("view_observation"))

    response = upload(client, "sfctm2.txt", read_sample("kma_sfctm2_sample.txt"))

    assert response.status_code == 403
    assert not Observation.objects.exists()

"""`fetch_weather` against a stand-in KMA on 127.0.0.1; the real one is never reached from tests."""

import socket
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_socket import SocketConnectBlockedError

from weather import kma
from weather.models import Observation, Station

from .conftest import read_sample

KEY = "SECRETKEY123"


@pytest.fixture
def kma_settings(settings, scripted_kma):
    settings.KMA_APIHUB_KEY = KEY
    settings.KMA_APIHUB_URL = f"{scripted_kma.base}/api/typ01/url/kma_sfctm2.php"
    settings.KMA_RETRIES = 0
    return settings


def fetch(*args) -> str:
    out = StringIO()
    call_command("fetch_weather", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.mark.django_db
def test_fetch_asks_for_every_shown_station_in_one_call_and_stores_the_readings(kma_settings, scripted_kma):
    Station.objects.filter(id=294).update(is_active=False)
    scripted_kma.responses.append((200, read_sample("kma_sfctm2_sample.txt")))

    output = fetch("--at", "2026010412")

    [query] = scripted_kma.queries()
    assert query["tm"] == "202601041200"
    assert query["stn"].split(":") == [str(n) for n in Station.objects.active().values_list("id", flat=True)]
    assert "294" not in query["stn"].split(":")
    assert Observation.objects.count() == 5
    assert "갱신 5건 (새로 5건)" in output


@pytest.mark.django_db
def test_a_rejected_key_fails_in_one_line_without_showing_the_key_and_stores_nothing(kma_settings, scripted_kma):
    scripted_kma.responses.append((401, '{"result":{"status":401,"message":"유효한 인증키가 아닙니다."}}'))

    with pytest.raises(CommandError) as failure:
        fetch()

    message = str(failure.value)
    assert message.startswith("기상청 관측값을 받지 못했습니다:")
    assert "\n" not in message
    assert KEY not in message
    cause = failure.value.__cause__  # what a traceback would show under the command's error
    assert isinstance(cause, kma.KMAKeyError) and KEY not in str(cause)
    assert cause.__cause__ is None and cause.__context__ is None
    assert len(scripted_kma.paths) == 1
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_without_a_key_nothing_is_requested(kma_settings, scripted_kma):
    kma_settings.KMA_APIHUB_KEY = ""

    with pytest.raises(CommandError, match="KMA_APIHUB_KEY가 설정되지 않았습니다"):
        fetch()

    assert scripted_kma.paths == []


@pytest.mark.django_db
def test_an_hour_in_the_future_is_refused(kma_settings, scripted_kma):
    with pytest.raises(CommandError, match="아직 오지 않은 시각입니다"):
        fetch("--at", "2999010100")

    assert scripted_kma.paths == []


def test_tests_cannot_open_connections_beyond_this_machine():
    # 0.0.0.1 is never routed anywhere, so even a broken guard sends nothing out.
    with pytest.raises(SocketConnectBlockedError), socket.socket() as sock:
        sock.connect(("0.0.0.1", 80))


@pytest.mark.django_db
def test_stations_missing_from_kmas_answer_are_named_in_a_warning(kma_settings, scripted_kma):
    scripted_kma.responses.append((200, read_sample("kma_sfctm2_sample.txt")))

    output = fetch("--at", "2026010412")

    assert "기상청 응답에 없는 지점: 105, 133, 143, 152, 156, 172, 201, 226, 238, 283, 294" in output
    assert "건너뜀 11건" in output

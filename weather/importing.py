"""Reading a saved KMA response from a file, for `import_weather` and the admin upload."""

from pathlib import Path

from . import kma
from .models import StoreResult, store_readings

MAX_FILE_BYTES = 20 * 1024 * 1024
FORMATS = ("auto", "sfctm2", "asos-json", "ncst-json")


def decode(data: bytes) -> str:
    """KMA's text services answer in UTF-8 or, with help text, EUC-KR. (The size is checked where bytes come in:
    `read_file` for the command, the upload form for the admin.)"""
    for encoding in ("utf-8-sig", "euc-kr"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise kma.KMAFormatError("파일을 읽을 수 없습니다: UTF-8도 EUC-KR도 아닌 파일입니다.")


def read_file(path: Path) -> bytes:
    """The file's bytes, refusing one too large before reading it whole."""
    with path.open("rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise kma.KMAFormatError("파일이 너무 큽니다: 관측 자료 파일은 20MB 이하입니다.")
    return data


def import_bytes(data: bytes, fmt: str = "auto") -> StoreResult:
    """Parse the whole file first, then store it in one transaction: a bad file changes nothing."""
    return store_readings(kma.parse(decode(data), fmt))

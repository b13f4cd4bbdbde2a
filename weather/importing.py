"""Reading a saved KMA response from a file, for `import_weather` and the admin upload."""

from pathlib import Path

from . import kma
from .models import StoreResult, store_readings

MAX_FILE_BYTES = 20 * 1024 * 1024
FORMATS = ("auto", "sfctm2", "asos-json", "ncst-json")


def read_file(path: Path) -> bytes:
    """The file's bytes, refusing one too large before reading it whole."""
    with path.open("rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise kma.KMAFormatError("파일이 너무 큽니다: 관측 자료 파일은 20MB 이하입니다")
    return data


def import_bytes(data: bytes, fmt: str = "auto") -> StoreResult:
    """Parse the whole file first, then store it in one transaction: a bad file changes nothing. (The size is
    checked where bytes come in: `read_file` for the command, the upload form for the admin.)"""
    return store_readings(kma.parse(kma.decode(data), fmt))

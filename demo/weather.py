"""The demo paper's weather: the model page's 16 readings, stamped at the latest full hour so they show as fresh.

Sample data: the strip shows these until `fetch_weather` runs with a KMA key (docs/weather.md).
"""

import dataclasses
from datetime import datetime
from pathlib import Path

from django.utils import timezone

from weather import kma
from weather.models import StoreResult, store_readings

DEMO_FILE = Path(__file__).parent / "samples" / "kma_sfctm2_20260104_1200.txt"


def load_demo_weather(now: datetime | None = None) -> StoreResult:
    hour = timezone.localtime(now or timezone.now()).replace(minute=0, second=0, microsecond=0)
    readings = kma.parse(DEMO_FILE.read_text(encoding="utf-8"), "sfctm2")
    return store_readings(dataclasses.replace(reading, observed_at=hour) for reading in readings)

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

KOREAN_WEEKDAYS = "월화수목금토일"


def korean_date_line(day) -> str:
    """The masthead's date line, e.g. `2026.01.04 (일)`."""
    return f"{day:%Y.%m.%d} ({KOREAN_WEEKDAYS[day.weekday()]})"


def site(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "today_line": korean_date_line(timezone.localdate()),
    }

"""The weather strip's job: the hourly KMA fetch (`fetch_weather` as a Celery job, sent by beat at 10 past).

KMA down, slow or unreachable: the job tries again KMA_JOB_RETRIES times, after KMA_JOB_RETRY_BACKOFF seconds,
then twice, four times as long (with jitter), and is recorded as failed in the admin (작업 결과) if KMA never
answers. An answer KMA gives (a rejected key, a quota, a malformed answer) is not asked again: it fails at once.
The key is read from the settings by the worker: it is never an argument, a result or a word of a log line.
"""

import logging
from datetime import datetime

from celery import shared_task
from django.conf import settings

from . import kma
from .fetching import NoStationsShown
from .fetching import fetch_observations as fetch

logger = logging.getLogger(__name__)


class KMAUnavailable(Exception):
    """KMA could not be reached or answered with a server error: asking again later may help."""


class KMAFailed(Exception):
    """KMA refused (the key, a quota) or sent what cannot be read: asking again cannot help."""


@shared_task(
    name="weather.fetch_observations",
    ignore_result=False,  # each hour's summary is worth reading in the admin
    autoretry_for=(KMAUnavailable,),
    max_retries=settings.KMA_JOB_RETRIES,
    retry_backoff=settings.KMA_JOB_RETRY_BACKOFF,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    acks_late=True,  # storing an hour again changes nothing, so a job lost with its worker is simply run again
    soft_time_limit=240,
    time_limit=300,
)
def fetch_observations(at: str | None = None) -> str:
    """Fetch and store the readings of hour `at` (YYYYMMDDHH, Korean time; None: the latest); the summary line."""
    hour = datetime.strptime(at, "%Y%m%d%H").replace(tzinfo=kma.KST) if at else None
    try:
        result = fetch(hour)
    except NoStationsShown as error:
        logger.info("날씨 작업 건너뜀: %s", error)
        return str(error)
    except kma.KMAError as error:
        # A new exception of one plain line, without the client's as its context: what Celery logs and stores.
        message = f"기상청 관측값을 받지 못했습니다: {error}"
        if error.retryable:
            logger.warning("%s (나중에 다시 시도합니다)", message)
            raise KMAUnavailable(message) from None
        logger.error("%s", message)
        raise KMAFailed(message) from None
    for warning in result.warnings:
        logger.warning("날씨: %s", warning)
    logger.info("날씨: %s", result)
    return str(result)

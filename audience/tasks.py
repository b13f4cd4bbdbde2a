"""The readers' job: rank 많이 본 뉴스 again, sent by beat every RANKING_CACHE_SECONDS, so that readers never wait."""

from celery import shared_task
from django.conf import settings

from .popular import WINDOWS, rank


@shared_task(
    name="audience.rank_most_viewed",
    acks_late=True,  # ranking twice changes nothing
    soft_time_limit=max(30, settings.RANKING_CACHE_SECONDS - 30),
    time_limit=max(60, settings.RANKING_CACHE_SECONDS),
)
def rank_most_viewed() -> dict[str, int]:
    """Rank the last 24 hours and the last 7 days into the cache; how many articles each ranking holds."""
    return {f"{hours}h": len(rank(hours)) for hours in WINDOWS}

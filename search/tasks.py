"""The search index's job: rebuild it whole (`rebuild_search_index --background`, or queued from code).

A single article is not re-indexed by a job: its entry is written in the transaction that saves it (signals.py), so a
search finds an edit, a release or a withdrawal the moment it is committed, on every server, with or without a worker,
and an entry can never disagree with its article. On PostgreSQL its terms go to each GIN index's list of pending
entries, which a search reads too; beat's job merges that list into the index every minute (flush_pending), so that
it stays short and no save pays for merging it.
"""

import logging

from celery import shared_task

from .models import flush_pending_entries, rebuild_index

logger = logging.getLogger(__name__)


@shared_task(
    name="search.rebuild_index",
    ignore_result=False,
    acks_late=True,  # indexing again changes nothing: a rebuild lost with its worker is run again
    soft_time_limit=3 * 3600,  # a million articles take minutes, not hours
    time_limit=3 * 3600 + 300,
)
def rebuild_search_index() -> str:
    """Index every article again; the summary line."""
    count = rebuild_index()
    logger.info("검색 색인: 기사 %d건을 다시 색인했습니다.", count)
    return f"검색 색인: 기사 {count:,}건을 다시 색인했습니다."


@shared_task(
    name="search.flush_pending",
    acks_late=True,  # merging twice changes nothing
    soft_time_limit=50,
    time_limit=60,
)
def flush_pending() -> int:
    """Merge the GIN indexes' pending entries into them (PostgreSQL); how many pages of them there were."""
    return flush_pending_entries()

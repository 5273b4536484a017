"""Background work for the search index, run through django-tasks.

In development and tests the backend is django-tasks' ``ImmediateBackend``: the
task runs at once, in the process that enqueued it, so incremental updates work
with no worker running. Production (settings.production) queues them in the
database for ``manage.py db_worker``.

An incremental update must never break the request of the supplier or reviewer
who caused it. If the engine cannot be reached the listings are recorded as
pending (``PendingEngineUpdate``, counted on the admin dashboard) and, where the
backend can defer work, the task is queued again with a growing delay. Any later
successful refresh repairs what is pending, and ``rebuild_search_index`` covers
everything. Refreshing a document is idempotent, so running twice is harmless.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .engine_client import EngineUnavailable
from .engine_index import engine_listings_refresh, engine_updates_failed, engine_updates_repair
from .executor import ENGINES

logger = logging.getLogger(__name__)

# 30 s, 2 min, 8 min, 32 min: long enough for a node to restart or a cluster to
# elect a new manager, short enough that a buyer rarely meets a stale result.
RETRY_FIRST_DELAY = timedelta(seconds=30)
RETRY_ATTEMPTS = 5


def retry_delay(attempt: int) -> timedelta:
    """How long to wait before attempt ``attempt + 1``, after ``attempt`` failed."""
    return RETRY_FIRST_DELAY * 4 ** (attempt - 1)


@task()
def engine_listings_refresh_task(listing_ids: list[int], attempt: int = 1) -> dict[str, int]:
    """Refresh these listings' engine documents; returns how many had each outcome."""
    if settings.SEARCH_ENGINE not in ENGINES:
        return {"skipped": len(listing_ids)}  # the database table is refreshed on its own
    try:
        outcome = engine_listings_refresh(listing_ids=listing_ids)
        repaired = engine_updates_repair(done=listing_ids)
    except EngineUnavailable as error:
        shown = ", ".join(map(str, listing_ids))
        logger.warning("Search index not updated for listing %s: %s", shown, error)
        engine_updates_failed(listing_ids=listing_ids, error=str(error))
        _retry_later(listing_ids, attempt)
        return {"failed": len(listing_ids)}
    return {**outcome, "repaired": repaired} if repaired else outcome


def _retry_later(listing_ids: list[int], attempt: int) -> None:
    if attempt >= RETRY_ATTEMPTS:
        return  # still pending: the next successful refresh or a rebuild repairs it
    queued = engine_listings_refresh_task
    if not queued.get_backend().supports_defer:
        return  # the immediate backend cannot wait; the failure stays pending
    run_after = timezone.now() + retry_delay(attempt)
    try:
        queued.using(run_after=run_after).enqueue(listing_ids=listing_ids, attempt=attempt + 1)
    except Exception:
        logger.exception("Could not queue a retry of the search update for %s", listing_ids)

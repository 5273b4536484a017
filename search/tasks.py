"""Background work for the search index, run through django-tasks.

The default backend (``TASKS_BACKEND``, see settings) is django-tasks'
``ImmediateBackend``: the task runs at once, in the process that enqueued it,
so incremental updates work with no worker running. A deployment with a worker
sets ``TASKS_BACKEND`` to a queueing backend and nothing here changes.

An incremental update must never break the request of the supplier or reviewer
who caused it: if the engine cannot be reached we log and move on, and the next
``rebuild_search_index`` (nightly, or by hand) puts the index right.
"""

import logging

from django.conf import settings
from django_tasks import task

from .engine_client import EngineUnavailable
from .executor import ENGINES

logger = logging.getLogger(__name__)


@task()
def engine_listings_refresh_task(listing_ids: list[int]) -> dict[str, int]:
    """Refresh these listings' engine documents; returns how many had each outcome."""
    if settings.SEARCH_ENGINE not in ENGINES:
        return {"skipped": len(listing_ids)}  # the database table is refreshed on its own
    from .engine_index import engine_listing_refresh

    done: dict[str, int] = {}
    for position, listing_id in enumerate(listing_ids):
        try:
            outcome = engine_listing_refresh(listing_id=listing_id)
        except EngineUnavailable as error:
            left = listing_ids[position:]
            logger.warning("Search index not updated for listing %s: %s", listing_id, error)
            if error.engine_down:  # no use waiting on a node that is down for each of the rest
                if len(left) > 1:
                    logger.warning("Search index not updated for listings %s", left[1:])
                done["failed"] = done.get("failed", 0) + len(left)
                break
            outcome = "failed"
        done[outcome] = done.get(outcome, 0) + 1
    return done

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
    from .engine_index import engine_listings_refresh

    try:
        return engine_listings_refresh(listing_ids=listing_ids)
    except EngineUnavailable as error:
        shown = ", ".join(map(str, listing_ids))
        logger.warning("Search index not updated for listing %s: %s", shown, error)
        return {"failed": len(listing_ids)}

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
def search_listing_refresh_task(listing_id: int) -> str:
    if settings.SEARCH_ENGINE not in ENGINES:
        return "skipped"  # the database executor keeps its own table (search/services.py)
    from .engine_index import search_listing_refresh

    try:
        return search_listing_refresh(listing_id=listing_id)
    except EngineUnavailable as error:
        logger.warning("Search index not updated for listing %s: %s", listing_id, error)
        return "failed"


def on_listing_visibility_changed(sender, *, listing_id: int, **kwargs) -> None:
    """Receiver of ``listings.signals.listing_visibility_changed`` (sent on commit)."""
    try:
        search_listing_refresh_task.enqueue(listing_id=listing_id)
    except Exception:  # a broken queue must not turn an approval into an error page
        logger.exception("Could not queue the search update for listing %s", listing_id)

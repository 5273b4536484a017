"""Keeping both search stores in step with what their documents are built from.

A listing's document carries its own version's words and also its supplier
(name, size, VCSE, head office, accreditations, apprenticeships), its lot and
framework, and its categories' names. Whatever changes any of them calls
``listing_documents_refresh`` (search/signal_handlers.py connects the signals),
which refreshes the database executor's table (database_index.py) at once and
the engine index (engine_index.py) through a task.
"""

import logging
from collections.abc import Iterable

from marketplace.core.services import audit_record

from .database_index import database_listings_refresh, search_entries_rebuild, search_entry_refresh
from .models import BuyerPhrase
from .tasks import engine_listings_refresh_task

logger = logging.getLogger(__name__)

__all__ = [
    "buyer_phrase_record",
    "listing_documents_refresh",
    "search_entries_rebuild",
    "search_entry_refresh",
]


def listing_documents_refresh(*, listing_ids: Iterable[int]) -> None:
    """Rewrite these listings' documents in both stores: kept if public, removed if not.

    Called after the change has committed, so a failure here must not turn that
    success into an error page: it is logged, and the next refresh or rebuild
    puts the documents right.
    """
    listing_ids = sorted(set(listing_ids))
    if not listing_ids:
        return
    try:
        database_listings_refresh(listing_ids=listing_ids)
    except Exception:
        logger.exception("Could not refresh the search entries of listings %s", listing_ids)
    try:
        engine_listings_refresh_task.enqueue(listing_ids=listing_ids)
    except Exception:  # a broken queue must not turn an approval into an error page
        logger.exception("Could not queue the search update for listings %s", listing_ids)


def buyer_phrase_record(*, actor, phrase: BuyerPhrase, created: bool) -> None:
    """Audit a buyer phrase CCS added or changed in the admin (Wagtail saved it).

    Nothing else to do: the vocabulary is read at query time, so the next search uses it.
    """
    audit_record(
        actor=actor,
        action=f"search.buyer_phrase.{'created' if created else 'changed'}",
        subject=phrase,
        data={
            "phrase": phrase.phrase,
            "catalogue_words": list(phrase.catalogue),
            "categories": sorted(phrase.categories.values_list("slug", flat=True)),
            "live": phrase.live,
        },
    )

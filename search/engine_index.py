"""Writing the engine index: full rebuilds behind an alias, and one-listing updates.

A rebuild never touches the index buyers are searching: it fills a new,
versioned index and then swaps the alias in one atomic request, so searches
answer from the old index until the instant the new one is complete.
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.db.models import F
from django.utils import timezone

from listings.models import Listing
from listings.selectors import listings_public

from .documents import documents_queryset, listing_document, listing_documents
from .engine_client import (
    EngineUnavailable,
    engine_alias_indices,
    engine_alias_swap,
    engine_bulk,
    engine_client,
    engine_document_delete,
    engine_document_put,
    engine_index_create,
    engine_index_refresh,
    engine_index_settings,
    engine_index_wait_green,
    engine_indices,
    engine_indices_delete,
)
from .engine_mapping import index_alias, index_body, index_name_new, index_pattern
from .models import PendingEngineUpdate

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1000  # documents per bulk request
# A rebuild is background work: a node busy merging (or a loaded machine) may take
# longer than the client's usual 10 s over one chunk or the first refresh, and a
# timeout would throw the whole new index away. Seen at 10k listings on a 2-core
# machine with a load average of 14.
REBUILD_BULK_TIMEOUT = 120
# Chunks in flight while the next is built: building a chunk's documents (Python and
# PostgreSQL) then waiting for the engine to index it, one after the other, left each
# idle half the time (99 against 118 listings/s at 10k on the 3-node cluster).
REBUILD_THREADS = 2


@dataclass(frozen=True)
class RebuildReport:
    index: str
    count: int
    seconds: float
    deleted_indices: list[str]

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else float(self.count)


def _actions(
    index: str,
    documents: Iterable[dict],
    counter: Callable[[], None],
    ids: list[int] | None = None,
) -> Iterator[dict]:
    for document in documents:
        counter()
        if ids is not None:
            ids.append(document["id"])
        yield {"_index": index, "_id": str(document["id"]), "_source": document}


def search_index_rebuild(
    *, progress: Callable[[int], None] | None = None, client=None
) -> RebuildReport:
    """Build a fresh index of every published listing, then swap the alias to it."""
    client = client or engine_client()
    started_at, started = timezone.now(), time.perf_counter()
    index = index_name_new()
    engine_index_create(index=index, body=index_body(), client=client)
    # No refreshes and no replicas while loading (index_body): the index is invisible
    # until the swap.
    engine_index_settings(index=index, settings={"refresh_interval": "-1"}, client=client)
    count = 0

    def counted() -> None:
        nonlocal count
        count += 1
        if progress and count % CHUNK_SIZE == 0:
            progress(count)

    try:
        engine_bulk(
            actions=_actions(index, listing_documents(), counted),
            client=client,
            chunk_size=CHUNK_SIZE,
            timeout=REBUILD_BULK_TIMEOUT,
            threads=REBUILD_THREADS,
        )
        engine_index_settings(
            index=index,
            settings={
                "refresh_interval": "1s",
                "number_of_replicas": django_settings.SEARCH_INDEX_REPLICAS,
            },
            client=client,
        )
        engine_index_refresh(index=index, client=client, timeout=REBUILD_BULK_TIMEOUT)
        if django_settings.SEARCH_INDEX_REPLICAS:
            # Swap only once every copy is in place, so losing a node straight after a
            # rebuild loses no search.
            engine_index_wait_green(index=index, client=client)
    except Exception:
        engine_indices_delete(indices=[index], client=client)  # leave no half-built index
        raise
    if progress:
        progress(count)
    alias = index_alias()
    engine_alias_swap(alias=alias, index=index, client=client)
    # Listings approved or withdrawn while we loaded went to the old index; replay them.
    for listing_id in Listing.objects.filter(updated_at__gte=started_at).values_list(
        "pk", flat=True
    ):
        engine_listing_refresh(listing_id=listing_id, client=client)
    built = engine_indices(pattern=index_pattern(), client=client)
    older = [name for name in built if name != index]
    engine_indices_delete(indices=older, client=client)
    # Every failure recorded before the load began is covered by the new index.
    PendingEngineUpdate.objects.filter(last_tried_at__lt=started_at).delete()
    return RebuildReport(
        index=index, count=count, seconds=time.perf_counter() - started, deleted_indices=older
    )


def engine_listing_refresh(*, listing_id: int, client=None) -> str:
    """Bring one listing's document in the index up to date: put it if public, else delete it.

    Returns what it did ("indexed", "removed" or "skipped"). Raises
    ``EngineUnavailable`` if the engine cannot be reached; callers on a user's
    request path go through ``search.services.listing_documents_refresh`` (and
    its task), which logs and moves on.
    """
    client = client or engine_client()
    alias = index_alias()
    if not engine_alias_indices(alias=alias, client=client):
        # Never write to the bare alias name: the engine would create an index
        # there, with a guessed mapping, and block the first real rebuild.
        logger.info("No search index yet (run rebuild_search_index); skipped %s", listing_id)
        return "skipped"
    listing = documents_queryset().filter(pk=listing_id).first()
    if listing is None:
        engine_document_delete(index=alias, document_id=listing_id, client=client)
        return "removed"
    engine_document_put(
        index=alias, document_id=listing_id, document=listing_document(listing), client=client
    )
    return "indexed"


def engine_listings_refresh(*, listing_ids: list[int], client=None) -> dict[str, int]:
    """Bring these listings' documents up to date in one bulk request (a supplier's
    change can touch hundreds): put the public ones, delete the rest.

    Returns how many were "indexed", "removed" or "skipped"; raises
    ``EngineUnavailable`` as ``engine_listing_refresh`` does.
    """
    client = client or engine_client()
    alias = index_alias()
    if not engine_alias_indices(alias=alias, client=client):
        logger.info("No search index yet (run rebuild_search_index); skipped %s", listing_ids)
        return {"skipped": len(listing_ids)}
    documents = listing_documents(listings_public().filter(pk__in=listing_ids))
    indexed: list[int] = []
    engine_bulk(actions=_actions(alias, documents, lambda: None, indexed), client=client)
    kept = set(indexed)
    gone = [listing_id for listing_id in listing_ids if listing_id not in kept]
    for listing_id in gone:
        engine_document_delete(index=alias, document_id=listing_id, client=client)
    return {"indexed": len(indexed), "removed": len(gone)}


def engine_updates_failed(*, listing_ids: list[int], error: str) -> None:
    """Record that these listings' documents could not be refreshed (one attempt more)."""
    now = timezone.now()
    for listing_id in listing_ids:
        pending, _created = PendingEngineUpdate.objects.get_or_create(listing_id=listing_id)
        PendingEngineUpdate.objects.filter(pk=pending.pk).update(
            attempts=F("attempts") + 1, last_error=error[:2000], last_tried_at=now
        )


def engine_updates_repair(*, done: list[int], limit: int = 500) -> int:
    """After a refresh of ``done`` succeeded: forget their failures and refresh up to
    ``limit`` other listings that failed before, since the engine answers again.
    Returns how many earlier failures were repaired. Raises ``EngineUnavailable``."""
    PendingEngineUpdate.objects.filter(listing_id__in=done).delete()
    earlier = list(PendingEngineUpdate.objects.values_list("listing_id", flat=True)[:limit])
    if earlier:
        engine_listings_refresh(listing_ids=earlier)
        PendingEngineUpdate.objects.filter(listing_id__in=earlier).delete()
    return len(earlier)


search_listing_refresh = engine_listing_refresh  # its name before the database's was matched

__all__ = [
    "EngineUnavailable",
    "RebuildReport",
    "engine_listing_refresh",
    "engine_listings_refresh",
    "engine_updates_failed",
    "engine_updates_repair",
    "search_index_rebuild",
    "search_listing_refresh",
]

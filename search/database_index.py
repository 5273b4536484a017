"""Writing the database executor's ``SearchEntry`` table: full rebuilds and listing refreshes.

The database's counterpart of search/engine_index.py. Callers refresh through
``search.services.listing_documents_refresh``, which keeps both stores in step.
The entries are derived data, not records anyone wrote, so refreshing or
rebuilding them is not audited; the changes that cause them are.
"""

from collections.abc import Callable, Iterable

from django.db import transaction

from listings.selectors import listings_public

from .database import full_text
from .database_spelling import (
    spelling_vocabulary_before,
    spelling_vocabulary_change,
    spelling_vocabulary_rebuild,
)
from .database_text import text_once
from .documents import documents_queryset, listing_documents
from .facets import Match, Store, facets_all
from .models import SearchEntry, SearchEntryValue

Progress = Callable[[int, int], None]  # (entries written, listings to write)
CHUNK = 1000  # listings written at a time by a rebuild


def _facet_columns(document: dict) -> dict:
    """The columns of the facets stored as columns (search/facets.py)."""
    return {
        facet.name: bool(document[facet.field])
        if facet.match is Match.YES
        else document[facet.field] or ""
        for facet in facets_all()
        if facet.store is Store.COLUMN
    }


def _columns(document: dict) -> dict:
    """The ``SearchEntry`` columns of one document, but for the tsvectors."""
    return {
        "listing_id": document["id"],
        **_facet_columns(document),
        "whole_uk": document["whole_uk"],
        "open_standards": document["has_open_standards"],
        "apprenticeships": document["apprenticeships"],
        "buy_online": document["buy_online"],
        "price": document["price"],
        "name_sort": document["name"].casefold()[:100],
        "diversity_prior": document["diversity_prior"],
        "document": document,
        "text_name": text_once(document["name"]),
        "text_categories": text_once(document["categories"]),
        "text_summary": text_once(document["summary"]),
        "text_features": text_once(document["features"]),
        "text_description": text_once(document["description"]),
    }


def _values(document: dict) -> Iterable[tuple[str, str]]:
    """(facet, value) rows of the facets stored as values, as SearchEntryValue holds them.

    A service delivered across the whole UK gets no region rows: ``whole_uk``
    stands for all of them (the facet's ``whole``; see search/database_facets.py).
    """
    for facet in facets_all():
        if facet.store is not Store.VALUES or (facet.whole and document[facet.whole]):
            continue
        values = document[facet.field]
        yield from (
            (facet.name, value) for value in ([values] if isinstance(values, str) else values)
        )


def _write(documents: list[dict]) -> None:
    values = [
        (document["id"], facet, value)
        for document in documents
        for facet, value in dict.fromkeys(_values(document))
    ]
    full_text().entries_write([_columns(document) for document in documents], values)


@transaction.atomic
def database_listings_refresh(*, listing_ids: Iterable[int]) -> set[int]:
    """Bring these listings' entries up to date: written if public, removed if not.

    Returns the ids of those now searchable.
    """
    listing_ids = list(listing_ids)
    spelling_before = spelling_vocabulary_before(listing_ids=listing_ids)
    SearchEntry.objects.filter(pk__in=listing_ids).delete()
    documents = list(listing_documents(listings_public().filter(pk__in=listing_ids)))
    if documents:
        _write(documents)
    spelling_vocabulary_change(before=spelling_before, documents=documents)
    return {document["id"] for document in documents}


def database_listing_refresh(*, listing_id: int) -> bool:
    """Bring one listing's entry up to date; returns whether it is now searchable."""
    return listing_id in database_listings_refresh(listing_ids=[listing_id])


search_entry_refresh = database_listing_refresh  # its name before the engine's was matched


@transaction.atomic
def search_entries_rebuild(*, progress: Progress | None = None) -> int:
    """Rewrite every entry from the published listings; returns how many were written.

    In one transaction, so searches see the old entries until the new ones are complete.
    """
    SearchEntryValue.objects.all().delete()
    SearchEntry.objects.all().delete()
    total = documents_queryset().count()
    written = 0
    batch: list[dict] = []
    for document in listing_documents():
        batch.append(document)
        if len(batch) == CHUNK:
            _write(batch)
            written += len(batch)
            batch = []
            if progress:
                progress(written, total)
    if batch:
        _write(batch)
        written += len(batch)
    spelling_vocabulary_rebuild()  # from the entries just written
    full_text().statistics_refresh()
    if progress:
        progress(written, total)
    return written

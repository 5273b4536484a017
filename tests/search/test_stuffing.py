"""Keyword stuffing that gets past the form does not pay, on both executors.

A padded listing repeats the buyer's words in its name, says one word over and
over in its summary and lists the same keywords as features; an honest one names
the service once and describes it. The padded one's text is written straight to
its version, as an import or an admin edit would (the supplier's form refuses
the obvious cases). The honest listing must rank first for the two-word query
and for each word alone, on PostgreSQL and on the real OpenSearch node.
"""

import pytest

from listings.models import ListingVersion
from search import engine_index
from search.database import search_database
from search.engine_executor import search_engine_run
from search.relevance import diversity_prior
from search.request import SearchRequest
from search.services import search_entries_rebuild
from tests.search.catalogue import offer
from tests.search.conftest import engine_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]

HONEST = {
    "name": "Cloud backup for schools",
    "summary": "Nightly copies of your school's files kept in UK data centres, restored fast.",
    "description": "We copy every file each night and keep thirty days of versions. "
    "Staff restore a lost file themselves from a web page.",
    "features": ["Nightly copies kept for thirty days", "Restore by staff from a web page"],
}
PADDED = {
    "name": "Cloud backup cloud backup cloud backup cloud backup",
    "summary": "backup backup backup backup backup backup backup backup backup backup",
    "description": "Cloud backup. We run cloud backup for public bodies. Backup in the cloud.",
    "features": ["cloud backup", "backup cloud", "cloud backup backup", "backup"],
}
QUERIES = ["cloud backup", "cloud", "backup"]


def test_repetition_lowers_the_diversity_prior_and_ordinary_writing_keeps_one():
    assert diversity_prior(HONEST) == 1.0
    assert diversity_prior(PADDED) < 0.5
    assert diversity_prior({"name": "Cloud backup", "summary": "", "features": []}) == 1.0


@pytest.fixture
def stuffed(search_engine):
    honest = offer(**HONEST)
    padded = offer(name="Managed storage", summary="Storage for public bodies.")
    # Past the form, as an import or an admin edit would write it.
    ListingVersion.objects.filter(pk=padded.live_version_id).update(**PADDED)
    search_entries_rebuild()
    engine_index.search_index_rebuild()
    engine_refresh()
    return honest, padded


def _order(result) -> list[int]:
    return [hit.listing_id for hit in result.hits]


def test_the_honest_listing_outranks_the_padded_one_on_both_executors(stuffed):
    honest, padded = stuffed

    for keywords in QUERIES:
        request = SearchRequest(keywords=keywords)
        from_database, from_engine = search_database(request), search_engine_run(request)
        assert _order(from_database) == [honest.pk, padded.pk], f"database: {keywords}"
        assert _order(from_engine) == [honest.pk, padded.pk], f"engine: {keywords}"

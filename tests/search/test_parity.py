"""Parity: for filter-only requests the database and the engine give the same answer.

The same factory-built catalogue is written to the database executor's entries
and to a fresh engine index; each request must then return the same total, the
same listings in the same order, and the same facet counts from both.

Needs the OpenSearch node: with CI=true a missing node fails the test.
"""

import uuid
from decimal import Decimal

import pytest

from search import engine_index, executor
from search.database import search_database
from search.engine_client import engine_client
from search.facets import facets_all
from search.request import SearchRequest
from search.services import search_entries_rebuild
from tests.search.catalogue import catalogue_make

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]


@pytest.fixture
def engine(settings, opensearch_url):
    """A catalogue indexed in both executors, under an index prefix of this test's own."""
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = opensearch_url
    prefix = f"{settings.SEARCH_INDEX_PREFIX}-parity-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_ENGINE_TIMEOUT = 5.0  # about answers, not speed (see conftest.search_engine)
    catalogue = catalogue_make()
    search_entries_rebuild()
    engine_index.search_index_rebuild()
    yield catalogue, executor.search_run
    engine_client().indices.delete(index=f"{prefix}*", expand_wildcards="all")


def _counts(result) -> dict[str, dict[str, int]]:
    """Facet counts as both executors have them: stored values with a count.

    Left out: values shown at nought only because the buyer chose them, and the
    "sme" total that labelling may add (it is the sum of three counted bands).
    """
    return {
        facet: {
            value.value: value.count for value in values if value.count and value.value != "sme"
        }
        for facet, values in result.facets.items()
    }


def _requests(c) -> dict[str, SearchRequest]:
    return {
        "everything": SearchRequest(),
        "one region": SearchRequest(regions=("TLC",)),
        "two regions": SearchRequest(regions=("TLD", "TLI")),
        "SME and VCSE": SearchRequest(sizes=("sme",), vcse=True),
        "region and sizes": SearchRequest(regions=("TLC",), sizes=("small", "medium")),
        "no match": SearchRequest(regions=("TLC",), sizes=("large",)),
        "all accreditations": SearchRequest(accreditations=("cyber-essentials", "iso-27001")),
        "integration": SearchRequest(integrations=("govuk-pay",)),
        "framework and parent category": SearchRequest(
            framework=c.first.slug, categories=(c.parent.slug,)
        ),
        "lot": SearchRequest(lot=c.lot_value(c.lot_two)),
        "based in, buy online": SearchRequest(based_in=("TLI",), buy_online=True),
        "price and open standards": SearchRequest(
            price_min=Decimal(10), price_max=Decimal(200), open_standards=True
        ),
        "apprenticeships": SearchRequest(apprenticeships=True),
        "by price, page two": SearchRequest(sort="price", page=2, page_size=2),
    }


def test_filter_only_requests_give_the_same_hits_and_facet_counts(engine):
    catalogue, search_run = engine

    for label, request in _requests(catalogue).items():
        from_database = search_database(request)
        from_engine = search_run(request)

        assert from_engine.executor == "engine", label
        assert not from_engine.fell_back, label
        assert from_engine.total == from_database.total, label
        assert [hit.listing_id for hit in from_engine.hits] == [
            hit.listing_id for hit in from_database.hits
        ], label
        assert _counts(from_engine) == _counts(from_database), label


def test_every_value_of_every_facet_in_the_table_gives_the_same_answer(engine):
    """Read from the facet table, so a facet added there is compared here too."""
    _catalogue, search_run = engine
    everything = search_database(SearchRequest())

    for facet in facets_all():
        assert everything.facets[facet.name], facet.name  # the catalogue has each facet
        for value in everything.facets[facet.name]:
            request = SearchRequest(**facet.ask((value.value,)))
            from_database, from_engine = search_database(request), search_run(request)
            label = f"{facet.name}={value.value}"
            assert from_engine.executor == "engine" and not from_engine.fell_back, label
            assert from_engine.total == from_database.total == value.count, label
            assert {hit.listing_id for hit in from_engine.hits} == {
                hit.listing_id for hit in from_database.hits
            }, label
            assert _counts(from_engine) == _counts(from_database), label

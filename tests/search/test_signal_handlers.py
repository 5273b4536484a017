"""Every change that alters a document reaches both stores, without a rebuild.

A supplier's profile (through ``supplier_profile_update``) and a category's name
are carried by every document of the listings they belong to; after each change
the database executor and the engine (the real node) both answer with the new
value. Needs the OpenSearch node.
"""

from decimal import Decimal

import pytest

from search.database import search_database
from search.engine_index import search_index_rebuild
from search.executor import search_run
from search.request import SearchRequest
from search.services import search_entries_rebuild
from suppliers.services import supplier_profile_update
from tests.factories import LotFactory, category_make
from tests.search.catalogue import offer
from tests.search.conftest import engine_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]


def ids(result) -> list[int]:
    return [hit.listing_id for hit in result.hits]


def both(request: SearchRequest) -> tuple[list[int], list[int]]:
    """The listings the engine and the database find for ``request``."""
    engine_refresh()
    from_engine = search_run(request)
    assert from_engine.executor == "engine" and not from_engine.fell_back
    return ids(from_engine), ids(search_database(request))


@pytest.fixture
def indexed(search_engine):
    """Build both stores from whatever was published before the test calls it."""

    def build() -> None:
        search_entries_rebuild()
        search_index_rebuild()

    return build


def test_a_size_change_in_the_profile_is_found_by_size_in_both_stores(
    indexed, django_capture_on_commit_callbacks
):
    listing = offer(name="Payroll for schools", size="small")
    other = offer(name="Hosting for councils", size="medium")
    indexed()
    assert both(SearchRequest(sizes=("large",))) == ([], [])

    member = listing.supplier.users.first()
    with django_capture_on_commit_callbacks(execute=True):
        supplier_profile_update(
            actor=member,
            supplier=listing.supplier,
            changes={"staff_headcount": 300, "turnover": Decimal(60_000_000)},
        )

    assert both(SearchRequest(sizes=("large",))) == ([listing.pk], [listing.pk])
    assert both(SearchRequest(sizes=("small",))) == ([], [])
    assert both(SearchRequest(sizes=("sme",))) == ([other.pk], [other.pk])
    size_counts = {v.value: v.count for v in search_run(SearchRequest()).facets["size"]}
    assert size_counts == {"sme": 1, "medium": 1, "large": 1}


def test_becoming_a_vcse_is_found_by_the_vcse_filter_in_both_stores(
    indexed, django_capture_on_commit_callbacks
):
    listing = offer(name="Payroll for schools")
    offer(name="Hosting for councils")
    indexed()
    assert both(SearchRequest(vcse=True)) == ([], [])

    with django_capture_on_commit_callbacks(execute=True):
        supplier_profile_update(
            actor=listing.supplier.users.first(),
            supplier=listing.supplier,
            changes={"vcse_type": "charity"},
        )

    assert both(SearchRequest(vcse=True)) == ([listing.pk], [listing.pk])


def test_a_renamed_category_is_found_by_its_new_name_in_both_stores(
    indexed, django_capture_on_commit_callbacks
):
    parent = category_make("Telephony")
    child = category_make("Call recording", parent=parent)
    lot = LotFactory(categories=[child])
    listing = offer(name="Managed service for councils", lot=lot, categories=[child])
    indexed()
    assert both(SearchRequest(keywords="switchboards")) == ([], [])

    with django_capture_on_commit_callbacks(execute=True):
        parent.name = "Switchboards"
        parent.save()

    assert both(SearchRequest(keywords="switchboards")) == ([listing.pk], [listing.pk])
    engine_hit = search_run(SearchRequest(categories=(parent.slug,))).hits[0]
    assert engine_hit.document["categories"] == ["Switchboards", "Call recording"]


def test_a_renamed_framework_is_shown_by_its_new_name_from_both_stores(
    indexed, django_capture_on_commit_callbacks
):
    listing = offer(name="Payroll for schools")
    indexed()
    framework = listing.lot.framework

    with django_capture_on_commit_callbacks(execute=True):
        framework.name = "Technology Services 9"
        framework.save()

    engine_refresh()
    for result in (search_run(SearchRequest()), search_database(SearchRequest())):
        assert [hit.document["framework_name"] for hit in result.hits] == [
            "Technology Services 9"
        ], result.executor

"""The facet table: each facet declared once, and everything else reads it.

The first tests hold each part of search to the table; the last adds a facet
the way a developer would (a table entry, a request attribute to carry the
choice, and a document field with its data; here ``supplier_slug``, which
documents already carry) and shows both executors filter and count it, with
its labels, without a line changed anywhere else.
"""

from dataclasses import make_dataclass

import pytest

from search import engine_index
from search.database import facet_filters as database_facet_filters
from search.database import search_database
from search.documents import documents_queryset, listing_document
from search.engine_mapping import index_body
from search.engine_query import facet_filters as engine_facet_filters
from search.engine_query import search_request_to_dsl
from search.executor import search_run
from search.facets import FACET_TABLE, Facet, Match, Store, facets_all
from search.filters import ListingSearchFilterSet
from search.request import FACETS, SearchRequest
from search.services import search_entries_rebuild
from suppliers.models import SupplierOrganisation
from tests.search.catalogue import catalogue_make


def test_the_form_has_one_filter_per_facet_with_the_tables_label():
    filters = ListingSearchFilterSet.base_filters

    for facet in facets_all():
        assert filters[facet.name].label == facet.label, facet.name
    assert tuple(FACET_TABLE) == FACETS


def test_the_engine_counts_and_maps_each_facet_on_its_field():
    aggregations = search_request_to_dsl(SearchRequest()).to_dict()["aggs"]
    mapping = index_body()["mappings"]["properties"]

    assert list(aggregations) == [facet.name for facet in facets_all()]
    for facet in facets_all():
        terms = aggregations[facet.name]["aggs"]["values"]["terms"]
        assert terms == {"field": facet.field, "size": facet.size}, facet.name
        assert mapping[facet.field]["type"] == (
            "boolean" if facet.match is Match.YES else "keyword"
        ), facet.name


def test_choosing_a_value_in_any_facet_filters_in_both_executors():
    for facet in facets_all():
        request = SearchRequest(**facet.ask(("x",) if facet.match is not Match.YES else ("true",)))

        assert list(database_facet_filters(request)) == [facet.name]
        assert list(engine_facet_filters(request)) == [facet.name]


@pytest.mark.django_db
def test_every_facet_field_is_in_a_document():
    catalogue = catalogue_make()

    document = listing_document(documents_queryset().get(pk=catalogue.alpha.pk))
    for facet in facets_all():
        assert facet.field in document, facet.name


def _supplier_names(slugs: list[str]) -> dict[str, str]:
    return {
        supplier.slug: supplier.display_name
        for supplier in SupplierOrganisation.objects.filter(slug__in=slugs)
    }


@pytest.mark.django_db
@pytest.mark.opensearch
def test_a_new_facet_is_one_table_entry_plus_its_data(search_engine, monkeypatch):
    monkeypatch.setitem(
        FACET_TABLE,
        "supplier",
        Facet(
            name="supplier",
            attribute="suppliers",
            label="Supplier",
            field="supplier_slug",
            match=Match.ANY,
            store=Store.VALUES,
            names=_supplier_names,
        ),
    )
    # SearchRequest with the attribute that carries the new facet's choice.
    Request = make_dataclass(
        "Request", [("suppliers", tuple, ())], bases=(SearchRequest,), frozen=True
    )
    catalogue = catalogue_make()
    search_entries_rebuild()
    engine_index.search_index_rebuild()
    alpha, bravo = catalogue.alpha.supplier, catalogue.bravo.supplier
    request = Request(suppliers=(alpha.slug, bravo.slug), sizes=("micro",))

    for result in (search_database(request), search_run(request)):
        assert [hit.listing_id for hit in result.hits] == [catalogue.alpha.pk], result.executor
        supplier_values = [(v.value, v.label, v.count) for v in result.facets["supplier"]]
        # Counted under the other facets' filters (size: micro), never its own;
        # a chosen supplier without a micro listing stays listed at nought.
        assert supplier_values == [
            (alpha.slug, alpha.display_name, 1),
            (bravo.slug, bravo.display_name, 0),
        ], result.executor
        sizes = {v.value: v.count for v in result.facets["size"]}
        assert sizes == {"sme": 2, "micro": 1, "small": 1}, result.executor
    assert search_run(request).executor == "engine"

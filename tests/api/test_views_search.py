"""Parity: the API search and /search/ give the same hits, counts and facets for the
same query string, whether the database or the OpenSearch node answers."""

import uuid

import pytest
from django.urls import reverse

from search import engine_index
from search.engine_client import engine_client
from search.services import search_entries_rebuild
from tests.search.catalogue import catalogue_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_ENGINE = "database"
    made = catalogue_make()
    search_entries_rebuild()
    return made


@pytest.fixture
def engine_catalogue(settings, opensearch_url):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = opensearch_url
    prefix = f"{settings.SEARCH_INDEX_PREFIX}-api-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_ENGINE_TIMEOUT = 5.0  # about answers, not speed
    made = catalogue_make()
    search_entries_rebuild()
    engine_index.search_index_rebuild()
    yield made
    engine_client().indices.delete(index=f"{prefix}*", expand_wildcards="all")


def _queries(c) -> list[str]:
    return [
        "",
        "q=telephony",
        "q=managed+service&sort=price",
        "region=TLC",
        "region=TLD&region=TLI",
        "size=sme&vcse=on",
        "accreditation=cyber-essentials&accreditation=iso-27001",
        "integration=govuk-pay",
        f"framework={c.first.slug}&category={c.parent.slug}",
        f"lot={c.lot_value(c.lot_two)}",
        "price_min=10&price_max=200&open_standards=on",
        "sort=price&page=2",
        "region=TLC&size=large",
    ]


def _facets(result) -> dict:
    return {
        facet: [(value.value, value.label, value.count) for value in values]
        for facet, values in result.facets.items()
    }


def _api_facets(body) -> dict:
    return {
        facet: [(value["value"], value["label"], value["count"]) for value in values]
        for facet, values in body["facets"].items()
    }


def _assert_same(client, query: str, executor: str) -> None:
    page = client.get(reverse("search:results") + "?" + query).context["result"]
    body = client.get(reverse("api:search") + "?" + query).json()

    assert body["executor"] == page.executor == executor, query
    assert body["fell_back"] is page.fell_back is False, query
    assert body["total"] == page.total, query
    assert [hit["id"] for hit in body["results"]] == [hit.listing_id for hit in page.hits], query
    assert _api_facets(body) == _facets(page), query


def test_the_api_and_the_search_page_agree_from_the_database(client, catalogue):
    for query in _queries(catalogue):
        _assert_same(client, query, "database")


@pytest.mark.opensearch
def test_the_api_and_the_search_page_agree_from_the_opensearch_node(client, engine_catalogue):
    for query in _queries(engine_catalogue):
        _assert_same(client, query, "engine")


def test_a_search_result_has_the_listing_and_supplier_fields(client, catalogue):
    body = client.get(reverse("api:search") + "?q=telephony").json()

    first = body["results"][0]
    assert first["id"] == catalogue.alpha.pk
    assert first["name"] == "Alpha telephony"
    assert first["supplier"]["slug"] == catalogue.alpha.supplier.slug
    assert (first["size"], first["vcse"], first["based_in"]) == ("micro", True, "TLC")
    assert first["lot"] == catalogue.lot_value(catalogue.lot_one)
    assert body["page"] == 1
    assert body["page_size"] == 20
    assert body["previous"] is None
    assert "relaxation" not in body  # the executors do not relax searches yet


def test_past_the_last_page_the_last_page_is_answered_as_on_the_search_page(client, catalogue):
    body = client.get(reverse("api:search") + "?sort=name&page=5").json()

    assert body["page"] == 1
    assert body["total"] == 4
    assert [hit["name"] for hit in body["results"]] == sorted(
        listing.live_version.name
        for listing in (catalogue.alpha, catalogue.bravo, catalogue.charlie, catalogue.delta)
    )
    assert (body["next"], body["previous"]) == (None, None)


def test_the_api_suggests_the_spelling_the_search_page_suggests(client, catalogue):
    page = client.get(reverse("search:results") + "?q=telephny&region=TLC")
    body = client.get(reverse("api:search") + "?q=telephny&region=TLC").json()

    assert body["did_you_mean"] == page.context["did_you_mean"]["keywords"] == "telephony"
    assert client.get(reverse("api:search") + "?q=telephony").json()["did_you_mean"] is None

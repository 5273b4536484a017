"""Building and updating the engine index on the real node."""

import logging

import pytest
from django.core.management import call_command
from elasticsearch_dsl import Search

from listings.services import listing_withdraw
from search.documents import DOCUMENT_VERSION
from search.engine_client import engine_alias_indices, engine_indices, engine_search
from search.engine_index import search_index_rebuild, search_listing_refresh
from search.engine_mapping import MAPPING_VERSION, index_alias, index_pattern
from tests.factories import listing_make
from tests.search.conftest import engine_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]


def indexed_ids() -> list[int]:
    body = engine_search(index=index_alias(), search=Search().sort("id")[:100])
    return [int(hit["_id"]) for hit in body["hits"]["hits"]]


def test_a_rebuild_indexes_published_listings_into_a_versioned_index_behind_the_alias(
    search_engine,
):
    published = listing_make(publish=True)
    listing_make()  # a draft: not public, not indexed

    report = search_index_rebuild()

    assert report.count == 1
    assert report.index.startswith(f"{index_alias()}-v{DOCUMENT_VERSION}.{MAPPING_VERSION}-")
    assert engine_alias_indices(alias=index_alias()) == [report.index]
    assert indexed_ids() == [published.pk]


def test_the_text_fields_use_the_tf_capped_similarity_and_the_english_analyzer(search_engine):
    index = search_index_rebuild().index

    settings = search_engine.indices.get_settings(index=index)[index]["settings"]["index"]
    mapping = search_engine.indices.get_mapping(index=index)[index]["mappings"]["properties"]
    assert settings["similarity"]["tf_capped"] == {"type": "BM25", "k1": "0.0", "b": "0.75"}
    assert mapping["name"]["fields"]["english"]["similarity"] == "tf_capped"
    assert mapping["name"]["fields"]["english"]["analyzer"] == "english_plain"
    assert mapping["regions"] == {"type": "keyword"}
    tokens = search_engine.indices.analyze(
        index=index, body={"analyzer": "english_plain", "text": "The supplier's backups"}
    )["tokens"]
    assert [t["token"] for t in tokens] == ["supplier", "backup"]


def test_the_alias_answers_during_and_after_a_rebuild_and_old_indices_go(search_engine):
    first = listing_make(publish=True)
    old_index = search_index_rebuild().index
    second = listing_make(publish=True)
    seen_during: list[list[int]] = []

    report = search_index_rebuild(progress=lambda count: seen_during.append(indexed_ids()))

    assert seen_during and seen_during[-1] == [first.pk]  # still the old index, still answering
    assert indexed_ids() == [first.pk, second.pk]
    assert report.deleted_indices == [old_index]
    assert engine_indices(pattern=index_pattern()) == [report.index]


def test_approving_and_withdrawing_update_the_index_through_the_task(
    search_engine, django_capture_on_commit_callbacks
):
    search_index_rebuild()

    with django_capture_on_commit_callbacks(execute=True):
        listing = listing_make(publish=True)
    engine_refresh()
    assert indexed_ids() == [listing.pk]

    with django_capture_on_commit_callbacks(execute=True):
        listing_withdraw(actor=listing.supplier.users.first(), listing=listing, reason="Retired")
    engine_refresh()
    assert indexed_ids() == []


def test_an_unreachable_engine_never_breaks_the_approval(
    search_engine, settings, django_capture_on_commit_callbacks, caplog
):
    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"

    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        listing = listing_make(publish=True)

    assert listing.status == "published"
    assert f"Search index not updated for listing {listing.pk}" in caplog.text


def test_an_update_before_any_rebuild_creates_no_stray_index(search_engine):
    listing = listing_make(publish=True)

    assert search_listing_refresh(listing_id=listing.pk) == "skipped"
    assert not search_engine.indices.exists(index=index_alias())


def test_the_command_reports_counts_and_throughput(search_engine, capsys):
    listing_make(publish=True)

    call_command("rebuild_search_index")

    output = capsys.readouterr().out
    assert "1 listings indexed" in output
    assert "listings/s" in output
    assert f"alias {index_alias()} now points to it" in output

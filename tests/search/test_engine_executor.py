"""Searching the real node through ``search_run``: ranking, stemming, synonyms,
stuffing, honest facet counts, highlights, and the fallback to the database."""

import pytest

from search.engine_index import search_index_rebuild
from search.executor import search_run
from search.request import SearchRequest
from search.services import search_entries_rebuild
from tests.factories import SupplierUserFactory, listing_make

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]

NEUTRAL = {
    "summary": "A managed service for public bodies, run from the UK.",
    "description": "Our team looks after the service so your staff do not have to.",
    "features": ["Support by phone and online"],
    "benefits": ["Less work for your staff"],
}


def listing(name: str, *, size: str = "small", vcse: str = "", based_in=None, **content):
    supplier_user = SupplierUserFactory(
        supplier_organisation__size_band=size,
        supplier_organisation__vcse_type=vcse,
        supplier_organisation__head_office_region_id=based_in,
    )
    return listing_make(
        supplier_user=supplier_user, publish=True, name=name, **{**NEUTRAL, **content}
    )


def ids(result) -> list[int]:
    return [hit.listing_id for hit in result.hits]


def counts(result, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in result.facets[facet]}


def test_a_name_match_ranks_above_a_description_only_match(search_engine):
    in_description = listing(
        "Managed file service", description="Includes a nightly backup of every file."
    )
    in_name = listing("Cloud backup for councils")
    search_index_rebuild()

    result = search_run(SearchRequest(keywords="backup"))

    assert result.executor == "engine" and result.fell_back is False
    assert ids(result) == [in_name.pk, in_description.pk]
    assert result.took_ms is not None


def test_words_are_stemmed(search_engine):
    backup = listing("Cloud backup for councils")
    search_index_rebuild()

    assert ids(search_run(SearchRequest(keywords="backups"))) == [backup.pk]


def test_a_buyer_word_finds_what_suppliers_call_it(search_engine):
    office = listing("Microsoft 365 migration and support")
    listing("Cloud backup for councils")
    search_index_rebuild()

    assert ids(search_run(SearchRequest(keywords="email"))) == [office.pk]


def test_repeating_a_word_in_the_description_does_not_beat_an_honest_name(search_engine):
    stuffed = listing(
        "Managed file service",
        description=" ".join(["We backup your files."] * 10),
    )
    honest = listing("Cloud backup for councils")
    search_index_rebuild()

    assert ids(search_run(SearchRequest(keywords="backup"))) == [honest.pk, stuffed.pk]


def test_with_the_same_fields_repetition_gains_nothing_at_all(search_engine):
    once = listing("Managed file service", description="We backup your files every night.")
    tenfold = listing(
        "Managed file service",
        description="We backup your files every night. " + "Backup! " * 9,
    )
    search_index_rebuild()

    scores = {
        hit.listing_id: hit.score for hit in search_run(SearchRequest(keywords="backup")).hits
    }

    assert scores[once.pk] == pytest.approx(scores[tenfold.pk], rel=1e-6)


def test_highlights_mark_the_words_and_escape_html(search_engine):
    listing("Cloud backup for councils", summary="Backup & restore <b>without</b> fuss.")
    search_index_rebuild()

    highlights = search_run(SearchRequest(keywords="backup")).hits[0].highlights

    assert highlights["name"] == ["Cloud <mark>backup</mark> for councils"]
    assert highlights["summary"] == [
        "<mark>Backup</mark> &amp; restore &lt;b&gt;without&lt;&#x2F;b&gt; fuss."
    ]


# key: (name, supplier size, VCSE type, head office, regions served; None is the whole UK)
CATALOGUE = {
    "north_east_micro_vcse": ("Payroll for charities", "micro", "charity", "TLC", ["TLC"]),
    "north_west_small": ("Payroll for schools", "small", "", "TLD", ["TLD"]),
    "north_large": ("Payroll for councils", "large", "", "TLI", ["TLC", "TLD"]),
    "uk_medium": ("Payroll for the NHS", "medium", "", "TLK", None),
}


@pytest.fixture
def catalogue(search_engine):
    """Several suppliers of different sizes, regions and VCSE status."""
    return {
        key: listing(
            name,
            size=size,
            vcse=vcse,
            based_in=based_in,
            serves_whole_uk=regions is None,
            regions=regions or [],
        )
        for key, (name, size, vcse, based_in, regions) in CATALOGUE.items()
    }


def test_facet_counts_stay_honest_under_the_post_filter(catalogue):
    search_index_rebuild()

    result = search_run(SearchRequest(regions=("TLC",)))

    chosen = ["north_east_micro_vcse", "north_large", "uk_medium"]
    assert sorted(ids(result)) == sorted(catalogue[key].pk for key in chosen)
    assert result.total == 3
    # The region facet ignores the region choice, so other regions keep their counts…
    assert counts(result, "region")["TLC"] == 3
    assert counts(result, "region")["TLD"] == 3  # north-west small, north large, UK-wide
    assert counts(result, "region")["TLE"] == 1  # the UK-wide listing
    # …while every other facet counts only what the region choice leaves.
    assert counts(result, "size") == {"sme": 2, "micro": 1, "medium": 1, "large": 1}
    assert counts(result, "vcse") == {"true": 1}
    assert counts(result, "based_in") == {"TLC": 1, "TLI": 1, "TLK": 1}
    labels = {value.value: value.label for value in result.facets["region"]}
    assert labels["TLC"] == "North East"


def test_two_facets_chosen_each_counted_with_the_other_only(catalogue):
    search_index_rebuild()

    result = search_run(SearchRequest(regions=("TLC",), sizes=("sme",)))

    assert sorted(ids(result)) == sorted(
        catalogue[key].pk for key in ["north_east_micro_vcse", "uk_medium"]
    )
    assert counts(result, "size") == {"sme": 2, "micro": 1, "medium": 1, "large": 1}
    assert counts(result, "region")["TLD"] == 2  # SMEs serving the north west
    assert counts(result, "vcse") == {"true": 1}


def test_sorting_by_name_and_paging(catalogue):
    search_index_rebuild()

    first = search_run(SearchRequest(sort="name", page=1, page_size=3))
    second = search_run(SearchRequest(sort="name", page=2, page_size=3))

    names = [hit.document["name"] for hit in first.hits + second.hits]
    assert names == sorted(names) and len(names) == 4
    assert first.total == second.total == 4


def test_an_engine_that_cannot_be_reached_falls_back_to_the_database(catalogue, settings):
    search_entries_rebuild()  # the fallback's own table, normally kept by the signal
    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port

    result = search_run(SearchRequest(keywords="payroll"))

    assert result.fell_back is True
    assert result.executor == "database"
    assert sorted(ids(result)) == sorted(item.pk for item in catalogue.values())


def test_an_index_never_built_falls_back_too(catalogue):
    search_entries_rebuild()

    result = search_run(SearchRequest(regions=("TLC",)))

    assert result.fell_back is True
    assert result.total == 3

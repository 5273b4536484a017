"""Search analytics: each search on /search/ counted by day without personal data,
once per search (not per page), with its sector for signed-in buyers."""

from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from marketplace.accounts.models import BuyerSector
from marketplace.core.models import AuditEvent
from search.analytics import FILTERS_MAX, filters_canonical, query_normalise
from search.models import SearchDailyCount
from search.request import SearchResult
from search.services import search_analytics_prune, search_entries_rebuild, search_log_record
from tests.factories import BuyerFactory, SupplierUserFactory
from tests.search.catalogue import catalogue_make

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.SEARCH_ENGINE = "database"


@pytest.fixture
def catalogue():
    made = catalogue_make()
    search_entries_rebuild()
    return made


def rows() -> list[dict]:
    return list(
        SearchDailyCount.objects.order_by("query", "filters", "sector").values(
            "day",
            "query",
            "filters",
            "sector",
            "searches",
            "zero_results",
            "relaxed",
            "last_result_count",
        )
    )


def test_the_query_is_normalised():
    assert query_normalise("  Keep   HACKERS\tout \n") == "keep hackers out"
    assert query_normalise("x" * 300) == "x" * 200


def test_the_filters_are_sorted_and_keep_only_valid_answers_but_not_the_order_or_page():
    from django.http import QueryDict

    data = QueryDict("size=small&region=TLD&region=TLC&sort=price&page=2&q=phones&price_min=abc")
    text = filters_canonical(data=data, valid=["size", "region", "sort", "page", "q"])

    assert text == "region=TLC&region=TLD&size=small"


def test_very_many_filters_are_cut_at_a_whole_answer():
    from django.http import QueryDict

    data = QueryDict("&".join(f"categories=category-{n:03}" for n in range(200)))
    text = filters_canonical(data=data, valid=["categories"])

    assert len(text) <= FILTERS_MAX
    assert text.endswith(tuple(f"category-{n:03}" for n in range(200)))


def test_an_anonymous_search_is_counted_without_anything_about_the_person(client, catalogue):
    response = client.get(
        URL, {"q": "  Alpha   TELEPHONY ", "region": "TLC"}, REMOTE_ADDR="203.0.113.9"
    )

    assert response.status_code == 200
    assert rows() == [
        {
            "day": timezone.localdate(),
            "query": "alpha telephony",
            "filters": "region=TLC",
            "sector": "",
            "searches": 1,
            "zero_results": 0,
            "relaxed": 0,
            "last_result_count": response.context["result"].total,
        }
    ]
    assert response.context["result"].total >= 1
    # The table has nowhere to put a person: these are all its columns.
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), SearchDailyCount._meta.db_table
        )
    }
    assert columns == {
        "id",
        "day",
        "query",
        "filters",
        "sector",
        "searches",
        "zero_results",
        "relaxed",
        "last_result_count",
    }


def test_a_school_buyers_search_carries_their_sector_only(client, catalogue):
    buyer = BuyerFactory(buyer_organisation__sector=BuyerSector.EDUCATION)
    client.force_login(buyer)

    client.get(URL, {"q": "hosting"})
    client.get(URL, {"q": "Hosting"})

    [row] = rows()
    assert row["sector"] == "education"
    assert row["searches"] == 2
    stored = " ".join(str(value) for value in SearchDailyCount.objects.values_list().get())
    assert buyer.email not in stored
    assert str(buyer.pk) not in (row["query"], row["filters"])
    assert buyer.buyer_organisation.name not in stored


def test_a_supplier_is_counted_as_not_a_buyer(client, catalogue):
    client.force_login(SupplierUserFactory())

    client.get(URL, {"q": "hosting"})

    assert [row["sector"] for row in rows()] == [""]


def test_later_pages_of_the_same_search_are_not_counted_again(client, catalogue):
    client.get(URL, {"q": "hosting"})
    client.get(URL, {"q": "hosting", "page": "2"})
    client.get(URL, {"q": "hosting", "page": "1"})  # back to page 1 by the pagination link

    assert [row["searches"] for row in rows()] == [1]


def test_a_search_that_finds_nothing_is_counted_as_zero_results(client, catalogue):
    client.get(URL, {"q": "zzqx nothing like this"})
    client.get(URL, {"q": "zzqx nothing like this"})
    client.get(URL, {"q": "hosting"})

    assert [(row["query"], row["searches"], row["zero_results"]) for row in rows()] == [
        ("hosting", 1, 0),
        ("zzqx nothing like this", 2, 2),
    ]


def test_a_relaxed_result_is_counted_as_relaxed(rf):
    from search.filters import ListingSearchFilterSet

    filterset = ListingSearchFilterSet(rf.get(URL, {"q": "cloud migration"}).GET)
    filterset.is_valid()
    relaxed = SearchResult(total=3, hits=[], facets={}, executor="database", relaxed=True)

    search_log_record(filterset=filterset, result=relaxed, user=None)
    search_log_record(filterset=filterset, result=relaxed, user=None)

    [row] = rows()
    assert (
        row["query"],
        row["searches"],
        row["relaxed"],
        row["zero_results"],
        row["last_result_count"],
    ) == ("cloud migration", 2, 2, 0, 3)


def test_a_failure_to_count_never_breaks_the_search(client, catalogue, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("the table is locked")

    monkeypatch.setattr("search.services._search_count_add", broken)

    response = client.get(URL, {"q": "hosting"})

    assert response.status_code == 200
    assert response.context["result"].total >= 1
    assert rows() == []
    assert "Could not count a search" in caplog.text


def test_old_counts_are_pruned_and_the_prune_is_audited():
    for day in (date(2024, 1, 1), date(2025, 6, 1)):
        SearchDailyCount.objects.create(day=day, query="payroll", searches=1)

    removed = search_analytics_prune(keep_days=365, today=date(2026, 1, 1))

    assert removed == 1
    assert list(SearchDailyCount.objects.values_list("day", flat=True)) == [date(2025, 6, 1)]
    event = AuditEvent.objects.get(action="search_analytics.pruned")
    assert event.data == {"before": "2025-01-01", "rows": 1}

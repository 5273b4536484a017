"""``search_run`` against a hung engine and against the real node: a short timeout,
the circuit breaker, and the database's answer with the notice flag meanwhile."""

import time

import pytest

from search.breaker import search_breaker
from search.engine_index import search_index_rebuild
from search.executor import search_run
from search.request import SearchRequest
from search.services import search_entries_rebuild
from tests.search.catalogue import catalogue_make

pytestmark = pytest.mark.django_db

TIMEOUT = 1.0
COOLOFF = 2.0
# Generous for a loaded two-core machine; the reporter measured 10.2-12.6 s.
SLOW = 4.0


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_ENGINE = "database"  # build the listings without any engine
    made = catalogue_make()
    search_entries_rebuild()  # the fallback's own table
    return made


@pytest.fixture
def hung(settings, silent_engine, catalogue):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = silent_engine.url
    settings.SEARCH_ENGINE_TIMEOUT = TIMEOUT
    settings.SEARCH_ENGINE_BREAKER_FAILURES = 3
    settings.SEARCH_ENGINE_BREAKER_COOLOFF = COOLOFF
    return silent_engine


def timed_search() -> tuple:
    started = time.perf_counter()
    result = search_run(SearchRequest(keywords="hosting"))
    return result, time.perf_counter() - started


def names(result) -> list[str]:
    return sorted(hit.document["name"] for hit in result.hits)


def test_a_hung_engine_costs_each_search_the_short_timeout_then_nothing(hung):
    for attempt in (1, 2, 3):
        result, seconds = timed_search()

        assert result.fell_back is True
        assert result.executor == "database"
        assert names(result) == ["Charlie hosting", "Delta hosting"]
        assert TIMEOUT * 0.95 <= seconds < SLOW  # the wait is the short timeout, not 10 s
        assert hung.connections() == attempt
    assert search_breaker().state() == "open"

    result, _seconds = timed_search()

    assert result.fell_back is True
    assert names(result) == ["Charlie hosting", "Delta hosting"]
    assert hung.connections() == 3  # the engine was not even asked


def test_after_the_cool_off_one_probe_asks_the_engine_and_its_failure_reopens(hung):
    for _ in range(3):
        timed_search()
    assert hung.connections() == 3
    time.sleep(COOLOFF)

    probe, seconds = timed_search()

    assert probe.fell_back is True
    assert names(probe) == ["Charlie hosting", "Delta hosting"]
    assert TIMEOUT * 0.95 <= seconds < SLOW
    assert hung.connections() == 4
    assert search_breaker().state() == "open"

    after, _seconds = timed_search()

    assert after.fell_back is True
    assert hung.connections() == 4


@pytest.mark.opensearch
def test_with_the_breaker_closed_searches_use_the_engine(search_engine, catalogue, settings):
    settings.SEARCH_ENGINE = "opensearch"
    search_index_rebuild()

    results = [search_run(SearchRequest(keywords="hosting")) for _ in range(4)]

    assert [(result.executor, result.fell_back) for result in results] == [("engine", False)] * 4
    assert names(results[-1]) == ["Charlie hosting", "Delta hosting"]
    assert search_breaker().state() == "closed"


@pytest.mark.opensearch
def test_a_probe_that_finds_the_engine_back_closes_the_breaker(search_engine, catalogue, settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_BREAKER_COOLOFF = COOLOFF
    search_index_rebuild()
    breaker = search_breaker()
    for _ in range(settings.SEARCH_ENGINE_BREAKER_FAILURES):
        breaker.failed()  # as if the node had been down for three searches

    while_open = search_run(SearchRequest(keywords="hosting"))
    time.sleep(COOLOFF)
    probe = search_run(SearchRequest(keywords="hosting"))

    assert (while_open.executor, while_open.fell_back) == ("database", True)
    assert (probe.executor, probe.fell_back) == ("engine", False)
    assert names(probe) == ["Charlie hosting", "Delta hosting"]
    assert search_breaker().state() == "closed"


@pytest.mark.opensearch
def test_an_index_not_built_yet_falls_back_without_opening_the_breaker(
    search_engine, catalogue, settings
):
    settings.SEARCH_ENGINE = "opensearch"

    results = [search_run(SearchRequest(keywords="hosting")) for _ in range(4)]

    assert [result.fell_back for result in results] == [True] * 4
    assert names(results[-1]) == ["Charlie hosting", "Delta hosting"]
    assert search_breaker().state() == "closed"  # the engine answered (404): it is not down

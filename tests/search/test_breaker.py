"""The circuit breaker's states, driven by a fake clock: no server and no sleeps.

The store is a real Django in-memory cache of the test's own (the same API the
site's cache offers), so two breakers on one store behave like two workers.
"""

import logging
import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache

from search.breaker import CircuitBreaker, Route


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store():
    cache = LocMemCache(f"breaker-test-{uuid.uuid4().hex}", {})
    yield cache
    cache.clear()


def breaker_on(store, clock) -> CircuitBreaker:
    return CircuitBreaker(store=store, name="engine", failures=3, cooloff=30, clock=clock)


@pytest.fixture
def breaker(store, clock):
    return breaker_on(store, clock)


def open_it(breaker) -> None:
    for _ in range(3):
        breaker.failed()


def test_closed_it_sends_searches_to_the_engine(breaker):
    assert breaker.state() == "closed"
    assert breaker.route() is Route.ENGINE


def test_it_opens_on_the_third_failure_in_a_row_and_not_before(breaker):
    breaker.failed()
    breaker.failed()
    assert breaker.route() is Route.ENGINE

    breaker.failed()

    assert breaker.state() == "open"
    assert breaker.route() is Route.DATABASE


def test_a_success_between_failures_starts_the_count_again(breaker):
    breaker.failed()
    breaker.failed()
    breaker.succeeded()
    breaker.failed()
    breaker.failed()

    assert breaker.route() is Route.ENGINE


def test_open_it_keeps_searches_off_the_engine_for_the_whole_cool_off(breaker, clock):
    open_it(breaker)

    clock.now += 29.9
    assert breaker.route() is Route.DATABASE
    clock.now += 0.1
    assert breaker.state() == "half-open"


def test_after_the_cool_off_exactly_one_search_probes(breaker, clock):
    open_it(breaker)
    clock.now += 30

    assert breaker.route() is Route.PROBE
    assert breaker.route() is Route.DATABASE  # the others keep using the database
    clock.now += 5
    assert breaker.route() is Route.DATABASE


def test_a_successful_probe_closes_it_and_the_count_starts_from_zero(breaker, clock):
    open_it(breaker)
    clock.now += 30
    assert breaker.route() is Route.PROBE

    breaker.succeeded(probe=True)

    assert breaker.state() == "closed"
    assert breaker.route() is Route.ENGINE
    breaker.failed()
    breaker.failed()
    assert breaker.route() is Route.ENGINE


def test_a_failed_probe_opens_it_for_another_cool_off_from_the_failure(breaker, clock):
    open_it(breaker)
    clock.now += 30
    assert breaker.route() is Route.PROBE
    clock.now += 1  # the probe waited for its timeout

    breaker.failed(probe=True)

    assert breaker.state() == "open"
    clock.now += 29.9
    assert breaker.route() is Route.DATABASE
    clock.now += 0.1
    assert breaker.route() is Route.PROBE


def test_a_probe_that_never_reports_does_not_leave_it_stuck(breaker, clock):
    open_it(breaker)
    clock.now += 30
    assert breaker.route() is Route.PROBE  # and its worker dies before answering

    clock.now += 29.9
    assert breaker.route() is Route.DATABASE
    clock.now += 0.1
    assert breaker.route() is Route.PROBE


def test_a_success_sent_before_it_opened_does_not_close_it(breaker, clock):
    open_it(breaker)

    breaker.succeeded()  # a slow search that started while it was closed

    assert breaker.route() is Route.DATABASE


def test_failures_of_searches_sent_before_it_opened_do_not_extend_the_cool_off(breaker, clock):
    open_it(breaker)
    clock.now += 20
    breaker.failed()

    clock.now += 10
    assert breaker.route() is Route.PROBE


def test_workers_sharing_a_store_share_the_state_and_the_single_probe(store, clock):
    first, second = breaker_on(store, clock), breaker_on(store, clock)
    first.failed()
    second.failed()
    first.failed()

    assert second.route() is Route.DATABASE
    clock.now += 30
    routes = [first.route(), second.route(), first.route()]
    assert routes == [Route.PROBE, Route.DATABASE, Route.DATABASE]

    first.succeeded(probe=True)
    assert second.route() is Route.ENGINE


def test_each_change_of_state_is_logged_as_a_warning(breaker, clock, caplog):
    caplog.set_level(logging.WARNING, logger="search.breaker")

    open_it(breaker)
    clock.now += 30
    breaker.route()
    breaker.failed(probe=True)
    clock.now += 30
    breaker.route()
    breaker.succeeded(probe=True)
    breaker.succeeded()  # no change, nothing logged

    assert [(record.levelno, record.getMessage()) for record in caplog.records] == [
        (
            logging.WARNING,
            "Search engine breaker open after 3 failures in a row; "
            "searches use the database for 30 s",
        ),
        (logging.WARNING, "Search engine breaker half-open: one search probes the engine"),
        (
            logging.WARNING,
            "Search engine breaker open again: the probe failed; "
            "searches use the database for 30 s",
        ),
        (logging.WARNING, "Search engine breaker half-open: one search probes the engine"),
        (logging.WARNING, "Search engine breaker closed: the engine answered the probe"),
    ]

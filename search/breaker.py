"""A circuit breaker for the search engine, so a hung engine cannot hang the site.

Closed: every search asks the engine. After ``failures`` consecutive failures it
opens: searches go straight to the database, without touching the engine, for
``cooloff`` seconds. Then it is half-open: exactly one search (the probe) asks the
engine while the others keep going to the database. The probe's success closes
the breaker; its failure opens it for another cool-off.

The state lives in a cache (Django's cache in production, see
``search_breaker``) so that every process sharing that cache learns together.
The logic takes its store and clock as arguments, so it is tested with a fake
clock and no server.

A probe that never reports (its worker died) must not leave the breaker stuck:
claiming the probe moves the opening time to "now", so if nothing is heard the
next cool-off ends with another probe.
"""

import logging
import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Protocol

logger = logging.getLogger(__name__)


class Route(StrEnum):
    ENGINE = "engine"  # closed: ask the engine
    PROBE = "probe"  # half-open, and this search is the one that tries the engine
    DATABASE = "database"  # open (or another search is probing): do not touch the engine


class Store(Protocol):
    """The part of Django's cache API the breaker uses; ``add`` must be atomic."""

    def get_many(self, keys: list[str]) -> dict[str, Any]: ...
    def set(self, key: str, value: Any, timeout: float | None = ...) -> None: ...
    def add(self, key: str, value: Any, timeout: float | None = ...) -> bool: ...
    def incr(self, key: str, delta: int = ...) -> int: ...
    def delete_many(self, keys: list[str]) -> None: ...


class CircuitBreaker:
    def __init__(
        self,
        *,
        store: Store,
        name: str,
        failures: int,
        cooloff: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store, self.name, self.clock = store, name, clock
        self.threshold, self.cooloff = max(1, failures), cooloff
        self._failures, self._opened_at = f"{name}:failures", f"{name}:opened-at"
        # Probe claims only need to outlive the race they settle; this keeps them
        # from piling up in the cache.
        self._claim_timeout = max(60.0, 10 * cooloff)

    def _read(self) -> tuple[int, float | None]:
        values = self.store.get_many([self._failures, self._opened_at])
        return values.get(self._failures, 0), values.get(self._opened_at)

    def state(self) -> str:
        """ "closed", "open" or "half-open", for logs and tests."""
        _, opened_at = self._read()
        if opened_at is None:
            return "closed"
        return "open" if self.clock() < opened_at + self.cooloff else "half-open"

    def route(self) -> Route:
        """Where this search should go. A ``PROBE`` must be reported back with
        ``succeeded(probe=True)`` or ``failed(probe=True)``."""
        _, opened_at = self._read()
        if opened_at is None:
            return Route.ENGINE
        now = self.clock()
        if now < opened_at + self.cooloff:
            return Route.DATABASE
        # One claim per opening time: ``add`` lets exactly one caller win it.
        if not self.store.add(f"{self.name}:probe:{opened_at}", now, self._claim_timeout):
            return Route.DATABASE
        self.store.set(self._opened_at, now, None)
        logger.warning("Search engine breaker half-open: one search probes the engine")
        return Route.PROBE

    def succeeded(self, *, probe: bool = False) -> None:
        failures, opened_at = self._read()
        if opened_at is not None and not probe:
            return  # a search sent before it opened; only the probe may close it
        if failures or opened_at is not None:
            self.store.delete_many([self._failures, self._opened_at])
        if opened_at is not None:
            logger.warning("Search engine breaker closed: the engine answered the probe")

    def failed(self, *, probe: bool = False) -> None:
        now = self.clock()
        if probe:
            self.store.set(self._opened_at, now, None)
            logger.warning(
                "Search engine breaker open again: the probe failed; "
                "searches use the database for %s s",
                self.cooloff,
            )
            return
        self.store.add(self._failures, 0, None)
        try:
            failures = self.store.incr(self._failures)
        except ValueError:  # closed by another process between the two calls
            failures = 1
            self.store.set(self._failures, failures, None)
        if failures >= self.threshold and self.store.add(self._opened_at, now, None):
            logger.warning(
                "Search engine breaker open after %s failures in a row; "
                "searches use the database for %s s",
                failures,
                self.cooloff,
            )


def search_breaker(*, clock: Callable[[], float] = time.time) -> CircuitBreaker:
    """The breaker of the configured engine, its state in Django's default cache.

    Keyed by the engine's address, so pointing the site at another node starts
    afresh. With the default in-memory cache each gunicorn worker keeps its own
    state (each learns on its own); a cache shared by the workers shares it.
    """
    from django.conf import settings
    from django.core.cache import cache

    return CircuitBreaker(
        store=cache,
        name=f"search-breaker:{settings.SEARCH_ENGINE}:{settings.SEARCH_ENGINE_URL}",
        failures=settings.SEARCH_ENGINE_BREAKER_FAILURES,
        cooloff=settings.SEARCH_ENGINE_BREAKER_COOLOFF,
        clock=clock,
    )

"""The one entry point for a buyer search: the engine when configured, else the database.

If the engine cannot answer (the node is down, the index has not been built,
the request timed out) the database answers instead and the result says so
(``fell_back=True``), so the page can tell the buyer. A search never fails
because the engine did.

A hung engine must not hang the site either: a buyer's search waits at most
``SEARCH_ENGINE_TIMEOUT`` for it, and a circuit breaker (search/breaker.py)
stops asking an engine that keeps failing, so searches answer in the
database's own time until a probe finds the engine back.
"""

import logging
from dataclasses import replace

from django.conf import settings

from .breaker import Route, search_breaker
from .engine_client import EngineUnavailable
from .request import SearchRequest, SearchResult

logger = logging.getLogger(__name__)

ENGINES = ("opensearch", "elasticsearch")


def _database(request: SearchRequest) -> SearchResult:
    from .database import search_database  # imported here: the engine path never needs it

    return search_database(request)


def search_run(request: SearchRequest) -> SearchResult:
    if settings.SEARCH_ENGINE not in ENGINES:
        return _database(request)
    from .engine_executor import search_engine_run

    breaker = search_breaker()
    route = breaker.route()
    if route is Route.DATABASE:
        return replace(_database(request), fell_back=True)
    probe = route is Route.PROBE
    try:
        result = search_engine_run(request, timeout=settings.SEARCH_ENGINE_TIMEOUT)
    except EngineUnavailable as error:
        logger.warning("Search engine unavailable, answering from the database: %s", error)
        if error.engine_down:
            breaker.failed(probe=probe)
        else:  # it answered, with a 4xx such as "no index yet": the engine is up
            breaker.succeeded(probe=probe)
    else:
        breaker.succeeded(probe=probe)
        return result
    return replace(_database(request), fell_back=True)

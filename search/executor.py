"""The one entry point for a buyer search: the engine when configured, else the database.

If the engine cannot answer (the node is down, the index has not been built,
the request timed out) the database answers instead and the result says so
(``fell_back=True``), so the page can tell the buyer. A search never fails
because the engine did.
"""

import logging
from dataclasses import replace

from django.conf import settings

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

    try:
        return search_engine_run(request)
    except EngineUnavailable as error:
        logger.warning("Search engine unavailable, answering from the database: %s", error)
    return replace(_database(request), fell_back=True)

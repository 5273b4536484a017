"""The one place the project talks to the search engine.

Queries are built with the elasticsearch DSL (a pure description of the
request) and sent by the official client of whichever engine is configured:
opensearch-py for OpenSearch, elasticsearch-py for Elasticsearch.
"""

from functools import lru_cache
from typing import Any

from django.conf import settings
from elasticsearch_dsl import Search


class EngineUnavailable(Exception):
    """The engine could not be reached or answered with an error."""


@lru_cache(maxsize=4)
def _client_for(engine: str, url: str):
    if engine == "opensearch":
        from opensearchpy import OpenSearch

        return OpenSearch(hosts=[url], timeout=10, max_retries=0)
    if engine == "elasticsearch":
        from elasticsearch import Elasticsearch

        return Elasticsearch(url, request_timeout=10, max_retries=0)
    raise ValueError(f"Unknown search engine {engine!r}: use opensearch or elasticsearch.")


def engine_client(*, engine: str | None = None, url: str | None = None):
    """The client for the configured engine (or the one named)."""
    name = engine or settings.SEARCH_ENGINE
    if name == "database":
        name = "opensearch"
    return _client_for(name, url or settings.SEARCH_ENGINE_URL)


def engine_search(*, index: str, search: Search, client=None) -> dict[str, Any]:
    """Run a DSL search and return the raw response body as a dict."""
    client = client or engine_client()
    try:
        response = client.search(index=index, body=search.to_dict())
    except Exception as error:  # every transport and API error means "not answered"
        raise EngineUnavailable(str(error)) from error
    return response.body if hasattr(response, "body") else dict(response)


def engine_ping(*, client=None) -> bool:
    client = client or engine_client()
    try:
        return bool(client.ping())
    except Exception:
        return False

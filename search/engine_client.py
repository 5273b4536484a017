"""The one place the project talks to the search engine.

Queries are built with the elasticsearch DSL (a pure description of the
request) and sent by the official client of whichever engine is configured:
opensearch-py for OpenSearch, elasticsearch-py for Elasticsearch.
"""

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from itertools import islice
from typing import Any

from django.conf import settings
from elasticsearch_dsl import Search


class EngineUnavailable(Exception):
    """The engine could not be reached or answered with an error.

    ``status`` is the HTTP status of an error answer, or None when there was no
    answer at all (refused, reset, timed out).
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status

    @property
    def engine_down(self) -> bool:
        """No answer, a server error or "too busy": what the circuit breaker counts.
        A 4xx such as a missing index is the engine answering, so it does not."""
        return self.status is None or self.status >= 500 or self.status == 429


# Background work (indexing, rebuilds) waits this long; a buyer's search passes
# its own, shorter ``timeout`` (SEARCH_ENGINE_TIMEOUT) to ``engine_search``.
BACKGROUND_TIMEOUT = 10


def engine_hosts(url: str) -> list[str]:
    """The node addresses in SEARCH_ENGINE_URL: one, or several separated by commas."""
    return [host.strip() for host in url.split(",") if host.strip()]


@lru_cache(maxsize=4)
def _client_for(engine: str, url: str):
    hosts = engine_hosts(url)
    # With several nodes a request that finds one down (refused, reset, or 502/503/504
    # while it shuts down) is retried once on each other node, and the client rests
    # the dead one for a while. A timeout is not retried: the request may have been
    # done (creating an index twice is an error) and a hung engine must cost a buyer
    # one timeout, not several. Sniffing stays off: on loopback the nodes' published
    # addresses are the ones we were given anyway.
    retries = len(hosts) - 1
    if engine == "opensearch":
        from opensearchpy import OpenSearch

        return OpenSearch(
            hosts=hosts,
            timeout=BACKGROUND_TIMEOUT,
            max_retries=retries,
        )
    if engine == "elasticsearch":
        from elasticsearch import Elasticsearch

        return Elasticsearch(
            hosts,
            request_timeout=BACKGROUND_TIMEOUT,
            max_retries=retries,
        )
    raise ValueError(f"Unknown search engine {engine!r}: use opensearch or elasticsearch.")


def engine_client(*, engine: str | None = None, url: str | None = None):
    """The client for the configured engine (or the one named)."""
    name = engine or settings.SEARCH_ENGINE
    if name == "database":
        name = "opensearch"
    return _client_for(name, url or settings.SEARCH_ENGINE_URL)


def engine_search(
    *, index: str, search: Search, client=None, timeout: float | None = None
) -> dict[str, Any]:
    """Run a DSL search and return the raw response body as a dict.

    ``timeout`` (seconds) bounds the whole request; a timeout raises
    ``EngineUnavailable`` like any other failure to answer.
    """
    client = client or engine_client()
    try:
        if timeout is None:
            response = client.search(index=index, body=search.to_dict())
        elif _is_opensearch(client):
            response = client.search(index=index, body=search.to_dict(), request_timeout=timeout)
        else:  # elasticsearch-py 8 takes per-request transport options this way
            response = client.options(request_timeout=timeout).search(
                index=index, body=search.to_dict()
            )
    except Exception as error:
        # Every transport and API error means "not answered": opensearch-py's
        # ConnectionTimeout/ConnectionError/TransportError and elastic-transport's
        # ConnectionTimeout/ConnectionError/ApiError alike.
        raise EngineUnavailable(str(error), status=_status(error)) from error
    return response.body if hasattr(response, "body") else dict(response)


def engine_ping(*, client=None) -> bool:
    client = client or engine_client()
    try:
        return bool(client.ping())
    except Exception:
        return False


def engine_cluster_health(*, timeout: float, client=None) -> dict[str, Any]:
    """The cluster's health (status colour, node count), waiting at most ``timeout``."""
    client = client or engine_client()
    if _is_opensearch(client):
        return _body(_call(client.cluster.health, request_timeout=timeout))
    return _body(_call(client.options(request_timeout=timeout).cluster.health))


# Index administration. Both clients accept ``body=`` for these calls, so one
# spelling serves both engines; only the bulk helper lives in each SDK's own module.


def _body(response) -> Any:
    return response.body if hasattr(response, "body") else response


def _is_opensearch(client) -> bool:
    return type(client).__module__.startswith("opensearchpy")


def _status(error: Exception) -> int | None:
    status = getattr(error, "status_code", None)  # opensearch-py; elasticsearch-py has meta
    if isinstance(status, int):
        return status
    return getattr(getattr(error, "meta", None), "status", None)


def _call(operation, *args, **kwargs):
    try:
        return operation(*args, **kwargs)
    except Exception as error:
        raise EngineUnavailable(str(error)) from error


def engine_index_create(*, index: str, body: dict, client=None) -> None:
    client = client or engine_client()
    _call(client.indices.create, index=index, body=body)


def engine_index_settings(*, index: str, settings: dict, client=None) -> None:
    client = client or engine_client()
    _call(client.indices.put_settings, index=index, body={"index": settings})


def engine_index_wait_green(*, index: str, client=None, seconds: int = 120) -> None:
    """Wait until every shard copy of ``index`` is allocated (its health is green)."""
    client = client or engine_client()
    wait = {"index": index, "wait_for_status": "green", "timeout": f"{seconds}s"}
    if _is_opensearch(client):
        health = _body(_call(client.cluster.health, **wait, request_timeout=seconds + 10))
    else:
        health = _body(_call(client.options(request_timeout=seconds + 10).cluster.health, **wait))
    if health.get("timed_out"):
        raise EngineUnavailable(f"{index} was not green after {seconds} s: {health.get('status')}")


def engine_index_refresh(*, index: str, client=None, timeout: float | None = None) -> None:
    """Make what was indexed searchable; ``timeout`` (seconds) instead of BACKGROUND_TIMEOUT
    for the first refresh of a freshly loaded index, which writes every document at once."""
    client = client or engine_client()
    if timeout is None:
        _call(client.indices.refresh, index=index)
    elif _is_opensearch(client):
        _call(client.indices.refresh, index=index, request_timeout=timeout)
    else:
        _call(client.options(request_timeout=timeout).indices.refresh, index=index)


def engine_indices(*, pattern: str, client=None) -> list[str]:
    """Names of the indices matching a wildcard pattern (none is not an error)."""
    client = client or engine_client()
    return sorted(_body(_call(client.indices.get, index=pattern)))


def engine_indices_delete(*, indices: list[str], client=None) -> None:
    client = client or engine_client()
    for index in indices:
        _call(client.indices.delete, index=index)


def engine_alias_indices(*, alias: str, client=None) -> list[str]:
    """The indices behind an alias; empty when the alias does not exist yet."""
    client = client or engine_client()
    try:
        return sorted(_body(client.indices.get_alias(name=alias)))
    except Exception as error:
        if _status(error) == 404:
            return []
        raise EngineUnavailable(str(error)) from error


def engine_alias_swap(*, alias: str, index: str, client=None) -> list[str]:
    """Point ``alias`` at ``index`` alone, in one atomic request; return the indices it left."""
    client = client or engine_client()
    previous = engine_alias_indices(alias=alias, client=client)
    actions = [{"remove": {"index": old, "alias": alias}} for old in previous if old != index]
    actions.append({"add": {"index": index, "alias": alias}})
    _call(client.indices.update_aliases, body={"actions": actions})
    return [old for old in previous if old != index]


def engine_bulk(
    *,
    actions,
    client=None,
    chunk_size: int = 500,
    timeout: float | None = None,
    threads: int = 1,
) -> int:
    """Send index/delete actions in chunks; return how many succeeded.

    ``timeout`` (seconds) bounds each chunk's request instead of BACKGROUND_TIMEOUT.
    With ``threads`` > 1, up to that many chunks are sent by worker threads while this
    thread builds the next, so building documents and indexing them overlap. The
    actions are still read here, on the caller's thread: a database read from another
    thread would use another connection, which does not see the caller's transaction
    (the helpers' ``parallel_bulk`` reads them on its own thread)."""
    client = client or engine_client()
    extra = {}
    if _is_opensearch(client):
        from opensearchpy import helpers

        if timeout is not None:
            extra["request_timeout"] = timeout
    else:
        from elasticsearch import helpers

        if timeout is not None:
            client = client.options(request_timeout=timeout)
    if threads > 1:
        return _call(_bulk_overlapped, helpers.bulk, client, actions, chunk_size, threads, extra)
    succeeded, _errors = _call(
        helpers.bulk, client, actions, chunk_size=chunk_size, max_retries=0, **extra
    )
    return succeeded


def _bulk_overlapped(bulk, client, actions, chunk_size: int, threads: int, extra: dict) -> int:
    succeeded = 0
    actions = iter(actions)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        sending: deque = deque()
        while chunk := list(islice(actions, chunk_size)):
            sending.append(
                pool.submit(bulk, client, chunk, chunk_size=chunk_size, max_retries=0, **extra)
            )
            if len(sending) >= threads:
                succeeded += sending.popleft().result()[0]
        for sent in sending:
            succeeded += sent.result()[0]
    return succeeded


def engine_document_put(*, index: str, document_id: int | str, document: dict, client=None) -> None:
    client = client or engine_client()
    _call(client.index, index=index, id=str(document_id), body=document)


def engine_document_delete(*, index: str, document_id: int | str, client=None) -> None:
    """Remove a document; one that is not there is already gone."""
    client = client or engine_client()
    try:
        client.delete(index=index, id=str(document_id))
    except Exception as error:
        if _status(error) != 404:
            raise EngineUnavailable(str(error)) from error

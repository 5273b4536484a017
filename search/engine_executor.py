"""The engine executor: run the built query on the alias and read the answer back
into the same ``SearchResult`` the database executor returns.

When nothing matches every word, it relaxes as the database executor does: one
request counts the listings holding each smaller set of the words, and the best
set is searched instead (search/query_understanding.py decides which).
"""

from dataclasses import replace

from .engine_client import engine_search
from .engine_mapping import index_alias
from .engine_query import relaxation_counts_dsl, search_request_to_dsl
from .facet_labels import facet_selected, facet_values
from .facets import facets_all
from .query_understanding import Understanding, relaxation_choose, relaxation_sets
from .request import Hit, SearchRequest, SearchResult
from .vocabulary import keywords_understand


def _hit(raw: dict) -> Hit:
    highlights = {
        field.removesuffix(".english"): fragments
        for field, fragments in raw.get("highlight", {}).items()
    }
    return Hit(
        listing_id=int(raw["_id"]),
        document=raw["_source"],
        score=raw.get("_score"),
        highlights=highlights,
    )


def _counts(aggregation: dict) -> dict[str, int]:
    # A boolean field's bucket keys are 1/0; its key_as_string is "true"/"false".
    return {
        str(bucket.get("key_as_string", bucket["key"])): bucket["doc_count"]
        for bucket in aggregation["values"]["buckets"]
    }


def _run(
    request: SearchRequest, understanding: Understanding, *, client, timeout: float | None
) -> SearchResult:
    body = engine_search(
        index=index_alias(),
        search=search_request_to_dsl(request, understanding),
        client=client,
        timeout=timeout,
    )
    total = body["hits"]["total"]
    aggregations = body.get("aggregations", {})
    return SearchResult(
        total=total["value"] if isinstance(total, dict) else int(total),
        hits=[_hit(raw) for raw in body["hits"]["hits"]],
        facets={
            facet.name: facet_values(
                facet.name, _counts(aggregations[facet.name]), facet_selected(request, facet.name)
            )
            for facet in facets_all()
            if facet.name in aggregations
        },
        executor="engine",
        took_ms=float(body.get("took", 0)),
    )


def _relaxed_words(
    request: SearchRequest, understanding: Understanding, *, client, timeout: float | None
) -> tuple[str, ...]:
    sets = relaxation_sets(understanding.words)
    if not sets:
        return ()
    body = engine_search(
        index=index_alias(),
        search=relaxation_counts_dsl(request, sets),
        client=client,
        timeout=timeout,
    )
    buckets = body["aggregations"]["sets"]["buckets"]
    return relaxation_choose(
        {subset: buckets[str(i)]["doc_count"] for i, subset in enumerate(sets)}
    )


def search_engine_run(
    request: SearchRequest, *, client=None, timeout: float | None = None
) -> SearchResult:
    """Answer ``request`` from the engine. Raises ``EngineUnavailable`` if it cannot
    (within ``timeout`` seconds, when given)."""
    understanding = keywords_understand(request.keywords)
    result = _run(request, understanding, client=client, timeout=timeout)
    if result.total or len(understanding.words) < 2:
        return result
    kept = _relaxed_words(request, understanding, client=client, timeout=timeout)
    if not kept:
        return result
    relaxed = _run(request, understanding.narrowed(kept), client=client, timeout=timeout)
    return replace(relaxed, relaxed=True, matched_words=kept)

"""``SearchRequest`` → ``elasticsearch_dsl.Search``: a pure function, no server needed.

Shape of the query:

* **Keywords** score through one ``multi_match`` of type ``cross_fields`` over the
  English-stemmed subfields, boosted as ``relevance.FIELD_BOOSTS`` says. We use
  cross_fields, not best_fields, because buyers' words spread across fields
  ("backup" in the name, "schools" in the summary): cross_fields is term-centric,
  so every query word counts wherever it is found, and it blends each word's
  statistics across fields, so a rare word in the description cannot outscore the
  same word in the name through a freak idf. The plain-English synonyms join as
  ``should`` phrase clauses at a lower weight, so the buyer's own words rank first.
* **Facet filters** (what the buyer ticked in the facet lists) go in
  ``post_filter``, which narrows the hits but not the aggregations. Each facet's
  aggregation is a ``filter`` aggregation applying every *other* facet's filter:
  choosing "North East" narrows the size and VCSE counts, while the region list
  still shows how many listings each other region would give (the post-filter
  pattern; counts stay honest and choices stay reachable).
* **Other filters** (keywords, price, open standards, apprenticeships) are in the
  main query and so narrow the hits and every count.
"""

from elasticsearch_dsl import A, Q, Search

from .facets import Facet, Match, facets_all
from .relevance import FIELD_BOOSTS, SYNONYM_WEIGHT, synonym_expansions
from .request import SearchRequest

HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"]}

# The document field each facet filters and counts on, and how many values it may
# show: a view of the facet table (search/facets.py), which the query reads itself.
FACET_FIELDS: dict[str, tuple[str, int]] = {
    facet.name: (facet.field, facet.size) for facet in facets_all()
}


def _search_fields() -> list[str]:
    return [f"{field}.english^{boost:g}" for field, boost in FIELD_BOOSTS.items()]


def _synonym_clauses(keywords: str) -> list[Q]:
    return [
        Q("multi_match", query=phrase, type="phrase", fields=_search_fields(), boost=SYNONYM_WEIGHT)
        for phrase in synonym_expansions(keywords)
    ]


def _keywords_query(keywords: str) -> Q:
    main = Q(
        "multi_match",
        query=keywords,
        type="cross_fields",
        fields=_search_fields(),
        # Every word must be found in some field, as in the database executor.
        operator="and",
    )
    return Q("bool", should=[main, *_synonym_clauses(keywords)], minimum_should_match=1)


def _all_of(field: str, values: tuple[str, ...]) -> Q:
    return Q("bool", filter=[Q("term", **{field: value}) for value in values])


def _facet_filter(facet: Facet, values: tuple[str, ...]) -> Q:
    """One facet's filter, as the facet table declares it. A "holds every value"
    listing (UK-wide) holds every value in its document, so needs nothing more."""
    if facet.match is Match.YES:
        return Q("term", **{facet.field: True})
    if facet.match is Match.ONE:
        return Q("term", **{facet.field: values[0]})
    if facet.match is Match.ALL:
        return _all_of(facet.field, values)
    return Q("terms", **{facet.field: list(values)})


def facet_filters(request: SearchRequest) -> dict[str, Q]:
    """The filter for each facet the buyer has chosen something in."""
    chosen: dict[str, Q] = {}
    for facet in facets_all():
        if values := facet.wanted(request):
            chosen[facet.name] = _facet_filter(facet, values)
    return chosen


def _main_filters(request: SearchRequest) -> list[Q]:
    filters = []
    price = {}
    if request.price_min is not None:
        price["gte"] = float(request.price_min)
    if request.price_max is not None:
        price["lte"] = float(request.price_max)
    if price:
        filters.append(Q("range", price=price))
    if request.open_standards:
        filters.append(Q("term", has_open_standards=True))
    if request.apprenticeships:
        filters.append(Q("term", apprenticeships=True))
    return filters


def _keywords(request: SearchRequest) -> str:
    return " ".join(request.keywords.split())


def _main_query(request: SearchRequest) -> Q:
    keywords = _keywords(request)
    filters = _main_filters(request)
    if keywords:
        return Q("bool", must=[_keywords_query(keywords)], filter=filters)
    return Q("bool", filter=filters) if filters else Q("match_all")


def _facet_aggregations(search: Search, chosen: dict[str, Q]) -> Search:
    for facet in facets_all():
        others = [query for name, query in chosen.items() if name != facet.name]
        scope = Q("bool", filter=others) if others else Q("match_all")
        search.aggs.bucket(facet.name, A("filter", filter=scope)).bucket(
            "values", "terms", field=facet.field, size=facet.size
        )
    return search


def _sort(request: SearchRequest) -> list:
    by_name = [{"name.sort": {"order": "asc"}}, {"id": {"order": "asc"}}]
    sort = request.effective_sort
    if sort == "relevance":
        return [{"_score": {"order": "desc"}}, *by_name]
    if sort == "price":
        return [{"price": {"order": "asc"}}, *by_name]
    return by_name


def _highlight(search: Search, keywords: str) -> Search:
    # The unified highlighter finds no terms at all in a cross_fields (blended)
    # query once phrase clauses sit beside it (seen on OpenSearch 2.19), so the
    # highlights come from the same words asked as a plain best_fields match.
    words = Q("multi_match", query=keywords, type="best_fields", fields=_search_fields())
    highlight_query = Q("bool", should=[words, *_synonym_clauses(keywords)])
    search = search.highlight_options(
        encoder="html", highlight_query=highlight_query.to_dict(), **HIGHLIGHT_TAGS
    )
    search = search.highlight("name.english", "summary.english", number_of_fragments=0)
    return search.highlight("description.english", fragment_size=160, number_of_fragments=2)


def search_request_to_dsl(request: SearchRequest) -> Search:
    """The engine query for ``request``: hits, facet counts, highlights, order and page."""
    search = Search().query(_main_query(request)).extra(track_total_hits=True)
    chosen = facet_filters(request)
    if chosen:
        search = search.post_filter(Q("bool", filter=list(chosen.values())))
    search = _facet_aggregations(search, chosen)
    if keywords := _keywords(request):
        search = _highlight(search, keywords)
    search = search.sort(*_sort(request))
    return search[request.offset : request.offset + request.page_size]

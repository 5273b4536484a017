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

from .relevance import FIELD_BOOSTS, SYNONYM_WEIGHT, synonym_expansions
from .request import SearchRequest

HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"]}

# The document field each facet filters and counts on, and how many values it may show.
FACET_FIELDS: dict[str, tuple[str, int]] = {
    "framework": ("framework", 100),
    "lot": ("lot", 200),
    "category": ("category_slugs", 500),
    "region": ("regions", 20),
    "based_in": ("based_in", 20),
    "size": ("size", 10),
    "vcse": ("vcse", 2),
    "accreditation": ("accreditations", 100),
    "integration": ("integrations", 50),
    "buy_online": ("buy_online", 2),
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


def facet_filters(request: SearchRequest) -> dict[str, Q]:
    """The filter for each facet the buyer has chosen something in."""
    chosen: dict[str, Q] = {}
    if request.framework:
        chosen["framework"] = Q("term", framework=request.framework)
    if request.lot:
        chosen["lot"] = Q("term", lot=request.lot)
    if request.categories:  # any of; a parent matches its children via the ancestors held
        chosen["category"] = Q("terms", category_slugs=list(request.categories))
    if request.regions:  # any of; a UK-wide service holds every region
        chosen["region"] = Q("terms", regions=list(request.regions))
    if request.based_in:
        chosen["based_in"] = Q("terms", based_in=list(request.based_in))
    if request.size_bands:
        chosen["size"] = Q("terms", size=list(request.size_bands))
    if request.vcse:
        chosen["vcse"] = Q("term", vcse=True)
    if request.accreditations:  # all of: a buyer asking for two needs both
        chosen["accreditation"] = _all_of("accreditations", request.accreditations)
    if request.integrations:
        chosen["integration"] = _all_of("integrations", request.integrations)
    if request.buy_online:
        chosen["buy_online"] = Q("term", buy_online=True)
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
    for facet, (field, size) in FACET_FIELDS.items():
        others = [query for name, query in chosen.items() if name != facet]
        scope = Q("bool", filter=others) if others else Q("match_all")
        search.aggs.bucket(facet, A("filter", filter=scope)).bucket(
            "values", "terms", field=field, size=size
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

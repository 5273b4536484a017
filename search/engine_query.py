"""``SearchRequest`` → ``elasticsearch_dsl.Search``: a pure function, no server needed.

Shape of the query:

* **Keywords** are first understood (search/query_understanding.py: filler words
  dropped, spellings made one, buyer vocabulary found), then score through one
  ``multi_match`` of type ``cross_fields`` over the English-stemmed subfields,
  boosted as ``relevance.FIELD_BOOSTS`` says. We use cross_fields, not
  best_fields, because buyers' words spread across fields ("backup" in the name,
  "schools" in the summary): cross_fields is term-centric, so every query word
  counts wherever it is found, and it blends each word's statistics across
  fields, so a rare word in the description cannot outscore the same word in the
  name through a freak idf. Per word, the best field counts plus
  ``relevance.TIE_BREAKER`` times the others (not their sum), so saying a word in
  every field pays little. The vocabulary's catalogue words join as ``should``
  clauses (all of a phrase's words in one field, as the database matches them)
  at a lower weight, so the buyer's own words rank first. The whole keyword
  score is multiplied by the listing's ``diversity_prior`` (a ``function_score``),
  which demotes text that is mostly repetition.
* **Relaxation** (``relaxation_counts_dsl``): when nothing matches every word,
  the executor asks, in one request of counts only, how many listings hold each
  smaller set of the words, then searches for the best set
  (query_understanding.relaxation_choose), exactly as the database executor does.
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
from .query_understanding import Understanding, understand
from .relevance import FIELD_BOOSTS, SYNONYM_WEIGHT, TIE_BREAKER
from .request import SearchRequest

HIGHLIGHT_TAGS = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"]}

# The document field each facet filters and counts on, and how many values it may
# show: a view of the facet table (search/facets.py), which the query reads itself.
FACET_FIELDS: dict[str, tuple[str, int]] = {
    facet.name: (facet.field, facet.size) for facet in facets_all()
}


def _search_fields() -> list[str]:
    return [f"{field}.english^{boost:g}" for field, boost in FIELD_BOOSTS.items()]


def _synonym_clauses(understanding: Understanding) -> list[Q]:
    return [
        # All the phrase's words in one field, in any order: what the database
        # executor can match (its text lost word order to capping), so both find
        # the same listings.
        Q(
            "multi_match",
            query=" ".join(phrase),
            type="best_fields",
            operator="and",
            fields=_search_fields(),
            tie_breaker=TIE_BREAKER,
            boost=SYNONYM_WEIGHT,
        )
        for phrase in understanding.phrases
    ]


def _all_words(words: tuple[str, ...]) -> Q:
    return Q(
        "multi_match",
        query=" ".join(words),
        type="cross_fields",
        fields=_search_fields(),
        tie_breaker=TIE_BREAKER,
        # Every word must be found in some field, as in the database executor.
        operator="and",
    )


def _keywords_query(understanding: Understanding) -> Q:
    alternatives = _synonym_clauses(understanding)
    if understanding.words:
        alternatives.insert(0, _all_words(understanding.words))
    matching = Q("bool", should=alternatives, minimum_should_match=1)
    return Q(
        "function_score",
        query=matching,
        functions=[{"field_value_factor": {"field": "diversity_prior", "missing": 1.0}}],
        boost_mode="multiply",
    )


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


def _main_query(request: SearchRequest, understanding: Understanding) -> Q:
    filters = _main_filters(request)
    if _keywords(request):
        if not understanding.words and not understanding.phrases:
            return Q("bool", must_not=[Q("match_all")])  # only stop words: nothing matches
        return Q("bool", must=[_keywords_query(understanding)], filter=filters)
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


def _highlight(search: Search, understanding: Understanding) -> Search:
    # The unified highlighter finds no terms at all in a cross_fields (blended)
    # query once other clauses sit beside it (seen on OpenSearch 2.19), so the
    # highlights come from the same words asked as a plain best_fields match.
    should = _synonym_clauses(understanding)
    if understanding.words:
        query = " ".join(understanding.words)
        should.insert(0, Q("multi_match", query=query, type="best_fields", fields=_search_fields()))
    highlight_query = Q("bool", should=should)
    search = search.highlight_options(
        encoder="html", highlight_query=highlight_query.to_dict(), **HIGHLIGHT_TAGS
    )
    search = search.highlight("name.english", "summary.english", number_of_fragments=0)
    return search.highlight("description.english", fragment_size=160, number_of_fragments=2)


def search_request_to_dsl(
    request: SearchRequest, understanding: Understanding | None = None
) -> Search:
    """The engine query for ``request``: hits, facet counts, highlights, order and page.

    ``understanding`` is the keywords as the executor understood them (with the
    vocabulary CCS keep in the admin); without it, the shipped vocabulary only.
    """
    if understanding is None:
        understanding = understand(_keywords(request))
    search = Search().query(_main_query(request, understanding)).extra(track_total_hits=True)
    chosen = facet_filters(request)
    if chosen:
        search = search.post_filter(Q("bool", filter=list(chosen.values())))
    search = _facet_aggregations(search, chosen)
    if _keywords(request) and (understanding.words or understanding.phrases):
        search = _highlight(search, understanding)
    search = search.sort(*_sort(request))
    return search[request.offset : request.offset + request.page_size]


def relaxation_counts_dsl(request: SearchRequest, sets: list[tuple[str, ...]]) -> Search:
    """How many listings the request's filters allow that hold each set of words: one
    ``filters`` aggregation, no hits. Bucket ``i`` counts ``sets[i]``."""
    filters = [*_main_filters(request), *facet_filters(request).values()]
    words = list(dict.fromkeys(word for subset in sets for word in subset))
    scope = Q(
        "bool",
        filter=filters,
        should=[_all_words((word,)) for word in words],
        minimum_should_match=1,
    )
    search = Search().query(scope).extra(track_total_hits=True)[0:0]
    search.aggs.bucket(
        "sets", "filters", filters={str(i): _all_words(subset) for i, subset in enumerate(sets)}
    )
    return search

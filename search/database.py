"""The database executor: answers a ``SearchRequest`` from the ``SearchEntry`` table.

The embedded default (SQLite FTS5) and the production fallback when no engine
is configured or reachable (PostgreSQL full text). Filters and facet counts are
plain ORM over typed columns and ``SearchEntryValue``; only the keyword match and
the relevance score differ by database (database_sqlite.py, database_postgres.py).

Filters are split as the engine executor splits them: the facet filters (what
the buyer ticked in a facet list) narrow the hits and every *other* facet's
counts, never their own, so a facet list keeps showing how many listings each
alternative would give; keywords, price, open standards and apprenticeships
narrow everything.

Keywords are understood once per search (search/query_understanding.py: filler
dropped, buyer vocabulary found, read with CCS's admin entries). When nothing
matches every word, the search relaxes as the engine executor does: one query
counts the entries holding each smaller set of the words, and the best set is
searched instead.
"""

import operator
from dataclasses import replace
from functools import reduce
from types import ModuleType

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Q, QuerySet

from . import database_postgres, database_sqlite
from .database_facets import facet_counts
from .database_text import highlights
from .facets import Facet, Match, Store, facets_all
from .models import SearchEntry, SearchEntryValue
from .query_understanding import Understanding, relaxation_choose, relaxation_sets
from .request import Hit, SearchRequest, SearchResult
from .vocabulary import keywords_understand

EXECUTOR = "database"
Page = list[tuple[int, float | None]]  # (listing id, relevance score or None), in order


def full_text(*, using: str | None = None) -> ModuleType:
    """The full-text back end for the database the entries live in."""
    vendor = connections[using or SearchEntry.objects.db].vendor
    if vendor == "postgresql":
        return database_postgres
    if vendor == "sqlite":
        return database_sqlite
    # Only the two databases the project supports; any other is a deployment mistake.
    raise ImproperlyConfigured(
        f"The database search executor supports PostgreSQL and SQLite, not {vendor}."
    )


def _any_of(facet: str, values: tuple[str, ...]) -> Q:
    entries = SearchEntryValue.objects.filter(facet=facet, value__in=values)
    return Q(pk__in=entries.values("entry_id"))


def _all_of(facet: str, values: tuple[str, ...]) -> Q:
    return reduce(operator.and_, (_any_of(facet, (value,)) for value in values))


def _facet_filter(facet: Facet, values: tuple[str, ...]) -> Q:
    """One facet's filter, as the facet table declares it (search/facets.py)."""
    if facet.store is Store.VALUES:
        rows = (_all_of if facet.match is Match.ALL else _any_of)(facet.name, values)
        # A listing that holds every value (a UK-wide service) has no rows.
        return Q(**{facet.whole: True}) | rows if facet.whole else rows
    if facet.match is Match.YES:
        return Q(**{facet.name: True})
    if facet.match is Match.ONE:
        return Q(**{facet.name: values[0]})
    return Q(**{f"{facet.name}__in": values})


def facet_filters(request: SearchRequest) -> dict[str, Q]:
    """The filter of each facet the buyer has chosen something in."""
    chosen: dict[str, Q] = {}
    for facet in facets_all():
        if values := facet.wanted(request):
            chosen[facet.name] = _facet_filter(facet, values)
    return chosen


def _terms(understanding: Understanding) -> tuple[list[str], list[list[str]]]:
    return list(understanding.words), [list(phrase) for phrase in understanding.phrases]


def _other_filters(request: SearchRequest) -> Q:
    query = Q()
    if request.price_min is not None:
        query &= Q(price__gte=request.price_min)
    if request.price_max is not None:
        query &= Q(price__lte=request.price_max)
    if request.open_standards:
        query &= Q(open_standards=True)
    if request.apprenticeships:
        query &= Q(apprenticeships=True)
    return query


def main_filter(request: SearchRequest, understanding: Understanding | None = None) -> Q:
    """What narrows the hits and every facet count: keywords, price and policy attributes."""
    query = Q()
    if request.keywords.strip():
        understanding = understanding or keywords_understand(request.keywords)
        query &= full_text().keyword_filter(*_terms(understanding))
    return query & _other_filters(request)


def entries_matching(
    request: SearchRequest, queryset: QuerySet[SearchEntry] | None = None
) -> QuerySet[SearchEntry]:
    """Every entry the request's keywords and filters allow, unordered."""
    queryset = queryset if queryset is not None else SearchEntry.objects.all()
    return queryset.filter(main_filter(request), *facet_filters(request).values())


def _page(
    matching: QuerySet[SearchEntry], request: SearchRequest, understanding: Understanding
) -> Page:
    start, size = request.offset, request.page_size
    sort = request.effective_sort
    if sort == "relevance":
        words, phrases = _terms(understanding)
        if not words and not phrases:
            return []  # only stop words: nothing matches
        return full_text().ranked_ids(matching, words, phrases, offset=start, limit=size)
    order = ("price", "name_sort", "pk") if sort == "price" else ("name_sort", "pk")
    ids = matching.order_by(*order).values_list("pk", flat=True)[start : start + size]
    return [(pk, None) for pk in ids]


def _search(request: SearchRequest, understanding: Understanding) -> SearchResult:
    base = SearchEntry.objects.filter(main_filter(request, understanding))
    chosen = facet_filters(request)
    matching = base.filter(*chosen.values())
    page = _page(matching, request, understanding)
    documents = dict(
        SearchEntry.objects.filter(pk__in=[pk for pk, _ in page]).values_list("pk", "document")
    )
    keywords = request.keywords.strip()
    hits = [
        Hit(
            listing_id=pk,
            document=documents[pk],
            score=score,
            highlights=highlights(documents[pk], understanding) if keywords else {},
        )
        for pk, score in page
        if pk in documents
    ]
    facets, total = facet_counts(base=base, chosen=chosen, request=request)
    return SearchResult(total=total, hits=hits, facets=facets, executor=EXECUTOR)


def _relaxed_words(request: SearchRequest, understanding: Understanding) -> tuple[str, ...]:
    sets = relaxation_sets(understanding.words)
    if not sets:
        return ()
    allowed = SearchEntry.objects.filter(_other_filters(request), *facet_filters(request).values())
    return relaxation_choose(full_text().words_counts(allowed, sets))


def search_database(request: SearchRequest) -> SearchResult:
    """Hits, total and facet counts for ``request``, from the database."""
    understanding = keywords_understand(request.keywords)
    result = _search(request, understanding)
    if result.total or len(understanding.words) < 2:
        return result
    kept = _relaxed_words(request, understanding)
    if not kept:
        return result
    relaxed = _search(request, understanding.narrowed(kept))
    return replace(relaxed, relaxed=True, matched_words=kept)

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
"""

import operator
from functools import reduce
from types import ModuleType

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Q, QuerySet

from . import database_postgres, database_sqlite
from .database_facets import facet_counts
from .database_text import highlights, query_phrases, query_words
from .facets import Facet, Match, Store, facets_all
from .models import SearchEntry, SearchEntryValue
from .request import Hit, SearchRequest, SearchResult

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


def main_filter(request: SearchRequest) -> Q:
    """What narrows the hits and every facet count: keywords, price and policy attributes."""
    query = Q()
    if request.keywords.strip():
        words, phrases = query_words(request.keywords), query_phrases(request.keywords)
        query &= full_text().keyword_filter(words, phrases)
    if request.price_min is not None:
        query &= Q(price__gte=request.price_min)
    if request.price_max is not None:
        query &= Q(price__lte=request.price_max)
    if request.open_standards:
        query &= Q(open_standards=True)
    if request.apprenticeships:
        query &= Q(apprenticeships=True)
    return query


def entries_matching(
    request: SearchRequest, queryset: QuerySet[SearchEntry] | None = None
) -> QuerySet[SearchEntry]:
    """Every entry the request's keywords and filters allow, unordered."""
    queryset = queryset if queryset is not None else SearchEntry.objects.all()
    return queryset.filter(main_filter(request), *facet_filters(request).values())


def _page(matching: QuerySet[SearchEntry], request: SearchRequest) -> Page:
    start, size = request.offset, request.page_size
    sort = request.effective_sort
    if sort == "relevance":
        words, phrases = query_words(request.keywords), query_phrases(request.keywords)
        if not words and not phrases:
            return []  # only stop words: nothing matches
        return full_text().ranked_ids(matching, words, phrases, offset=start, limit=size)
    order = ("price", "name_sort", "pk") if sort == "price" else ("name_sort", "pk")
    ids = matching.order_by(*order).values_list("pk", flat=True)[start : start + size]
    return [(pk, None) for pk in ids]


def search_database(request: SearchRequest) -> SearchResult:
    """Hits, total and facet counts for ``request``, from the database."""
    base = SearchEntry.objects.filter(main_filter(request))
    chosen = facet_filters(request)
    matching = base.filter(*chosen.values())
    page = _page(matching, request)
    documents = dict(
        SearchEntry.objects.filter(pk__in=[pk for pk, _ in page]).values_list("pk", "document")
    )
    keywords = request.keywords.strip()
    hits = [
        Hit(
            listing_id=pk,
            document=documents[pk],
            score=score,
            highlights=highlights(documents[pk], keywords) if keywords else {},
        )
        for pk, score in page
        if pk in documents
    ]
    facets, total = facet_counts(base=base, chosen=chosen, request=request)
    return SearchResult(total=total, hits=hits, facets=facets, executor=EXECUTOR)

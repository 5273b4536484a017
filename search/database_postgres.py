"""Full text on PostgreSQL: stripped per-field tsvectors, ranked one field at a time.

PostgreSQL has four weights (A to D) and the relevance spec has five boosts, so we
do not use weights at all. Each field has its own tsvector, ranked on its own as
``FIELD_BOOSTS[field] * ts_rank(field vector, word)``. As in the engine's
cross_fields query, each buyer word scores its best field plus
``TIE_BREAKER`` times its other fields (not their sum, so a word said in every
field gains little), and a listing's score is the sum over its words, multiplied
by its ``diversity_prior`` (a column written with the entry), which demotes text
that is mostly repetition. The vectors are ``strip()``-ed: without positions
every lexeme counts as occurring once, so ts_rank gives a field the same score
whether it says a word once or twenty times (term-frequency capping, on stems).
Matching uses ``tsv_all``, the stripped vector of every field, which has the GIN
index; so do the relaxation counts (``words_counts``).
"""

import json
import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest

from .models import TEXT_FIELDS, SearchEntry, SearchEntryValue
from .relevance import FIELD_BOOSTS, SYNONYM_WEIGHT, TIE_BREAKER

CONFIG = "english"
IDS_FROM_ARRAY = "SELECT unnest(%s::bigint[])"


def _words_query(text: str) -> SearchQuery:
    # plainto_tsquery: stemmed as English, stop words dropped, the words ANDed.
    return SearchQuery(text, config=CONFIG, search_type="plain")


def _any(queries: list[SearchQuery]) -> SearchQuery:
    return reduce(operator.or_, queries)


def _matching(words: list[str], phrases: list[list[str]]) -> Q | None:
    main = _words_query(" ".join(words)) if words else None
    synonyms = [_words_query(" ".join(phrase)) for phrase in phrases]
    alternatives = [query for query in [main, *synonyms] if query is not None]
    if not alternatives:
        return None
    precise = Q(tsv_all=main) if main is not None else Q(pk__in=[])
    for phrase, synonym in zip(phrases, synonyms, strict=True):
        if len(phrase) == 1:  # one word is in some field exactly when it is in tsv_all
            precise |= Q(tsv_all=synonym)
            continue
        for field in TEXT_FIELDS:
            precise |= Q(**{f"tsv_{field}": synonym})
    # The first condition narrows through the GIN index; the second is exact.
    return Q(tsv_all=_any(alternatives)) & precise


def keyword_filter(words: list[str], phrases: list[list[str]]) -> Q:
    """Every word somewhere in the listing, or a synonym phrase's words all in one field.

    The match is found once and its ids passed on as one array parameter: a
    results page asks several questions of the same matches (the total, the page,
    the facet counts), and a broad query ("help desk" brings in "support") has
    to test most rows' vectors, some 40 ms at 10,000 listings each time.
    """
    matching = _matching(words, phrases)
    if matching is None:
        return Q(pk__in=[])
    ids = SearchEntry.objects.filter(matching).values_list("pk", flat=True)
    # One array literal, made once: adapting thousands of ints again for each query costs more.
    array = "{" + ",".join(str(pk) for pk in ids) + "}"
    return Q(pk__in=RawSQL(IDS_FROM_ARRAY, [array]))  # noqa: S611 - ids are a parameter


def _best_plus_rest(parts: list):
    """The best of ``parts`` plus TIE_BREAKER times the rest (the engine's tie_breaker)."""
    best = Greatest(*parts)
    return best + (reduce(operator.add, parts) - best) * TIE_BREAKER


def _fields_score(query: SearchQuery, *, only_where: SearchQuery | None = None):
    """Best field's boost x rank, plus the tie-breaker share of the others; with
    ``only_where``, only fields matching it count."""
    parts = []
    for field in TEXT_FIELDS:
        rank = SearchRank(F(f"tsv_{field}"), query) * FIELD_BOOSTS[field]
        if only_where is not None:
            rank = Case(
                When(Q(**{f"tsv_{field}": only_where}), then=rank),
                default=Value(0.0),
                output_field=FloatField(),
            )
        parts.append(rank)
    return _best_plus_rest(parts)


def _score(words: list[str], phrases: list[list[str]]):
    """Each of the buyer's words, plus SYNONYM_WEIGHT times the best vocabulary phrase,
    all times the listing's diversity prior.

    The best phrase, not the sum of all: naming every product in the vocabulary
    gains a listing nothing over naming one. A phrase counts in a field only when
    all its words are there. (ts_rank of an AND query on a stripped vector is
    about zero, so the rank is of the words, gated by the phrase matching.)
    """
    parts = [_fields_score(_words_query(word)) for word in words]
    phrase_scores = [
        _fields_score(
            _any([_words_query(w) for w in phrase]), only_where=_words_query(" ".join(phrase))
        )
        for phrase in phrases
    ]
    if phrase_scores:
        best = phrase_scores[0] if len(phrase_scores) == 1 else Greatest(*phrase_scores)
        parts.append(best * SYNONYM_WEIGHT)
    return reduce(operator.add, parts) * Coalesce(F("diversity_prior"), Value(1.0))


def words_counts(queryset: QuerySet, sets: list[tuple[str, ...]]) -> dict[tuple[str, ...], int]:
    """How many of ``queryset``'s entries hold every word of each set: one aggregate
    over the entries holding any of the words (found through the GIN index)."""
    words = list(dict.fromkeys(word for subset in sets for word in subset))
    holding_any = queryset.filter(tsv_all=_any([_words_query(word) for word in words]))
    counts = holding_any.aggregate(
        **{
            f"set_{i}": Count("pk", filter=Q(tsv_all=_words_query(" ".join(subset))))
            for i, subset in enumerate(sets)
        }
    )
    return {subset: counts[f"set_{i}"] for i, subset in enumerate(sets)}


def ranked_ids(
    queryset: QuerySet, words: list[str], phrases: list[list[str]], *, offset: int, limit: int
) -> list[tuple[int, float]]:
    """One page of ``queryset`` by relevance: (listing id, score), best first."""
    ranked = queryset.annotate(score=_score(words, phrases)).order_by("-score", "name_sort", "pk")
    return list(ranked.values_list("pk", "score")[offset : offset + limit])


# Each column's array type, for writing a chunk of entries as one INSERT … SELECT
# FROM unnest(arrays): a handful of parameters however many rows (a multi-row
# VALUES list has twenty per row, and psycopg's parsing of it cost more than the
# insert), with each tsvector computed as the row goes in rather than by a
# second UPDATE of every row.
ENTRY_COLUMNS = {
    "listing_id": "bigint",
    "framework": "text",
    "lot": "text",
    "size": "text",
    "vcse": "boolean",
    "based_in": "text",
    "whole_uk": "boolean",
    "open_standards": "boolean",
    "apprenticeships": "boolean",
    "buy_online": "boolean",
    "price": "numeric",
    "name_sort": "text",
    "diversity_prior": "double precision",
    "document": "jsonb",
    **{f"text_{field}": "text" for field in TEXT_FIELDS},
}


def _entries_insert_sql() -> str:
    """One INSERT … SELECT of a chunk of entries, computing their stripped tsvectors.

    The all-fields vector is the union of the field vectors (``||``): the text
    columns hold plain words separated by spaces, so it is the same vector
    ``SearchVector(*columns)`` would make from their concatenation, for half the
    stemming.
    """
    table = SearchEntry._meta.db_table
    vectors = [f"tsv_{field}" for field in TEXT_FIELDS]
    stemmed = ", ".join(
        f"strip(to_tsvector('{CONFIG}'::regconfig, COALESCE(e.text_{field}, ''))) AS tsv_{field}"
        for field in TEXT_FIELDS
    )
    arrays = ", ".join(f"%s::{kind}[]" for kind in ENTRY_COLUMNS.values())
    columns = ", ".join(ENTRY_COLUMNS)
    return (
        f"INSERT INTO {table} ({columns}, refreshed_at, {', '.join(vectors)}, tsv_all) "  # noqa: S608 - constants only
        f"SELECT {columns}, now(), {', '.join(vectors)}, {' || '.join(vectors)} "
        f"FROM (SELECT e.*, {stemmed} FROM unnest({arrays}) AS e({columns})) AS stemmed"
    )


def _array(entries: list[dict], column: str) -> list:
    if column == "document":
        return [json.dumps(entry["document"]) for entry in entries]
    if column == "price":
        return [str(entry["price"]) for entry in entries]
    return [entry[column] for entry in entries]


def entries_write(entries: list[dict], values: list[tuple[int, str, str]]) -> None:
    """Insert entries (``SearchEntry`` columns) with their tsvectors, and their value rows."""
    value_table = SearchEntryValue._meta.db_table
    with connections[SearchEntry.objects.db].cursor() as cursor:
        cursor.execute(_entries_insert_sql(), [_array(entries, c) for c in ENTRY_COLUMNS])
        cursor.execute(
            f"INSERT INTO {value_table} (entry_id, facet, value) "  # noqa: S608 - the table name is ours
            "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[])",
            [list(column) for column in zip(*values, strict=True)] if values else [[], [], []],
        )


def statistics_refresh() -> None:
    """ANALYZE the entry tables after a rebuild has replaced every row.

    Until autovacuum gets round to it (and its ANALYZE then competes with the
    first searches) the planner plans with the replaced rows' statistics.
    ANALYZE may run inside the rebuild's transaction; at 10,000 listings it
    takes a fraction of a second.
    """
    with connections[SearchEntry.objects.db].cursor() as cursor:
        for model in (SearchEntry, SearchEntryValue):
            cursor.execute(f"ANALYZE {model._meta.db_table}")

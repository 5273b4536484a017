"""Full text on SQLite: an FTS5 table (porter stemmer) ranked by bm25 with column weights.

The FTS5 table ``catalogue_search_fts`` is created by migration 0002 over the
entry's text columns and kept in step by triggers. Its columns are in boost
order, so ``bm25(table, 8, 5, 3, 2, 1)`` would apply ``FIELD_BOOSTS`` directly;
instead each column is scored on its own (``bm25`` with the other columns'
weights nought) and the listing scores its best column plus ``TIE_BREAKER``
times the others, so saying the same words in every field gains little. (On
PostgreSQL and the engine the best field is taken per word; bm25 gives one
column's score for all the words together, so here it is per column: close, and
the same where it matters, a listing repeating the buyer's words everywhere.)
The text it indexes has each word once per field (search/database_text.py), so
bm25's term frequency is always one: repetition gains nothing. The score is then
multiplied by the entry's ``diversity_prior``, which demotes mostly repeated text.

bm25 cannot weight one part of a MATCH less than another, so the buyer's words
and the synonym phrases are matched and scored separately and the synonym score
is added at ``SYNONYM_WEIGHT``.
"""

import json

from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from .models import TEXT_FIELDS, SearchEntry, SearchEntryValue
from .relevance import FIELD_BOOSTS, SYNONYM_WEIGHT, TIE_BREAKER

FTS = "catalogue_search_fts"
COLUMNS = [f"text_{field}" for field in TEXT_FIELDS]
MATCHING_IDS = "SELECT rowid FROM catalogue_search_fts WHERE catalogue_search_fts MATCH %s"
IDS_FROM_JSON = "SELECT value FROM json_each(%s)"


def _column_bm25(column: str) -> str:
    weights = ", ".join(f"{FIELD_BOOSTS[f]:g}" if f == column else "0" for f in TEXT_FIELDS)
    return f"bm25({FTS}, {weights})"


# bm25 is negative, lower for better matches: the best column is the MIN.
_COLUMNS_BM25 = [_column_bm25(field) for field in TEXT_FIELDS]
_BEST = f"min({', '.join(_COLUMNS_BM25)})"
BM25 = f"({_BEST} + {TIE_BREAKER:g} * (({' + '.join(_COLUMNS_BM25)}) - {_BEST}))"
# One scan per part of the query: the buyer's words, then each synonym phrase.
WORDS_SCORED = f"SELECT rowid, {BM25} AS main, NULL AS synonym FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608 - constants only
PHRASE_SCORED = f"SELECT rowid, NULL AS main, {BM25} AS synonym FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608 - constants only


def _all(words: list[str]) -> str:
    # Each word quoted, so FTS5 reads AND, OR, NEAR and punctuation as plain words.
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def _main(words: list[str]) -> str | None:
    return _all(words) or None


def _phrase(phrase: list[str]) -> str:
    """All of a phrase's words in one column (word order was lost to capping)."""
    return " OR ".join(f"({column} : ({_all(phrase)}))" for column in COLUMNS)


def _synonyms(phrases: list[list[str]]) -> str | None:
    return " OR ".join(f"({_phrase(phrase)})" for phrase in phrases) or None


def keyword_filter(words: list[str], phrases: list[list[str]]) -> Q:
    """The entries matching the keywords, found once and passed on as a list of ids.

    A results page asks several questions of the same matches (the total, the
    page, a few facet counts); a subquery would run the MATCH again for each.
    The ids travel as one JSON parameter, which has no limit on their number.
    """
    parts = [part for part in (_main(words), _synonyms(phrases)) if part]
    if not parts:
        return Q(pk__in=[])
    expression = " OR ".join(f"({part})" for part in parts)
    with connections[SearchEntry.objects.db].cursor() as cursor:
        cursor.execute(MATCHING_IDS, [expression])
        ids = [row[0] for row in cursor.fetchall()]
    return Q(pk__in=RawSQL(IDS_FROM_JSON, [json.dumps(ids)]))  # noqa: S611 - ids are a parameter


def ranked_ids(
    queryset: QuerySet, words: list[str], phrases: list[list[str]], *, offset: int, limit: int
) -> list[tuple[int, float]]:
    """One page of ``queryset`` by relevance: (listing id, score), best first.

    The score is the bm25 of the buyer's words plus SYNONYM_WEIGHT times the bm25
    of the best-matching synonym phrase (not their sum: naming every product in
    the synonym list gains a listing nothing over naming the best one).
    """
    arms = [WORDS_SCORED] if words else []
    params = [_main(words)] if words else []
    for phrase in phrases:
        arms.append(PHRASE_SCORED)
        params.append(_phrase(phrase))
    ids_sql, ids_params = queryset.values("pk").query.sql_with_params()
    table = SearchEntry._meta.db_table
    # bm25 is lower for better matches, so the score is its negation. The scores
    # are MATERIALIZED first: if SQLite pushed the id filter down into the FTS5
    # scan it could answer by rowid instead of MATCH, where bm25 cannot run. Only
    # constants and Django's compiled SQL are interpolated; values are parameters.
    sql = (
        f"WITH m AS MATERIALIZED ({' UNION ALL '.join(arms)}) "  # noqa: S608
        f"SELECT m.rowid, -(COALESCE(SUM(m.main), 0) + {SYNONYM_WEIGHT:g} * "
        "COALESCE(MIN(m.synonym), 0)) * COALESCE(e.diversity_prior, 1) AS score FROM m "
        f"JOIN {table} AS e ON e.listing_id = m.rowid WHERE m.rowid IN ({ids_sql}) "
        "GROUP BY m.rowid, e.name_sort, e.diversity_prior "
        "ORDER BY ROUND(score, 9) DESC, e.name_sort, m.rowid "
        "LIMIT %s OFFSET %s"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, [*params, *ids_params, limit, offset])
        return [(pk, score) for pk, score in cursor.fetchall()]


def words_counts(queryset: QuerySet, sets: list[tuple[str, ...]]) -> dict[tuple[str, ...], int]:
    """How many of ``queryset``'s entries hold every word of each set (one MATCH a set:
    FTS5 answers each from its index)."""
    return {subset: queryset.filter(keyword_filter(list(subset), [])).count() for subset in sets}


def entries_write(entries: list[dict], values: list[tuple[int, str, str]]) -> None:
    """Insert entries (``SearchEntry`` columns) and their (entry, facet, value) rows.

    The triggers keep the FTS5 table in step. The value rows, some twenty a
    listing, go in with one plain executemany: building a model instance for
    each would take most of a rebuild's time.
    """
    SearchEntry.objects.bulk_create([SearchEntry(**columns) for columns in entries])
    table = SearchEntryValue._meta.db_table
    with connections[SearchEntryValue.objects.db].cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (entry_id, facet, value) VALUES (%s, %s, %s)",  # noqa: S608 - the table name is ours
            values,
        )


def statistics_refresh() -> None:
    """Nothing to do: SQLite keeps no planner statistics unless ANALYZE was run once."""

"""The "did you mean" of the database: the ``SpellingWord`` vocabulary, kept and asked.

Kept: a rebuild of the search table recounts every word from the entries; a
refresh of some listings applies the difference between their words before and
after (search/database_index.py calls both), so a word goes when the last
listing using it does.

Asked: one primary-key lookup tells which of the buyer's words the catalogue
lacks (a search spelt right stops there); only then are the candidates fetched,
in one query for all the unknown words: on PostgreSQL the nearest words by
pg_trgm trigram distance (the GiST index answers ``ORDER BY word <-> 'payrol'``
nearest first), on SQLite every word with the same first letter and a length
within reach, read through the primary key. The choice among candidates is
search/spelling_rules.py's, the same as the engine's.
"""

import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import reduce

from django.db import connections
from django.db.models import F, Q
from django.db.models.functions import Greatest, Length

from .models import SearchEntry, SpellingWord
from .spelling_rules import (
    Candidate,
    Spelling,
    max_edits,
    spelling_candidate_choose,
    spelling_make,
    spelling_words_checked,
    vocabulary_words,
)

WORD_MAX = SpellingWord._meta.get_field("word").max_length
# Trigram neighbours read per unknown word. The winner is within two edits, which
# leaves most of its trigrams in place, so it is among the nearest few dozen of
# the words with its first letter and length; a hundred leaves a wide margin.
NEIGHBOURS = 100
TRIGRAM_CANDIDATES = f"""
    SELECT q.word, c.word, c.listings
    FROM unnest(%s::text[], %s::int[]) AS q(word, edits)
    CROSS JOIN LATERAL (
        SELECT w.word, w.listings FROM {SpellingWord._meta.db_table} AS w
        WHERE left(w.word, 1) = left(q.word, 1)
          AND char_length(w.word) BETWEEN char_length(q.word) - q.edits
                                      AND char_length(q.word) + q.edits
        ORDER BY w.word <-> q.word
        LIMIT {NEIGHBOURS}
    ) AS c
"""  # noqa: S608 - only the table name and a constant are interpolated


# Keeping the vocabulary ---------------------------------------------------------------


def _counted(documents: Iterable[dict]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for document in documents:
        counts.update(word for word in vocabulary_words(document) if len(word) <= WORD_MAX)
    return counts


def spelling_vocabulary_rebuild() -> int:
    """Recount every word from the search entries; returns how many words there are."""
    SpellingWord.objects.all().delete()
    documents = SearchEntry.objects.values_list("document", flat=True).iterator(chunk_size=500)
    counts = _counted(documents)
    SpellingWord.objects.bulk_create(
        [SpellingWord(word=word, listings=n) for word, n in counts.items()], batch_size=1000
    )
    return len(counts)


def spelling_vocabulary_before(*, listing_ids: list[int]) -> Counter[str]:
    """The words these listings' entries give the vocabulary now, before a refresh.

    The entries are locked, so two refreshes of one listing count its words once.
    """
    entries = SearchEntry.objects.select_for_update().filter(pk__in=listing_ids)
    return _counted(entries.values_list("document", flat=True))


def spelling_vocabulary_change(*, before: Counter[str], documents: list[dict]) -> None:
    """Apply the difference between the words counted ``before`` and those of ``documents``.

    Words changing by the same amount share one UPDATE, so a refresh costs a few
    queries however many words its listings have.
    """
    change = _counted(documents)
    change.subtract(before)
    by_amount: dict[int, list[str]] = defaultdict(list)
    for word, amount in change.items():
        if amount:
            by_amount[amount].append(word)
    if not by_amount:
        return
    known = set(
        SpellingWord.objects.filter(
            word__in=[w for ws in by_amount.values() for w in ws]
        ).values_list("word", flat=True)
    )
    for amount, changed in by_amount.items():
        SpellingWord.objects.filter(word__in=[w for w in changed if w in known]).update(
            listings=Greatest(F("listings") + amount, 0)
        )
    SpellingWord.objects.bulk_create(
        [
            SpellingWord(word=word, listings=amount)
            for amount, changed in by_amount.items()
            if amount > 0
            for word in changed
            if word not in known
        ],
        batch_size=1000,
    )
    SpellingWord.objects.filter(listings=0).delete()


# Asking it -------------------------------------------------------------------------------


def _candidates_postgres(unknown: list[str]) -> dict[str, list[Candidate]]:
    found: dict[str, list[Candidate]] = defaultdict(list)
    with connections[SpellingWord.objects.db].cursor() as cursor:
        cursor.execute(TRIGRAM_CANDIDATES, [unknown, [max_edits(word) for word in unknown]])
        for word, candidate, listings in cursor.fetchall():
            found[word].append(Candidate(candidate, listings))
    return found


def _candidates_sqlite(unknown: list[str]) -> dict[str, list[Candidate]]:
    def reach(word: str) -> Q:
        edits = max_edits(word)
        first = word[0]
        return Q(
            word__gte=first,
            word__lt=chr(ord(first) + 1),
            length__gte=len(word) - edits,
            length__lte=len(word) + edits,
        )

    rows = (
        SpellingWord.objects.annotate(length=Length("word"))
        .filter(reduce(operator.or_, map(reach, unknown)))
        .values_list("word", "listings")
    )
    candidates = [Candidate(word, listings) for word, listings in rows]
    return dict.fromkeys(unknown, candidates)  # the rules keep each word's own


def spelling_words_unknown(*, keywords: str) -> list[str]:
    """The buyer's words that could be misspelt and that no listing uses: one indexed query."""
    checked = spelling_words_checked(keywords=keywords)
    if not checked:
        return []
    known = set(SpellingWord.objects.filter(word__in=checked).values_list("word", flat=True))
    return [word for word in checked if word not in known]


def database_spelling_suggest(
    *, keywords: str, unknown: list[str] | None = None
) -> Spelling | None:
    """The keywords with their misspelt words corrected from the catalogue, if any are.

    ``unknown``: the words ``spelling_words_unknown`` found, if the caller has asked it.
    """
    unknown = spelling_words_unknown(keywords=keywords) if unknown is None else unknown
    if not unknown:
        return None
    vendor = connections[SpellingWord.objects.db].vendor
    find = _candidates_postgres if vendor == "postgresql" else _candidates_sqlite
    candidates = find(unknown)
    corrections = {}
    for word in unknown:
        choice = spelling_candidate_choose(word=word, candidates=candidates.get(word, []))
        if choice:
            corrections[word] = choice
    return spelling_make(keywords=keywords, corrections=corrections)

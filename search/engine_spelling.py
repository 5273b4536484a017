"""The engine's "did you mean": a term suggester on the index's unstemmed spelling field.

One small request (no hits, no counts) per keyword search with a word that could
be misspelt. ``suggest_mode: missing`` makes the engine look for neighbours only
of the words no listing uses, so for a search spelt right it is one dictionary
lookup per word. The suggester returns the words within two edits with the same
first letter, as search/spelling_rules.py asks; the choice among them is made
there, as for the database, so both executors suggest the same word.

A separate request rather than a section of the search itself: an index built
before the spelling field existed answers a suggester on it with an error, which
would fail the whole search; here it only loses the suggestion to the database.
"""

from elasticsearch_dsl import Q, Search

from .engine_client import engine_search
from .engine_mapping import SPELLING_FIELD, index_alias
from .spelling_rules import (
    MIN_LENGTH,
    Candidate,
    Spelling,
    spelling_candidate_choose,
    spelling_make,
    spelling_words_checked,
)

SUGGESTION = "spelling"
# Candidates returned per word: every one within reach, in practice (a word has
# rarely more than a handful of catalogue words one or two edits away).
CANDIDATES = 25


def spelling_suggester(*, words: list[str]) -> Search:
    """The suggest-only request for these words."""
    term = {
        "field": SPELLING_FIELD,
        "suggest_mode": "missing",
        "size": CANDIDATES,
        "max_edits": 2,
        "prefix_length": 1,
        "min_word_length": MIN_LENGTH,
        # Keep every candidate within the edits: the rules choose, not the engine's score.
        "accuracy": 0.1,
    }
    search = Search().query(Q("match_none")).extra(size=0, track_total_hits=False)
    return search.suggest(SUGGESTION, " ".join(words), term=term)


def engine_spelling_suggest(
    *, keywords: str, client=None, timeout: float | None = None
) -> Spelling | None:
    """The keywords with their misspelt words corrected from the index, if any are.

    Raises ``EngineUnavailable`` if the engine does not answer.
    """
    checked = spelling_words_checked(keywords=keywords)
    if not checked:
        return None
    body = engine_search(
        index=index_alias(),
        search=spelling_suggester(words=checked),
        client=client,
        timeout=timeout,
    )
    corrections = {}
    for entry in body.get("suggest", {}).get(SUGGESTION, []):
        word = entry["text"]
        candidates = [Candidate(option["text"], option["freq"]) for option in entry["options"]]
        choice = spelling_candidate_choose(word=word, candidates=candidates)
        if choice and word in checked:
            corrections[word] = choice
    return spelling_make(keywords=keywords, corrections=corrections)

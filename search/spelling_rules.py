"""The "did you mean" rules both executors share, as pure functions (no database, no engine).

The vocabulary is the catalogue's own words, as suppliers wrote them (unstemmed,
lower-cased, stop words left out), each with the number of listings that use it.
Each store finds the candidates its own way (the engine's term suggester, pg_trgm
on PostgreSQL, an edit distance over the word table on SQLite); the choice among
them is made here, so both executors suggest the same word for the same typo:

* only a word of ``MIN_LENGTH`` to ``MAX_LENGTH`` letters with no digits, that no
  listing uses, is corrected ("payrol"), never a word the catalogue has;
* a candidate starts with the same letter (typos at the start are rare, and the
  engine's suggester needs that prefix to be fast) and is at most
  ``max_edits`` edits away, a swap of two neighbouring letters counting as one
  edit, as Lucene counts it;
* an inflection of the buyer's word is no correction ("hackers" → "hacker"): the
  search already matches inflections;
* the nearest candidate wins, then the one most listings use, then the first
  alphabetically, so the answer never depends on which store was asked.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from marketplace.core.text import STOPWORDS, WORD, words

# The listing fields whose words make up the vocabulary (those a buyer's words match).
FIELDS = ("name", "categories", "summary", "features", "description")
MIN_LENGTH = 4  # shorter words have too many neighbours to guess from ("cat", "car", "can")
MAX_LENGTH = 40
INFLECTIONS = ("s", "es", "d", "ed", "ing", "er", "ers")


@dataclass(frozen=True)
class Candidate:
    word: str
    listings: int  # how many listings use it


@dataclass(frozen=True)
class Spelling:
    """The buyer's keywords with each misspelt word replaced by its correction."""

    keywords: str
    corrections: tuple[tuple[str, str], ...]  # (buyer's word, catalogue word), in query order


def vocabulary_words(document: dict) -> set[str]:
    """The distinct vocabulary words of one listing's search document."""
    found: set[str] = set()
    for field in FIELDS:
        value = document.get(field) or ""
        for text in [value] if isinstance(value, str) else value:
            found.update(word for word in words(text) if word not in STOPWORDS)
    return found


def spelling_words_checked(*, keywords: str) -> list[str]:
    """The buyer's words that could be misspellings, once each, in query order."""
    return list(
        dict.fromkeys(
            word
            for word in words(keywords)
            if MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha() and word not in STOPWORDS
        )
    )


def max_edits(word: str) -> int:
    """One edit in a short word, two in a longer one (Lucene's "AUTO" fuzziness)."""
    return 1 if len(word) < 6 else 2


def edit_distance(first: str, second: str, *, limit: int) -> int:
    """Edits from one word to the other, an adjacent swap counting as one (optimal string
    alignment); any distance above ``limit`` is returned as ``limit + 1``."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _inflection(word: str, other: str) -> bool:
    short, long = sorted((word, other), key=len)
    return any(long == short + ending for ending in INFLECTIONS)


def spelling_candidate_choose(*, word: str, candidates: Iterable[Candidate]) -> str | None:
    """The catalogue word to suggest for ``word``, or None if no candidate is close enough."""
    limit = max_edits(word)
    ranked = []
    for candidate in candidates:
        other = candidate.word
        if other == word:
            return None  # the catalogue has the word: it is spelt right
        if other[:1] != word[:1] or _inflection(word, other):
            continue
        distance = edit_distance(word, other, limit=limit)
        if distance <= limit:
            ranked.append((distance, -candidate.listings, other))
    return min(ranked)[2] if ranked else None


def spelling_make(*, keywords: str, corrections: dict[str, str]) -> Spelling | None:
    """The keywords with each corrected word replaced, the rest as the buyer typed it."""
    if not corrections:
        return None
    pieces, position, made = [], 0, {}
    for match in WORD.finditer(keywords):
        correction = corrections.get(match.group().lower())
        if correction is None:
            continue
        pieces += [keywords[position : match.start()], correction]
        position = match.end()
        made.setdefault(match.group().lower(), correction)
    pieces.append(keywords[position:])
    return Spelling(keywords=" ".join("".join(pieces).split()), corrections=tuple(made.items()))

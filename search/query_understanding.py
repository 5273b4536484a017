"""What a buyer's words mean, before either executor searches: a pure module, no server.

Both executors take the same ``Understanding`` of the keywords, so they match
the same words, bring in the same vocabulary and relax the same way:

* **Words that must match** are the buyer's words less stop words and buyer
  filler ("need", "supplier", "help"), with spellings that split differently
  made one ("e-mail" is "email"). Inflections ("phones") are left to each
  executor's English stemmer, which already matches "phone".
* **Vocabulary**: a buyer phrase applies when each of its words is among the
  buyer's, compared by a light stem (``stem``), so "phones" finds the "phone"
  entry and "text messages to parents" the "text parents" one. Its catalogue
  words join the search as alternatives (at ``SYNONYM_WEIGHT``) and its
  categories are suggested above the results.
* **Relaxation**: when nothing matches every word, the executor counts the
  listings holding each smaller set of the words (``relaxation_sets``) and
  answers for the best one (``relaxation_choose``): the most words some
  listings hold together, then the most listings. The page then names exactly
  the words every result matches.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from marketplace.core.text import STOPWORDS, words

from .relevance import BUYER_VOCABULARY, FILLER_WORDS, SPELLINGS, VOCABULARY_WORDS

# Relaxation tries every set of up to this many words (2^5 - 2 = 30 sets at most),
# so its counts stay one request however long the query.
RELAX_WORDS_MAX = 5

_SPELLING = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(s) for s in sorted(SPELLINGS, key=len, reverse=True))
    + r")(?![\w-])"
)


@dataclass(frozen=True)
class VocabularyEntry:
    phrase: str
    catalogue: tuple[str, ...]  # catalogue words and phrases it brings in
    categories: tuple[str, ...] = ()  # category slugs


@dataclass(frozen=True)
class Understanding:
    words: tuple[str, ...] = ()  # must all match (or a vocabulary phrase must)
    phrases: tuple[tuple[str, ...], ...] = ()  # vocabulary expansions, each as its words
    entries: tuple[VocabularyEntry, ...] = ()  # the vocabulary entries that applied
    ignored: tuple[str, ...] = ()  # filler words that need not match

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(slug for entry in self.entries for slug in entry.categories))

    def narrowed(self, kept: Iterable[str]) -> "Understanding":
        """Only ``kept`` of the words, and no vocabulary: the relaxed search."""
        return Understanding(words=tuple(kept), ignored=self.ignored)


def stem(word: str) -> str:
    """A light English stem for looking words up: plurals, -ing/-ed and a final e.

    Used only to compare the buyer's words with vocabulary and category names (both
    sides go through it), never for matching listings, which the executors' own
    stemmers do. "phones"/"phone" → "phon", "messages"/"message" → "messag".
    """
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("sses"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _spelled(text: str) -> str:
    return _SPELLING.sub(lambda found: SPELLINGS[found.group(1)], text.lower())


def keyword_words(keywords: str) -> list[str]:
    """Every word of the keywords, spellings made one, in order, repeats kept."""
    return words(_spelled(keywords))


def meaningful_words(keywords: str) -> tuple[list[str], list[str]]:
    """(words that must match, filler words that need not), without stop words or repeats.

    If the buyer typed nothing but filler ("services"), the filler is what they
    want, so it must match.
    """
    found = list(dict.fromkeys(w for w in keyword_words(keywords) if w not in STOPWORDS))
    kept = [w for w in found if w not in FILLER_WORDS]
    if not kept:
        return found, []
    return kept, [w for w in found if w in FILLER_WORDS]


def phrase_stems(phrase: str) -> frozenset[str]:
    """The stems a vocabulary phrase (or category name) needs among the buyer's words."""
    return frozenset(
        stem(word)
        for word in keyword_words(phrase)
        if word in VOCABULARY_WORDS or (word not in STOPWORDS and word not in FILLER_WORDS)
    )


def query_stems(keywords: str) -> frozenset[str]:
    return frozenset(stem(word) for word in keyword_words(keywords))


def shipped_vocabulary() -> list[VocabularyEntry]:
    return [
        VocabularyEntry(phrase, catalogue, categories)
        for phrase, (catalogue, categories) in BUYER_VOCABULARY.items()
    ]


def vocabulary_merge(
    shipped: Iterable[VocabularyEntry], edited: Iterable[VocabularyEntry]
) -> list[VocabularyEntry]:
    """The shipped entries with CCS's admin entries added; theirs win for the same phrase."""
    merged = {" ".join(keyword_words(entry.phrase)): entry for entry in shipped}
    merged |= {" ".join(keyword_words(entry.phrase)): entry for entry in edited}
    return list(merged.values())


def _expansions(entries: Iterable[VocabularyEntry]) -> list[tuple[str, ...]]:
    """The catalogue phrases, each as the words the executors will match (no stop words).

    A catalogue word the buyer also typed stays: "staff training online" must
    find training services that say nothing of staff or online, and they do
    through the entry, at the vocabulary's lower weight.
    """
    phrases: dict[tuple[str, ...], None] = {}
    for entry in entries:
        for catalogue in entry.catalogue:
            phrase = tuple(w for w in keyword_words(catalogue) if w not in STOPWORDS)
            if phrase:
                phrases.setdefault(phrase, None)
    return list(phrases)


def understand(keywords: str, vocabulary: Iterable[VocabularyEntry] | None = None) -> Understanding:
    """The keywords as both executors search them (``vocabulary``: shipped if not given)."""
    kept, ignored = meaningful_words(keywords)
    if not kept:
        return Understanding()
    stems = query_stems(keywords)
    entries = tuple(
        entry
        for entry in (shipped_vocabulary() if vocabulary is None else vocabulary)
        if (needed := phrase_stems(entry.phrase)) and needed <= stems
    )
    return Understanding(
        words=tuple(kept),
        phrases=tuple(_expansions(entries)),
        entries=entries,
        ignored=tuple(ignored),
    )


def relaxation_sets(words: Iterable[str]) -> list[tuple[str, ...]]:
    """The smaller sets of the words to count when nothing holds them all, largest first.

    Only the first ``RELAX_WORDS_MAX`` words take part: a long query relaxes
    over its first words, which is where buyers put what they want.
    """
    considered = list(words)[:RELAX_WORDS_MAX]
    return [
        subset
        for size in range(len(considered) - 1, 0, -1)
        for subset in combinations(considered, size)
    ]


def relaxation_choose(counts: Mapping[tuple[str, ...], int]) -> tuple[str, ...]:
    """The set of words to answer for: most words held together, then most listings,
    then the buyer's own order (``counts`` in ``relaxation_sets`` order). Empty when
    no listing holds any of the words."""
    best: tuple[str, ...] = ()
    best_key = (0, 0)
    for subset, count in counts.items():
        key = (len(subset), count)
        if count and key > best_key:
            best, best_key = subset, key
    return best


def categories_named(keywords: str, categories: Iterable[tuple[str, str]]) -> list[str]:
    """Slugs of the categories the keywords name: every word of the category's name is
    among the buyer's ("payroll and hr"), or every meaningful word of the buyer's is in
    the name ("payroll" → "Payroll and HR")."""
    stems = query_stems(keywords)
    kept = frozenset(stem(word) for word in meaningful_words(keywords)[0])
    if not kept:
        return []
    found = []
    for slug, name in categories:
        needed = phrase_stems(name)
        if needed and (needed <= stems or kept <= needed):
            found.append(slug)
    return found

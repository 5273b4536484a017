"""The buyer vocabulary in force: the list shipped in code plus CCS's admin entries.

Read once per search (one query), so an entry CCS add or change applies to the
next search, with no index to rebuild: vocabulary is applied at query time.
"""

from .models import BuyerPhrase
from .query_understanding import (
    Understanding,
    VocabularyEntry,
    shipped_vocabulary,
    understand,
    vocabulary_merge,
)


def vocabulary_read() -> list[VocabularyEntry]:
    """Every vocabulary entry in use; one query for the admin entries and their categories."""
    edited: dict[str, tuple[str, list[str]]] = {}
    rows = BuyerPhrase.objects.filter(live=True).values_list(
        "phrase", "catalogue_words", "categories__slug"
    )
    for phrase, catalogue_words, slug in rows:
        entry = edited.setdefault(phrase, (catalogue_words, []))
        if slug:
            entry[1].append(slug)
    admin = [
        VocabularyEntry(
            phrase,
            tuple(line.strip() for line in text.splitlines() if line.strip()),
            tuple(sorted(slugs)),
        )
        for phrase, (text, slugs) in edited.items()
    ]
    return vocabulary_merge(shipped_vocabulary(), admin)


def keywords_understand(keywords: str) -> Understanding:
    """The keywords understood with the vocabulary in force (read once, here)."""
    if not keywords.strip():
        return Understanding()
    return understand(keywords, vocabulary_read())

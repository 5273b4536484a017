"""Word counting and normalisation shared by validation, duplicate detection and search."""

import re

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Words too common to count as padding when repeated.
STOPWORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "we",
        "with",
        "you",
        "your",
        "will",
        "can",
        "all",
        "any",
        "not",
        "no",
        "more",
        "than",
        "which",
        "who",
        "how",
        "what",
        "when",
        "where",
        "also",
        "other",
    )
)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def word_count(text: str) -> int:
    return len(text.split())


def stem(word: str) -> str:
    """A deliberately light stem, so 'cloud' and 'clouds' count as one word when padding."""
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word

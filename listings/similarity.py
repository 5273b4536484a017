"""Near-duplicate detection by word shingles.

Two listings whose 3-word shingle sets overlap by more than ``DUPLICATE_THRESHOLD``
(Jaccard similarity) are the same service told twice, a classic way to take more
room in search results.
"""

from marketplace.core.text import words

SHINGLE_SIZE = 3
DUPLICATE_THRESHOLD = 0.9


def shingles(text: str, *, size: int = SHINGLE_SIZE) -> frozenset[tuple[str, ...]]:
    tokens = words(text)
    if len(tokens) < size:
        return frozenset({tuple(tokens)}) if tokens else frozenset()
    return frozenset(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def text_similarity(a: str, b: str) -> float:
    return jaccard(shingles(a), shingles(b))

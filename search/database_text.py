"""Text handling shared by both database back ends: words, capping, query words, highlights.

Term-frequency capping happens here, before anything is indexed: each field's
text is reduced to its distinct words, in first-seen order (``text_once``). A
listing that says "backup" ten times in its description is indexed exactly like
one that says it once, so FTS5's bm25 and PostgreSQL's ts_rank see a frequency
of one either way and repetition gains nothing. (PostgreSQL goes further and
strips the tsvector, so inflections of one stem also count once; on SQLite the
porter stemmer runs inside FTS5, so "backup" and "backups" are two words here and
count at most once each.) Deduplicating removes word order, which is why
synonym phrases are matched as "all the phrase's words in one field", not as
exact phrases.
"""

import re
from collections.abc import Iterable
from functools import lru_cache
from html import escape as html_escape  # what django.utils.html.escape does, without SafeString

from marketplace.core.text import WORD, words

from .query_understanding import Understanding, understand


def text_once(parts: str | Iterable[str]) -> str:
    """The distinct words of ``parts``, each once, in the order first seen."""
    texts = [parts] if isinstance(parts, str) else list(parts)
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            seen.setdefault(word, None)
    return " ".join(seen)


def query_words(keywords: str) -> list[str]:
    """The buyer's words that must all match, without stop words, filler or repeats
    (the shipped vocabulary's reading; search/query_understanding.py)."""
    return list(understand(keywords).words)


def query_phrases(keywords: str) -> list[list[str]]:
    """The vocabulary phrases the keywords bring in, each as its words."""
    return [list(phrase) for phrase in understand(keywords).phrases]


# Highlights. The database has no stemmer outside SQL, so a word is marked when
# it shares a crude stem with a query word: cosmetic, never used for matching.
_SUFFIXES = ("ing", "ies", "es", "ed", "ly", "s")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
FRAGMENT_CHARS = 160
FRAGMENTS = 2


@lru_cache(maxsize=65536)
def _crude_stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def highlight_stems(understanding: Understanding) -> frozenset[str]:
    terms = [*understanding.words, *(w for phrase in understanding.phrases for w in phrase)]
    return frozenset(_crude_stem(term) for term in terms)


def mark(text: str, stems: frozenset[str]) -> str | None:
    """``text`` escaped, with matching words in <mark>; None if nothing matched.

    Every piece is escaped before any tag is added, so a listing's text can never
    inject markup. (Escaping piece by piece gives what escaping the whole would:
    each character is replaced on its own.) Most description sentences match
    nothing, so the matches are found before anything is escaped.
    """
    matches = [m for m in WORD.finditer(text) if _crude_stem(m.group().lower()) in stems]
    if not matches:
        return None
    pieces: list[str] = []
    position = 0
    for match in matches:
        pieces.append(html_escape(text[position : match.start()]))
        pieces.append(f"<mark>{html_escape(match.group())}</mark>")
        position = match.end()
    pieces.append(html_escape(text[position:]))
    return "".join(pieces)


def _window(sentence: str, stems: frozenset[str]) -> str:
    """A long sentence cut to about FRAGMENT_CHARS around its first matching word."""
    if len(sentence) <= FRAGMENT_CHARS:
        return sentence
    first = next(
        (m.start() for m in WORD.finditer(sentence) if _crude_stem(m.group().lower()) in stems),
        0,
    )
    start = sentence.rfind(" ", 0, max(first - 40, 0)) + 1 if first > 40 else 0
    end = sentence.rfind(" ", start, start + FRAGMENT_CHARS)
    end = end if end > first else start + FRAGMENT_CHARS
    return ("… " if start else "") + sentence[start:end] + (" …" if end < len(sentence) else "")


def highlights(document: dict, understanding: Understanding) -> dict[str, list[str]]:
    """Highlighted name and summary, and up to two description sentences that match."""
    stems = highlight_stems(understanding)
    if not stems:
        return {}
    found: dict[str, list[str]] = {}
    for field in ("name", "summary"):
        marked = mark(document.get(field, ""), stems)
        if marked:
            found[field] = [marked]
    fragments = []
    for sentence in _SENTENCE.split(document.get("description", "")):
        marked = mark(_window(sentence, stems), stems)
        if marked:
            fragments.append(marked)
        if len(fragments) == FRAGMENTS:
            break
    if fragments:
        found["description"] = fragments
    return found

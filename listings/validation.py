"""Rules against keyword stuffing and padding, as plain functions of the text.

The old Cloudstore filled up with listings whose names and summaries were lists
of search terms. These rules reject the patterns that gain a listing search
ranking without telling a buyer anything. Each message says what is wrong and
how to fix it, in the words the GOV.UK error message pattern uses.
"""

import re
from collections import Counter
from dataclasses import dataclass

from marketplace.core.text import STOPWORDS, words

from .text import stem, word_count

NAME_MAX_CHARACTERS = 100
SUMMARY_MAX_WORDS = 50
DESCRIPTION_MAX_WORDS = 500
ITEM_MAX_WORDS = 10
ITEMS_MAX = 10

# How often one word may appear before it counts as padding.
REPEAT_LIMITS = {"name": 2, "summary": 3, "description": 10}
# Fragments separated by these characters make a list, not a sentence.
LIST_SEPARATORS = re.compile(r"\s*[,;|/•·#]\s*|\s+-\s+|\n+")
KEYWORD_LABEL = re.compile(r"\b(?:keywords?|tags?|search terms?)\s*:", re.I)


@dataclass(frozen=True)
class ListingText:
    name: str
    summary: str
    description: str
    features: list[str]
    benefits: list[str]


def _most_repeated(text: str) -> tuple[str, int]:
    counts = Counter(stem(w) for w in words(text) if w not in STOPWORDS and not w.isdigit())
    if not counts:
        return "", 0
    word, count = counts.most_common(1)[0]
    return word, count


def _repetition_error(label: str, text: str, limit: int) -> str | None:
    word, count = _most_repeated(text)
    if count > limit:
        return f"{label} uses '{word}' {count} times. Use any one word no more than {limit} times"
    return None


def _fragments(text: str) -> list[str]:
    return [part for part in LIST_SEPARATORS.split(text.strip()) if part]


def looks_like_keyword_list(text: str, *, min_fragments: int) -> bool:
    """True for 'CRM, HR, payroll, finance' but not for a sentence with a comma or two."""
    if KEYWORD_LABEL.search(text):
        return True
    fragments = _fragments(text)
    if len(fragments) < min_fragments:
        return False
    average = sum(word_count(part) for part in fragments) / len(fragments)
    return average <= 3


def _name_errors(name: str) -> list[str]:
    if not name.strip():
        return ["Enter a service name"]
    if len(name) > NAME_MAX_CHARACTERS:
        return [f"Service name must be {NAME_MAX_CHARACTERS} characters or fewer"]
    if looks_like_keyword_list(name, min_fragments=3):
        return [
            "Service name must not be a list of keywords. "
            "Name the service in a few words, like 'Cloud backup for schools'"
        ]
    error = _repetition_error("Service name", name, REPEAT_LIMITS["name"])
    return [error] if error else []


def _summary_errors(summary: str) -> list[str]:
    if not summary.strip():
        return ["Enter a summary"]
    if word_count(summary) > SUMMARY_MAX_WORDS:
        return [f"Summary must be {SUMMARY_MAX_WORDS} words or fewer"]
    if looks_like_keyword_list(summary, min_fragments=5):
        return [
            "Summary must not be a list of keywords. "
            "Write one or two sentences about what the service does"
        ]
    error = _repetition_error("Summary", summary, REPEAT_LIMITS["summary"])
    return [error] if error else []


def _description_errors(description: str) -> list[str]:
    if not description.strip():
        return ["Enter a description"]
    if word_count(description) > DESCRIPTION_MAX_WORDS:
        return [f"Description must be {DESCRIPTION_MAX_WORDS} words or fewer"]
    error = _repetition_error("Description", description, REPEAT_LIMITS["description"])
    return [error] if error else []


def _items_errors(label: str, items: list[str]) -> list[str]:
    errors = []
    if len(items) > ITEMS_MAX:
        errors.append(f"Enter no more than {ITEMS_MAX} {label.lower()}s")
    seen: dict[str, int] = {}
    for position, item in enumerate(items, start=1):
        if word_count(item) > ITEM_MAX_WORDS:
            errors.append(f"{label} {position} must be {ITEM_MAX_WORDS} words or fewer")
        key = " ".join(words(item))
        if key in seen:
            errors.append(f"{label} {position} is the same as {label.lower()} {seen[key]}")
        else:
            seen[key] = position
    return errors


def listing_text_errors(text: ListingText) -> dict[str, list[str]]:
    """Every problem with a listing's words, keyed by the field to show it on."""
    found = {
        "name": _name_errors(text.name),
        "summary": _summary_errors(text.summary),
        "description": _description_errors(text.description),
        "features": _items_errors("Feature", text.features),
        "benefits": _items_errors("Benefit", text.benefits),
    }
    return {field: errors for field, errors in found.items() if errors}

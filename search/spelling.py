"""The "did you mean" suggestion: which store to ask, and the link that runs the corrected search.

The suggestion comes from the store that answered the search: the engine's
suggester when the engine answered, the database's vocabulary when the database
did (the embedded default, or a fallback while the engine is down). If the
engine answered the search but not the suggester, the database suggests instead.

Only words the search could not use are corrected: when every word matched
(the search found services without relaxing), there is nothing to correct, and
a buyer's plain English word the catalogue happens not to use ("send",
"parents") must not be "corrected" into a catalogue word ("spend", "payments").
So a suggestion is made only when the search found nothing, or relaxed, and
only for the words it could not match.

A search spelt right costs one indexed lookup in the database's vocabulary,
which is kept in step with the listings whichever store answers searches
(search/database_index.py): only when it finds a word no listing uses is the
engine's suggester asked, so searches spelt right never wait for a second
request to the engine.
"""

import logging

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse

from .database_spelling import database_spelling_suggest, spelling_words_unknown
from .engine_client import EngineUnavailable
from .request import SearchRequest, SearchResult
from .spelling_rules import Spelling, spelling_make

logger = logging.getLogger(__name__)


def spelling_suggest(*, search: SearchRequest, result: SearchResult) -> Spelling | None:
    """The buyer's keywords spelt as the catalogue spells them, if any word was misspelt."""
    keywords = search.keywords.strip()
    if not keywords or (result.total and not result.relaxed):
        return None  # every word matched something
    matched = set(result.matched_words)
    unknown = [word for word in spelling_words_unknown(keywords=keywords) if word not in matched]
    if not unknown:
        return None
    spelling = _spelling_from_store(keywords=keywords, unknown=unknown, result=result)
    if spelling is None:
        return None
    corrections = {word: fixed for word, fixed in spelling.corrections if word in unknown}
    return spelling_make(keywords=keywords, corrections=corrections)


def _spelling_from_store(
    *, keywords: str, unknown: list[str], result: SearchResult
) -> Spelling | None:
    if result.executor == "engine":
        from .engine_spelling import engine_spelling_suggest  # the database path never needs it

        try:
            return engine_spelling_suggest(
                keywords=keywords, timeout=settings.SEARCH_ENGINE_TIMEOUT
            )
        except EngineUnavailable as error:
            logger.warning("No spelling suggestion from the engine, asking the database: %s", error)
    return database_spelling_suggest(keywords=keywords, unknown=unknown)


def spelling_link(
    *, query: QueryDict, search: SearchRequest, result: SearchResult
) -> dict[str, str] | None:
    """The suggestion as the page shows it: the corrected words and a link to their search,
    keeping every filter the buyer chose (from the first page)."""
    spelling = spelling_suggest(search=search, result=result)
    if spelling is None:
        return None
    corrected = query.copy()
    corrected.pop("page", None)
    corrected["q"] = spelling.keywords
    return {
        "keywords": spelling.keywords,
        "href": reverse("search:results") + "?" + corrected.urlencode(),
    }

"""What a search is logged as: no person in it, only what was asked.

Pure functions, shared by the log (services), the report (selectors, admin views)
and "Recommended by CCS" (a recommendation matches the same normalised query the
log counts, so CCS can recommend for exactly what the report shows).
"""

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

# The search box accepts 200 characters (search/filters.py KEYWORDS_MAX).
QUERY_MAX = 200
# A search with dozens of categories ticked is still one row; past this length the
# filters are cut (at a whole "name=value" pair), which keeps the unique index small.
FILTERS_MAX = 1000
# The answers that do not change what was searched for: the order and the page.
NOT_FILTERS = frozenset({"q", "sort", "page"})


def query_normalise(text: str) -> str:
    """Lower-case, whitespace collapsed and trimmed, at most QUERY_MAX characters."""
    return " ".join(text.lower().split())[:QUERY_MAX].strip()


def filters_canonical(*, data: Mapping, valid: Iterable[str]) -> str:
    """The filters used, as a sorted query string ("regions=TLC&sizes=micro").

    Only the answers in ``valid`` count: they passed the form's validation, so each
    is one of the form's own choices (or a price), never free text a person typed.
    Sorted, so the same filters chosen in any order are the same row, and a query
    string, so the report can link to the search the buyer ran.
    """
    getlist = data.getlist if hasattr(data, "getlist") else lambda key: [data[key]]
    pairs = sorted(
        (name, value.strip())
        for name in set(valid) - NOT_FILTERS
        if name in data
        for value in getlist(name)
        if isinstance(value, str) and value.strip()
    )
    text = ""
    for pair in pairs:
        longer = f"{text}&{urlencode([pair])}" if text else urlencode([pair])
        if len(longer) > FILTERS_MAX:
            break
        text = longer
    return text

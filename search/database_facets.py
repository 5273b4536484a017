"""Facet counts for the database executor, with the post-filter semantics.

Each facet is counted under every filter except its own. The facets the buyer
has not touched all share one scope (every filter); each facet the buyer has
chosen something in has a scope of its own, without its own filter. Counting
a scope takes at most two grouped queries, whatever the catalogue's size:

* the single-valued facets (framework, lot, size, head office, VCSE, buy online)
  together group the entries by all their columns at once, scanning the narrow
  covering index; the untouched scope's groups also sum to the total of hits;
* the many-valued facets (category, region, accreditation, integration) group
  ``SearchEntryValue`` rows together. A service delivered across the whole UK
  has no region rows: those entries are counted once and added to every
  region, which keeps the value table small (most services are UK-wide).
"""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from marketplace.core.models import Region

from .facet_labels import TRUE, facet_selected, facet_values
from .models import SearchEntry, SearchEntryValue
from .request import FACETS, FacetValue, SearchRequest

COLUMN_FACETS = {
    "framework": "framework",
    "lot": "lot",
    "size": "size",
    "based_in": "based_in",
    "vcse": "vcse",
    "buy_online": "buy_online",
}
COLUMN_FACET_OF = {column: facet for facet, column in COLUMN_FACETS.items()}
VALUE_FACETS = ("category", "region", "accreditation", "integration")


def _column_value(value) -> str:
    if isinstance(value, bool):
        return TRUE if value else ""
    return value or ""


def _count_columns(scope: QuerySet[SearchEntry], facets: list[str], into: dict) -> int | None:
    """Count the single-valued facets in ``facets`` in one query; returns the scope's size.

    One ``GROUP BY`` over all their columns together (and ``whole_uk`` for the
    regions): the combinations are few (a few hundred at 10,000 listings), and
    each facet's counts are the sums over them. None if there was nothing to count.
    """
    columns = [COLUMN_FACETS[facet] for facet in facets if facet in COLUMN_FACETS]
    if "region" in facets:
        columns.append("whole_uk")
    if not columns:
        return None
    total = 0
    whole_uk = 0
    for *values, n in scope.values_list(*columns).annotate(n=Count("pk")).order_by():
        total += n
        for column, value in zip(columns, values, strict=True):
            if column == "whole_uk":
                whole_uk += n if value else 0
            elif _column_value(value):
                counts = into[COLUMN_FACET_OF[column]]
                counts[_column_value(value)] = counts.get(_column_value(value), 0) + n
    if "region" in facets and whole_uk:
        for code in Region.objects.values_list("code", flat=True):
            into["region"][code] = into["region"].get(code, 0) + whole_uk
    return total


def _count_values(scope: QuerySet[SearchEntry], facets: list[str], into: dict) -> None:
    facets = [facet for facet in facets if facet in VALUE_FACETS]
    if not facets:
        return
    rows = (
        SearchEntryValue.objects.filter(entry__in=scope.values("pk"), facet__in=facets)
        .values_list("facet", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for facet, value, n in rows:
        into[facet][value] = into[facet].get(value, 0) + n


def _count(scope: QuerySet[SearchEntry], facets: list[str], into: dict) -> int | None:
    total = _count_columns(scope, facets, into)
    _count_values(scope, facets, into)
    return total


def facet_counts(
    *, base: QuerySet[SearchEntry], chosen: dict[str, Q], request: SearchRequest
) -> tuple[dict[str, list[FacetValue]], int]:
    """Every facet's counts, and the number of hits (counted with them when it can be)."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    matching = base.filter(*chosen.values())
    untouched = [facet for facet in FACETS if facet not in chosen]
    total = _count(matching, untouched, counts) if untouched else None
    for facet in chosen:
        others = [query for name, query in chosen.items() if name != facet]
        _count(base.filter(*others), [facet], counts)
    facets = {
        facet: facet_values(facet, counts[facet], facet_selected(request, facet))
        for facet in FACETS
    }
    return facets, total if total is not None else matching.count()

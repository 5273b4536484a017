"""Facet counts for the database executor, with the post-filter semantics.

Each facet is counted under every filter except its own. The facets the buyer
has not touched all share one scope (every filter); each facet the buyer has
chosen something in has a scope of its own, without its own filter. Counting
a scope takes at most two grouped queries, whatever the catalogue's size:

* the facets stored as columns (``Store.COLUMN`` in search/facets.py: framework,
  lot, size, head office, VCSE, buy online) together group the entries by all
  their columns at once, scanning the narrow covering index; the untouched
  scope's groups also sum to the total of hits;
* the facets stored as value rows (``Store.VALUES``: category, region,
  accreditation, integration) group ``SearchEntryValue`` rows together. A service
  delivered across the whole UK has no region rows (the facet's ``whole``
  column): those entries are counted once and added to every region, which
  keeps the value table small (most services are UK-wide).
"""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from .facet_labels import TRUE, facet_selected, facet_values
from .facets import Facet, Store, facet_get, facets_all
from .models import SearchEntry, SearchEntryValue
from .request import FacetValue, SearchRequest


def _column_value(value) -> str:
    if isinstance(value, bool):
        return TRUE if value else ""
    return value or ""


def _count_columns(scope: QuerySet[SearchEntry], facets: list[Facet], into: dict) -> int | None:
    """Count the facets stored as columns in one query; returns the scope's size.

    One ``GROUP BY`` over all their columns together (and each "holds every
    value" column, such as ``whole_uk`` for the regions): the combinations are
    few (a few hundred at 10,000 listings), and each facet's counts are the sums
    over them. None if there was nothing to count.
    """
    columns = [facet.name for facet in facets if facet.store is Store.COLUMN]
    wholes = {facet.whole: facet for facet in facets if facet.whole}
    columns += list(wholes)
    if not columns:
        return None
    total = 0
    holding_all = dict.fromkeys(wholes, 0)
    for *values, n in scope.values_list(*columns).annotate(n=Count("pk")).order_by():
        total += n
        for column, value in zip(columns, values, strict=True):
            if column in wholes:
                holding_all[column] += n if value else 0
            elif _column_value(value):
                counts = into[column]
                counts[_column_value(value)] = counts.get(_column_value(value), 0) + n
    for column, n in holding_all.items():
        if n:
            facet = wholes[column]
            for value in _every_value(facet):
                into[facet.name][value] = into[facet.name].get(value, 0) + n
    return total


def _every_value(facet: Facet) -> list[str]:
    choices = facet.choices() if callable(facet.choices) else facet.choices
    return [str(value) for value, _label in choices]


def _count_values(scope: QuerySet[SearchEntry], facets: list[Facet], into: dict) -> None:
    names = [facet.name for facet in facets if facet.store is Store.VALUES]
    if not names:
        return
    rows = (
        SearchEntryValue.objects.filter(entry__in=scope.values("pk"), facet__in=names)
        .values_list("facet", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for facet, value, n in rows:
        into[facet][value] = into[facet].get(value, 0) + n


def _count(scope: QuerySet[SearchEntry], facets: list[Facet], into: dict) -> int | None:
    total = _count_columns(scope, facets, into)
    _count_values(scope, facets, into)
    return total


def facet_counts(
    *, base: QuerySet[SearchEntry], chosen: dict[str, Q], request: SearchRequest
) -> tuple[dict[str, list[FacetValue]], int]:
    """Every facet's counts, and the number of hits (counted with them when it can be)."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    matching = base.filter(*chosen.values())
    untouched = [facet for facet in facets_all() if facet.name not in chosen]
    total = _count(matching, untouched, counts) if untouched else None
    for name in chosen:
        others = [query for other, query in chosen.items() if other != name]
        _count(base.filter(*others), [facet_get(name)], counts)
    facets = {
        facet.name: facet_values(
            facet.name, counts[facet.name], facet_selected(request, facet.name)
        )
        for facet in facets_all()
    }
    return facets, total if total is not None else matching.count()

"""Plain-English labels and display order for facet values, whichever executor counted them.

Executors count stored codes (ITL1 codes, size bands, slugs); buyers read names.
Both executors turn their counts into ``FacetValue`` lists here, so the same
request shows the same labels in the same order whoever answered it. Each
facet's names, order and groups come from the facet table (search/facets.py).
"""

from .facet_vocabulary import TRUE
from .facets import Match, Order, facet_get
from .request import FacetValue, SearchRequest

__all__ = ["TRUE", "facet_labels", "facet_selected", "facet_values"]


def facet_labels(facet: str, values: list[str]) -> dict[str, str]:
    """Plain-English labels for a facet's stored values."""
    return facet_get(facet).names(values)


def facet_values(
    facet: str, counts: dict[str, int], selected: tuple[str, ...] = ()
) -> list[FacetValue]:
    """Labelled values in display order (see ``facets.Order``), with each group's total
    first (the "SME" sizes); yes/no facets as their "yes" only. A value the buyer
    chose stays listed at nought, so it can be unticked."""
    declared = facet_get(facet)
    if declared.match is Match.YES:
        counts = {TRUE: counts.get(TRUE, 0)} if counts.get(TRUE) or TRUE in selected else {}
    counts = {value: count for value, count in counts.items() if value and count}
    for value in selected:
        if value and value not in declared.groups:
            counts.setdefault(value, 0)
    labels = declared.names(list(counts))
    values = [
        FacetValue(value, labels.get(value, value), count)
        for value, count in counts.items()
        if declared.order is not Order.FIXED or value in declared.fixed
    ]
    if declared.order is Order.FIXED:
        values.sort(key=lambda v: declared.fixed.index(v.value))
    elif declared.order is Order.VALUE:
        values.sort(key=lambda v: v.value)
    else:
        # The value last: two categories can share a name and a count, and SQL
        # groups come in no set order.
        values.sort(key=lambda v: (-v.count, v.label.lower(), v.value))
    for group, (label, members) in reversed(declared.groups.items()):
        total = sum(counts.get(member, 0) for member in members)
        if total or group in selected:
            values.insert(0, FacetValue(group, str(label), total))
    return values


def facet_selected(request: SearchRequest, facet: str) -> tuple[str, ...]:
    """The values of one facet the buyer chose."""
    return facet_get(facet).selected(request)

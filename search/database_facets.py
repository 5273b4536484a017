"""Facet counts for the database executor, with the post-filter semantics.

Each facet is counted under every filter except its own. The facets the buyer
has not touched all share one scope (every filter); each facet the buyer has
chosen something in has a scope of its own, without its own filter. Counting
a scope takes a few grouped queries, whatever the catalogue's size:

* each single-valued facet (framework, lot, size, head office, VCSE, buy online)
  groups the entries by its column, scanning the narrow covering index;
* the many-valued facets (category, region, accreditation, integration) group
  ``SearchEntryValue`` rows together. A service delivered across the whole UK
  has no region rows: those entries are counted once and added to every
  region, which keeps the value table small (most services are UK-wide).
"""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from frameworks.models import Category, Framework, Lot
from listings.vocabulary import PlatformIntegration
from marketplace.core.models import Region
from suppliers.models import Accreditation, SizeBand

from .models import SearchEntry, SearchEntryValue
from .request import FACETS, FacetValue, SearchRequest

TRUE = "true"  # the one value of a yes/no facet
COLUMN_FACETS = {
    "framework": "framework",
    "lot": "lot",
    "size": "size",
    "based_in": "based_in",
    "vcse": "vcse",
    "buy_online": "buy_online",
}
VALUE_FACETS = ("category", "region", "accreditation", "integration")


def _column_value(value) -> str:
    if isinstance(value, bool):
        return TRUE if value else ""
    return value or ""


def _count_columns(scope: QuerySet[SearchEntry], facets: list[str], into: dict) -> None:
    for facet in facets:
        if facet not in COLUMN_FACETS:
            continue
        column = COLUMN_FACETS[facet]
        for value, n in scope.values_list(column).annotate(n=Count("pk")).order_by():
            if _column_value(value):
                into[facet][_column_value(value)] = n
    if "region" in facets:
        whole_uk = scope.filter(whole_uk=True).count()
        if whole_uk:
            for code in Region.objects.values_list("code", flat=True):
                into["region"][code] = into["region"].get(code, 0) + whole_uk


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


def _count(scope: QuerySet[SearchEntry], facets: list[str], into: dict) -> None:
    _count_columns(scope, facets, into)
    _count_values(scope, facets, into)


def _lot_labels(values: list[str]) -> dict[str, str]:
    lots = Lot.objects.filter(framework__slug__in={v.split("/", 1)[0] for v in values})
    return {
        f"{lot.framework.slug}/{lot.slug}": f"Lot {lot.number}: {lot.name} ({lot.framework.name})"
        for lot in lots.select_related("framework")
    }


def _region_labels(values: list[str]) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=values).values_list("code", "name"))


def facet_labels(facet: str, values: list[str]) -> dict[str, str]:
    """Plain-English labels for a facet's stored values."""
    if facet == "framework":
        return dict(Framework.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "lot":
        return _lot_labels(values)
    if facet == "category":
        return dict(Category.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet in ("region", "based_in"):
        return _region_labels(values)
    if facet == "size":
        return {value: str(label) for value, label in SizeBand.choices}
    if facet == "accreditation":
        return dict(Accreditation.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "integration":
        return {value: str(label) for value, label in PlatformIntegration.choices}
    if facet == "vcse":
        return {TRUE: str(_("Voluntary, community or social enterprise (VCSE)"))}
    if facet == "buy_online":
        return {TRUE: str(_("Can be bought online by card"))}
    return {}


def _selected(request: SearchRequest, facet: str) -> tuple[str, ...]:
    one = {"framework": request.framework, "lot": request.lot}
    many = {
        "category": request.categories,
        "region": request.regions,
        "based_in": request.based_in,
        "size": request.size_bands,
        "accreditation": request.accreditations,
        "integration": request.integrations,
    }
    flags = {"vcse": request.vcse, "buy_online": request.buy_online}
    if facet in one:
        return (one[facet],) if one[facet] else ()
    if facet in flags:
        return (TRUE,) if flags[facet] else ()
    return tuple(many.get(facet, ()))


def _ordered(facet: str, values: list[FacetValue]) -> list[FacetValue]:
    if facet == "size":
        return sorted(values, key=lambda v: SizeBand.values.index(v.value))
    if facet in ("region", "based_in"):
        return sorted(values, key=lambda v: v.value)
    return sorted(values, key=lambda v: (-v.count, v.label.lower()))


def facet_values(facet: str, counts: dict[str, int], selected: tuple[str, ...]) -> list[FacetValue]:
    """Every value with a count, and each chosen value even at nought, labelled and ordered."""
    values = [*counts, *(value for value in selected if value not in counts)]
    labels = facet_labels(facet, values)
    known = [
        FacetValue(value=value, label=labels.get(value, value), count=counts.get(value, 0))
        for value in values
        if facet != "size" or value in labels
    ]
    return _ordered(facet, known)


def facet_counts(
    *, base: QuerySet[SearchEntry], chosen: dict[str, Q], request: SearchRequest
) -> dict[str, list[FacetValue]]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    untouched = [facet for facet in FACETS if facet not in chosen]
    if untouched:
        _count(base.filter(*chosen.values()), untouched, counts)
    for facet in chosen:
        others = [query for name, query in chosen.items() if name != facet]
        _count(base.filter(*others), [facet], counts)
    return {
        facet: facet_values(facet, counts[facet], _selected(request, facet)) for facet in FACETS
    }

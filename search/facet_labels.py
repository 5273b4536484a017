"""Plain-English labels and display order for facet values, whichever executor counted them.

Executors count stored codes (ITL1 codes, size bands, slugs); buyers read names.
Both executors turn their counts into ``FacetValue`` lists here, so the same
request shows the same labels in the same order whoever answered it.
"""

from django.utils.translation import gettext as _

from frameworks.models import Category, Framework, Lot
from listings.vocabulary import PlatformIntegration
from marketplace.core.models import Region
from suppliers.models import Accreditation
from suppliers.models_choices import SME_BANDS, SizeBand

from .request import FacetValue, SearchRequest

TRUE = "true"  # the value of a yes/no facet (VCSE, buy online); only "yes" is shown


def _region_names(codes: list[str]) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def _lot_names(keys: list[str]) -> dict[str, str]:
    lots = Lot.objects.filter(
        framework__slug__in={key.split("/", 1)[0] for key in keys},
        slug__in={key.split("/", 1)[-1] for key in keys},
    ).select_related("framework")
    return {
        f"{lot.framework.slug}/{lot.slug}": f"Lot {lot.number}: {lot.name} ({lot.framework.name})"
        for lot in lots
    }


def facet_labels(facet: str, values: list[str]) -> dict[str, str]:
    """Plain-English labels for a facet's stored values."""
    if facet in ("region", "based_in"):
        return _region_names(values)
    if facet == "size":
        return {str(value): str(label) for value, label in SizeBand.choices}
    if facet == "framework":
        return dict(Framework.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "lot":
        return _lot_names(values)
    if facet == "category":
        return dict(Category.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "accreditation":
        return dict(Accreditation.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "integration":
        return {str(value): str(label) for value, label in PlatformIntegration.choices}
    if facet == "vcse":
        return {TRUE: _("Voluntary, community or social enterprise (VCSE)")}
    if facet == "buy_online":
        return {TRUE: _("Can be bought online by card")}
    return {}


def facet_values(
    facet: str, counts: dict[str, int], selected: tuple[str, ...] = ()
) -> list[FacetValue]:
    """Labelled values in display order: regions by code, sizes smallest first (with
    an "SME" total), yes/no facets as their "yes" only, the rest by count. A value
    the buyer chose stays listed at nought, so it can be unticked."""
    if facet in ("vcse", "buy_online"):
        counts = {TRUE: counts.get(TRUE, 0)} if counts.get(TRUE) or TRUE in selected else {}
    counts = {value: count for value, count in counts.items() if value and count}
    for value in selected:
        if value and value != "sme":
            counts.setdefault(value, 0)
    labels = facet_labels(facet, list(counts))
    values = [
        FacetValue(value, labels.get(value, value), count)
        for value, count in counts.items()
        if facet != "size" or value in labels
    ]
    if facet == "size":
        order = list(SizeBand.values)
        values.sort(key=lambda v: order.index(v.value))
        sme = sum(counts.get(str(band), 0) for band in SME_BANDS)
        if sme or "sme" in selected:
            values.insert(0, FacetValue("sme", _("SME (micro, small or medium)"), sme))
    elif facet in ("region", "based_in"):
        values.sort(key=lambda v: v.value)
    else:
        # The value last: two categories can share a name and a count, and SQL
        # groups come in no set order.
        values.sort(key=lambda v: (-v.count, v.label.lower(), v.value))
    return values


def facet_selected(request: SearchRequest, facet: str) -> tuple[str, ...]:
    """The values of one facet the buyer chose."""
    one = {"framework": request.framework, "lot": request.lot}
    many = {
        "category": request.categories,
        "region": request.regions,
        "based_in": request.based_in,
        "size": request.sizes,  # as chosen: "sme" stays "sme"
        "accreditation": request.accreditations,
        "integration": request.integrations,
    }
    flags = {"vcse": request.vcse, "buy_online": request.buy_online}
    if facet in one:
        return (one[facet],) if one[facet] else ()
    if facet in flags:
        return (TRUE,) if flags[facet] else ()
    return tuple(many.get(facet, ()))

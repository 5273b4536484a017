"""The flat document each executor searches: one per published listing.

Built from the listing's live (approved) version only, so search never shows
words CCS has not reviewed. Both the engine index and the database executor's
table hold exactly this shape.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from frameworks.models import Category
from listings.models import Listing, ListingVersion
from listings.selectors import listings_public
from listings.vocabulary import PriceUnit
from marketplace.core.models import Region

DOCUMENT_VERSION = 1  # bump when the shape changes; the engine mapping follows it


@dataclass(frozen=True)
class Lookups:
    """What every document needs and no listing owns, read once per rebuild.

    Reading these per listing (one ancestors query per category, twelve lazy
    translations per price label) held a rebuild to a few hundred listings a second.
    """

    all_regions: list[str]
    categories_by_path: dict[str, tuple[str, str]]  # path → (slug, name); ancestors by prefix
    price_units: dict[str, str]


def lookups_read() -> Lookups:
    return Lookups(
        all_regions=list(Region.objects.order_by("code").values_list("code", flat=True)),
        categories_by_path={
            path: (slug, name)
            for path, slug, name in Category.objects.values_list("path", "slug", "name")
        },
        price_units={code: str(label) for code, label in PriceUnit.choices},
    )


def _category_ancestry(
    categories: Iterable[Category], by_path: dict[str, tuple[str, str]]
) -> tuple[list[str], list[str]]:
    """Slugs of the categories and all their ancestors, so a parent filter includes children.

    An ancestor's path is a prefix of its descendant's, one ``steplen`` per level."""
    slugs: dict[str, str] = {}
    step = Category.steplen
    for category in categories:
        for end in range(step, len(category.path) + 1, step):
            slug, name = by_path[category.path[:end]]
            slugs[slug] = name
    return list(slugs), list(slugs.values())


def listing_document(listing: Listing, *, lookups: Lookups | None = None) -> dict:
    lookups = lookups or lookups_read()
    version: ListingVersion = listing.live_version
    supplier = listing.supplier
    lot = listing.lot
    category_slugs, category_names = _category_ancestry(
        version.categories.all(), lookups.categories_by_path
    )
    regions = (
        lookups.all_regions
        if version.serves_whole_uk
        else sorted(region.code for region in version.regions.all())
    )
    return {
        "id": listing.pk,
        "version": version.number,
        "name": version.name,
        "summary": version.summary,
        "description": version.description,
        "features": list(version.features),
        "benefits": list(version.benefits),
        "categories": category_names,
        "category_slugs": category_slugs,
        "framework": lot.framework.slug,
        "framework_name": lot.framework.name,
        "lot": f"{lot.framework.slug}/{lot.slug}",
        "lot_name": f"Lot {lot.number}: {lot.name}",
        "supplier_name": supplier.display_name,
        "supplier_slug": supplier.slug,
        "size": supplier.size_band,
        "is_sme": supplier.is_sme,
        "vcse": supplier.is_vcse,
        "based_in": supplier.head_office_region_id or "",
        "regions": regions,
        "whole_uk": version.serves_whole_uk,
        "accreditations": sorted(a.slug for a in supplier.accreditations.all()),
        "open_standards": list(version.open_standards),
        "has_open_standards": bool(version.open_standards),
        "integrations": list(version.integrations),
        "apprenticeships": supplier.offers_apprenticeships,
        "buy_online": version.buy_online,
        "price": float(version.price),
        "price_unit": lookups.price_units.get(version.price_unit, version.price_unit),
        "published_at": listing.published_at.isoformat() if listing.published_at else None,
    }


def documents_queryset() -> QuerySet[Listing]:
    return (
        listings_public()
        .prefetch_related(
            Prefetch("live_version__categories"),
            "live_version__regions",
            "supplier__accreditations",
        )
        .select_related("supplier", "lot__framework")
    )


def listing_documents(queryset: QuerySet[Listing] | None = None) -> Iterator[dict]:
    """Every published listing's document, streaming in chunks."""
    lookups = lookups_read()
    queryset = queryset if queryset is not None else documents_queryset()
    for listing in queryset.order_by("pk").iterator(chunk_size=500):
        yield listing_document(listing, lookups=lookups)

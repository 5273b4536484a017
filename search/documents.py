"""The flat document each executor searches: one per published listing.

Built from the listing's live (approved) version only, so search never shows
words CCS has not reviewed. Both the engine index and the database executor's
table hold exactly this shape.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet

from frameworks.models import Category, Lot
from listings.models import Listing, ListingVersion
from listings.selectors import listings_public
from listings.vocabulary import PriceUnit
from marketplace.core.models import Region
from suppliers.models import SupplierOrganisation

from .relevance import diversity_prior

DOCUMENT_VERSION = 2  # bump when the shape changes; the engine mapping follows it
CHUNK = 2000  # listings read at a time when building every document
# The live version's fields a document copies.
VERSION_FIELDS = (
    "number",
    "name",
    "summary",
    "description",
    "features",
    "benefits",
    "serves_whole_uk",
    "open_standards",
    "integrations",
    "buy_online",
    "price",
    "price_unit",
)


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
    paths: Iterable[str], by_path: dict[str, tuple[str, str]]
) -> tuple[list[str], list[str]]:
    """Slugs of the categories and all their ancestors, so a parent filter includes children.

    An ancestor's path is a prefix of its descendant's, one ``steplen`` per level."""
    slugs: dict[str, str] = {}
    step = Category.steplen
    for path in paths:
        for end in range(step, len(path) + 1, step):
            slug, name = by_path[path[:end]]
            slugs[slug] = name
    return list(slugs), list(slugs.values())


def _document(
    row: dict,
    *,
    category_paths: Iterable[str],
    region_codes: Iterable[str],
    supplier: dict,
    lot: dict,
    lookups: Lookups,
) -> dict:
    """The document from plain values: ``row`` has the listing's and its live version's
    fields (see ``ROW_FIELDS``), ``supplier`` and ``lot`` those of ``_supplier``/``_lot``."""
    by_path = lookups.categories_by_path
    category_slugs, category_names = _category_ancestry(category_paths, by_path)
    whole_uk = row["serves_whole_uk"]
    return {
        "id": row["pk"],
        "version": row["number"],
        "name": row["name"],
        "summary": row["summary"],
        "description": row["description"],
        "features": list(row["features"]),
        "benefits": list(row["benefits"]),
        "categories": category_names,
        "category_slugs": category_slugs,
        **lot,
        **supplier,
        "regions": lookups.all_regions if whole_uk else sorted(region_codes),
        "whole_uk": whole_uk,
        "open_standards": list(row["open_standards"]),
        "has_open_standards": bool(row["open_standards"]),
        "integrations": list(row["integrations"]),
        "buy_online": row["buy_online"],
        "price": float(row["price"]),
        "price_unit": lookups.price_units.get(row["price_unit"], row["price_unit"]),
        "published_at": row["published_at"].isoformat() if row["published_at"] else None,
        # Computed here, once, so both executors multiply by the same number.
        "diversity_prior": diversity_prior(row),
    }


def _supplier(supplier: SupplierOrganisation, accreditations: Iterable[str]) -> dict:
    return {
        "supplier_name": supplier.display_name,
        "supplier_slug": supplier.slug,
        "size": supplier.size_band,
        "is_sme": supplier.is_sme,
        "vcse": supplier.is_vcse,
        "based_in": supplier.head_office_region_id or "",
        "accreditations": sorted(accreditations),
        "apprenticeships": supplier.offers_apprenticeships,
    }


def _lot(lot: Lot) -> dict:
    framework = lot.framework
    return {
        "framework": framework.slug,
        "framework_name": framework.name,
        "lot": f"{framework.slug}/{lot.slug}",
        "lot_name": f"Lot {lot.number}: {lot.name}",
    }


def listing_document(listing: Listing, *, lookups: Lookups | None = None) -> dict:
    """One listing's document, from a listing of ``documents_queryset()`` (single refreshes)."""
    version: ListingVersion = listing.live_version
    supplier = listing.supplier
    row = {field: getattr(version, field) for field in VERSION_FIELDS}
    row |= {"pk": listing.pk, "published_at": listing.published_at}
    return _document(
        row,
        category_paths=[category.path for category in version.categories.all()],
        region_codes=[region.code for region in version.regions.all()],
        supplier=_supplier(supplier, [a.slug for a in supplier.accreditations.all()]),
        lot=_lot(listing.lot),
        lookups=lookups or lookups_read(),
    )


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


def _pairs(queryset: QuerySet, key: str, value: str, keys: list[int]) -> dict[int, list]:
    """``value`` grouped by ``key`` for ``keys``: a many-to-many read in one query."""
    grouped: dict[int, list] = defaultdict(list)
    for owner, item in queryset.filter(**{f"{key}__in": keys}).values_list(key, value):
        grouped[owner].append(item)
    return grouped


def _documents_chunk(rows: list[dict], lookups: Lookups, suppliers: dict, lots: dict) -> list:
    versions = [row["live_version_id"] for row in rows]
    through = ListingVersion.categories.through.objects.order_by("category__path")
    categories = _pairs(through, "listingversion_id", "category__path", versions)
    regions_served = ListingVersion.regions.through.objects
    regions = _pairs(regions_served, "listingversion_id", "region_id", versions)
    missing = {row["supplier_id"] for row in rows} - suppliers.keys()
    if missing:
        accreditations = _pairs(
            SupplierOrganisation.accreditations.through.objects,
            "supplierorganisation_id",
            "accreditation__slug",
            list(missing),
        )
        for supplier in SupplierOrganisation.objects.filter(pk__in=missing):
            suppliers[supplier.pk] = _supplier(supplier, accreditations[supplier.pk])
    return [
        _document(
            row,
            category_paths=categories[row["live_version_id"]],
            region_codes=regions[row["live_version_id"]],
            supplier=suppliers[row["supplier_id"]],
            lot=lots[row["lot_id"]],
            lookups=lookups,
        )
        for row in rows
    ]


def listing_documents(queryset: QuerySet[Listing] | None = None) -> Iterator[dict]:
    """Every published listing's document, streaming in chunks.

    Read as plain values, a chunk of listings at a time, with each chunk's
    categories and regions in one query each and every supplier and lot once:
    building five model instances and three prefetches per listing held a
    rebuild to a few hundred listings a second.
    """
    lookups = lookups_read()
    queryset = queryset if queryset is not None else listings_public()
    lots = {lot.pk: _lot(lot) for lot in Lot.objects.select_related("framework")}
    suppliers: dict[int, dict] = {}
    fields = ["pk", "published_at", "supplier_id", "lot_id", "live_version_id"]
    rows = queryset.order_by("pk").values(
        *fields, **{field: F(f"live_version__{field}") for field in VERSION_FIELDS}
    )
    chunk: list[dict] = []
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _documents_chunk(chunk, lookups, suppliers, lots)
            chunk = []
    if chunk:
        yield from _documents_chunk(chunk, lookups, suppliers, lots)

"""Load the demo catalogue from the committed fixtures in ./data.

Each loader is idempotent (keyed on names and slugs), so the run command can
load the demo on every start without duplicating anything.
"""

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from frameworks.models import BuyingOrganisation, Category, Framework, FrameworkUsage, Lot
from frameworks.names import organisation_name_key
from listings.models import Listing, ListingVersion
from listings.vocabulary import ListingStatus, VersionState
from marketplace.accounts.models import BuyerOrganisation
from marketplace.core.models import Region
from suppliers.models import Accreditation, SupplierOrganisation

DATA = Path(__file__).resolve().parent / "data"

Progress = Callable[[str], None]


def read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def unique_slug(name: str, *, taken: set[str]) -> str:
    """A slug for name not yet in taken (which it joins). Real names such as
    "SCC" and "S.C.C." can slugify alike."""
    slug = base = slugify(name)[:240] or "organisation"
    suffix = 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(slug)
    return slug


def _category(name: str, slug: str, cpv: list[str], parent: Category | None) -> Category:
    existing = Category.objects.filter(slug=slug).first()
    if existing is not None:
        if existing.cpv_codes != cpv:
            existing.cpv_codes = cpv
            existing.save(update_fields=["cpv_codes"])
        return existing
    fields = {"name": name, "slug": slug, "cpv_codes": cpv}
    return parent.add_child(**fields) if parent else Category.add_root(**fields)


def _gcloud13_children(parent: Category, nodes: list[dict]) -> None:
    for node in nodes:
        slug = slugify(node["label"])
        # The G-Cloud tree repeats labels under different parents ("Payroll" in
        # two places); the first keeps the plain slug, later ones are qualified.
        if Category.objects.filter(slug=slug).exclude(path__startswith=parent.path).exists():
            slug = f"{parent.slug}-{slug}"[:255]
        child = _category(node["label"], slug, [], parent)
        _gcloud13_children(child, node.get("children", []))


@transaction.atomic
def categories_load(progress: Progress) -> int:
    gcloud13 = {lot["slug"]: lot for lot in read("gcloud13_lots_and_categories.json")["records"]}
    for top in read("frameworks.json")["categories"]:
        root = _category(top["name"], top["slug"], top.get("cpv", []), None)
        source = top.get("children_from", "")
        if source.startswith("gcloud13:"):
            _gcloud13_children(root, gcloud13[source.split(":", 1)[1]]["categories"])
        for child in top.get("children", []):
            _category(child["name"], child["slug"], child.get("cpv", []), root)
    count = Category.objects.count()
    progress(f"categories: {count}")
    return count


def _leaves_under(slug: str) -> list[Category]:
    node = Category.objects.get(slug=slug)
    descendants = list(node.get_descendants())
    return [c for c in descendants if c.is_leaf()] or [node]


@transaction.atomic
def frameworks_load(progress: Progress) -> int:
    data = read("frameworks.json")
    owners = {}
    for row in data["buying_organisations"]:
        # Keyed on the matching name, so an organisation the pipeline import met
        # first under another spelling ("... (ESPO)") is this one, not a second.
        owner, _ = BuyingOrganisation.objects.update_or_create(
            name_key=organisation_name_key(row["name"]),
            defaults={
                "name": row["name"],
                "abbreviation": row["abbreviation"],
                "organisation_type": row["organisation_type"],
                "sectors_served": row["sectors_served"],
                "slug": slugify(row["abbreviation"] or row["name"]),
            },
        )
        owners[row["abbreviation"] or row["name"]] = owner
    gcloud13 = read("gcloud13_lots_and_categories.json")["records"]
    for row in data["frameworks"]:
        owner = owners[row["owner"]]
        framework, _ = Framework.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "reference": row.get("reference", ""),
                "owner": owner,
                "status": row["status"],
                "planned": row.get("planned", False),
                "description": row["description"],
                "how_to_buy": row.get("how_to_buy", ""),
                "route_to_market": row.get("route_to_market", ""),
                "sectors": owner.sectors_served,
                "applications_open": row.get("applications_open"),
                "applications_close": row.get("applications_close"),
                "live_from": row.get("live_from"),
                "expires": row.get("expires"),
                "disposition": row.get("disposition", "retain"),
                "disposition_rationale": row.get("rationale", ""),
                "disposition_date": row.get("disposition_date"),
            },
        )
        if row.get("lots_from") == "gcloud13":
            lots = [
                {
                    "number": str(number),
                    "slug": lot["slug"],
                    "name": lot["name"],
                    "description": lot["description"],
                    "max_categories": lot["max_categories"],
                    "categories": [lot["slug"]],
                }
                for number, lot in enumerate(gcloud13, start=1)
            ]
        else:
            lots = row["lots"]
        for lot_row in lots:
            lot, _ = Lot.objects.update_or_create(
                framework=framework,
                slug=lot_row["slug"],
                defaults={
                    "number": lot_row["number"],
                    "name": lot_row["name"],
                    "description": lot_row.get("description", ""),
                    "max_categories": lot_row.get("max_categories"),
                },
            )
            categories = [leaf for slug in lot_row["categories"] for leaf in _leaves_under(slug)]
            lot.categories.set(categories)
            lot.save()  # a ParentalManyToManyField is written when its lot is saved
    # Links between frameworks, once they all exist.
    for row in data["frameworks"]:
        Framework.objects.filter(slug=row["slug"]).update(
            previous_iteration=Framework.objects.filter(slug=row.get("previous", "")).first(),
            disposition_target=Framework.objects.filter(slug=row.get("target", "")).first(),
        )
    count = Framework.objects.count()
    progress(
        f"buying organisations: {len(owners)}, frameworks: {count}, lots: {Lot.objects.count()}"
    )
    return count


@transaction.atomic
def suppliers_load(progress: Progress) -> int:
    rows = read("suppliers.json")["records"]
    existing = set(SupplierOrganisation.objects.values_list("name", flat=True))
    slugs = set(SupplierOrganisation.objects.values_list("slug", flat=True))
    new = []
    for row in rows:
        if row["name"] in existing:
            continue
        new.append(
            SupplierOrganisation(
                name=row["name"],
                slug=unique_slug(row["name"], taken=slugs),
                size_band=row["size_band"],
                size_is_illustrative=row["size_is_illustrative"],
            )
        )
    SupplierOrganisation.objects.bulk_create(new, batch_size=500)
    progress(f"suppliers: {len(rows)} in the fixtures, {len(new)} added")
    return len(rows)


@transaction.atomic
def buyer_organisations_load(progress: Progress) -> int:
    rows = read("buyer_organisations.json")["records"]
    existing = set(BuyerOrganisation.objects.values_list("name", flat=True))
    slugs = set(BuyerOrganisation.objects.values_list("slug", flat=True))
    new = []
    for row in rows:
        if row["name"] in existing:
            continue
        new.append(
            BuyerOrganisation(
                name=row["name"], slug=unique_slug(row["name"], taken=slugs), sector=row["sector"]
            )
        )
    BuyerOrganisation.objects.bulk_create(new, batch_size=500)
    progress(f"buyer organisations: {len(rows)} in the fixtures, {len(new)} added")
    return len(rows)


@transaction.atomic
def framework_usage_load(progress: Progress) -> int:
    """G-Cloud spend by buyer sector: real figures from the 2012-14 spend data,
    which span G-Cloud's early iterations; they are shown against G-Cloud III."""
    data = read("gcloud_usage_by_sector.json")
    totals: dict[str, dict[str, int]] = {}
    for row in data["records"]:
        sector = totals.setdefault(row["sector"], {"spend_pence": 0, "transactions": 0})
        sector["spend_pence"] += row["spend_pence"]
        sector["transactions"] += row["rows"]
    framework = Framework.objects.get(slug="g-cloud-iii")
    for sector, figures in totals.items():
        FrameworkUsage.objects.update_or_create(
            framework=framework,
            sector=sector,
            period="April 2012 to June 2014 (all G-Cloud iterations)",
            defaults={**figures, "source": data["source"][:255]},
        )
    progress(f"framework usage: {len(totals)} buyer sectors for {framework.name}")
    return len(totals)


# --- illustrative supplier profiles and demo listings -------------------------------
#
# These two loaders write rows in bulk instead of calling suppliers.services and
# listings.services. A thousand listings taken one by one through create, submit
# and approve would cost tens of thousands of queries and an audit event each;
# audit events record what people did, and a demo load is one act, recorded once
# by load_demo_data as "demo_data.loaded". The rows end where the workflow would
# leave them: version 1 approved and live, the listing published.


def _vcse_and_regions_unset() -> QuerySet[SupplierOrganisation]:
    """Suppliers whose profile nobody has filled in, so an illustrative one may go in."""
    return SupplierOrganisation.objects.filter(
        profile_is_illustrative=False,
        vcse_type="",
        serves_whole_uk=False,
        regions_served=None,
        accreditations=None,
    ).distinct()


@transaction.atomic
def supplier_profiles_load(progress: Progress) -> int:
    """Regions served, VCSE type and accreditations, marked profile_is_illustrative.
    A profile already filled in, by a supplier or an earlier load, is left alone."""
    rows = {row["name"]: row for row in read("supplier_profiles.json")["records"]}
    # Regions and accreditations are seeded by migrations, which a transactional test's
    # flush removes; a profile then goes without them rather than failing.
    accreditations = dict(Accreditation.objects.values_list("slug", "pk"))
    regions = set(Region.objects.values_list("code", flat=True))
    suppliers = list(_vcse_and_regions_unset().filter(name__in=rows))
    regions_through = SupplierOrganisation.regions_served.through
    accreditations_through = SupplierOrganisation.accreditations.through
    region_links, accreditation_links = [], []
    for supplier in suppliers:
        row = rows[supplier.name]
        supplier.vcse_type = row["vcse_type"]
        supplier.serves_whole_uk = row["serves_whole_uk"]
        supplier.profile_is_illustrative = True
        region_links += [
            regions_through(supplierorganisation_id=supplier.pk, region_id=code)
            for code in row["regions_served"]
            if code in regions
        ]
        accreditation_links += [
            accreditations_through(
                supplierorganisation_id=supplier.pk, accreditation_id=accreditations[slug]
            )
            for slug in row["accreditations"]
            if slug in accreditations
        ]
    SupplierOrganisation.objects.bulk_update(
        suppliers, ["vcse_type", "serves_whole_uk", "profile_is_illustrative"], batch_size=500
    )
    regions_through.objects.bulk_create(region_links, batch_size=1000)
    accreditations_through.objects.bulk_create(accreditation_links, batch_size=1000)
    progress(f"supplier profiles: {len(rows)} in the fixtures, {len(suppliers)} filled in")
    return len(suppliers)


def lot_categories_by_label(
    *, lot: Lot, names_by_path: dict[str, str]
) -> dict[tuple[str, ...], int]:
    """The lot's leaf categories keyed by their labels below the top level, as the
    fixture names them: ("Collaborative working", "Blogging") → category id.

    Public because the search benchmark (benchmarks/search_data.py) writes generated
    listings with the demo fixture's category labels too."""
    step = Category.steplen
    found = {}
    for pk, path in lot.categories.values_list("pk", "path"):
        labels = tuple(names_by_path[path[:end]] for end in range(step, len(path) + 1, step))
        found[labels[1:]] = pk
    return found


def _listing_version(listing: Listing, row: dict, now) -> ListingVersion:
    return ListingVersion(
        listing=listing,
        number=1,
        state=VersionState.APPROVED,
        name=row["name"],
        summary=row["summary"],
        description=row["description"],
        features=row["features"],
        benefits=row["benefits"],
        serves_whole_uk=row["serves_whole_uk"],
        price=Decimal(row["price"]),
        price_unit=row["price_unit"],
        pricing_model=row["pricing_model"],
        submitted_at=now,
        reviewed_at=now,
    )


@transaction.atomic
def listings_load(progress: Progress) -> int:
    """Published, illustrative listings on G-Cloud 13, keyed on supplier, lot and name."""
    rows = read("listings.json")["records"]
    lots = {lot.slug: lot for lot in Lot.objects.filter(framework__slug="g-cloud-13")}
    names_by_path = dict(Category.objects.values_list("path", "name"))
    categories = {
        slug: lot_categories_by_label(lot=lot, names_by_path=names_by_path)
        for slug, lot in lots.items()
    }
    suppliers = dict(SupplierOrganisation.objects.values_list("name", "pk"))
    existing = set(
        Listing.objects.filter(is_illustrative=True).values_list(
            "supplier_id", "lot_id", "versions__name"
        )
    )
    regions = set(Region.objects.values_list("code", flat=True))
    now = timezone.now()
    new = []
    for row in rows:
        key = (suppliers[row["supplier"]], lots[row["lot"]].pk, row["name"])
        if key not in existing:
            existing.add(key)
            listing = Listing(
                supplier_id=key[0],
                lot_id=key[1],
                status=ListingStatus.PUBLISHED,
                is_illustrative=True,
                published_at=now,
            )
            new.append((listing, row))
    Listing.objects.bulk_create([listing for listing, _ in new], batch_size=500)
    versions = [_listing_version(listing, row, now) for listing, row in new]
    ListingVersion.objects.bulk_create(versions, batch_size=500)
    for (listing, _), version in zip(new, versions, strict=True):
        listing.live_version = version
    Listing.objects.bulk_update([listing for listing, _ in new], ["live_version"], batch_size=500)
    category_through = ListingVersion.categories.through
    region_through = ListingVersion.regions.through
    category_through.objects.bulk_create(
        [
            category_through(
                listingversion_id=version.pk,
                category_id=categories[row["lot"]][tuple(path)],
            )
            for (_, row), version in zip(new, versions, strict=True)
            for path in row["categories"]
        ],
        batch_size=1000,
    )
    region_through.objects.bulk_create(
        [
            region_through(listingversion_id=version.pk, region_id=code)
            for (_, row), version in zip(new, versions, strict=True)
            for code in row["regions"]
            if code in regions
        ],
        batch_size=1000,
    )
    progress(f"listings: {len(rows)} in the fixtures, {len(new)} added and published")
    return len(rows)


def strategies_load(progress: Progress) -> int:
    """Illustrative strategies: 2014 to 2015 from the real 2014 Contracts Finder
    pipeline, through the same importer buyers' files use, and 2026 to 2027
    derived from them (see strategies_loader)."""
    from .strategies_loader import current_strategies_load, source_strategies_load

    report = source_strategies_load(DATA / "contracts_finder_pipeline_2014.csv")
    progress(
        f"pipeline rows: {report['rows']}, imported {report['imported']}, "
        f"rejected {len(report['rejected'])}; strategies created {report['created']}, "
        f"updated {report['updated']}, unchanged {report['unchanged']}"
    )
    current = current_strategies_load()
    progress(
        f"illustrative 2026 to 2027 strategies: created {current['created']} "
        f"({current['entries']} entries), already there {current['unchanged']}"
    )
    return report["imported"] + current["entries"]

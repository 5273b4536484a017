"""Load the demo catalogue from the committed fixtures in ./data.

Each loader is idempotent (keyed on names and slugs), so the run command can
load the demo on every start without duplicating anything.
"""

import json
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from frameworks.models import BuyingOrganisation, Category, Framework, FrameworkUsage, Lot
from marketplace.accounts.models import BuyerOrganisation
from suppliers.models import SupplierOrganisation

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
        owner, _ = BuyingOrganisation.objects.update_or_create(
            name=row["name"],
            defaults={
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


def strategies_load(progress: Progress) -> int:
    """Illustrative 2014 to 2015 strategies, one per organisation in the real 2014
    Contracts Finder pipeline, through the same importer buyers' files use."""
    from strategies.services import pipeline_csv_import

    report = pipeline_csv_import(
        path=DATA / "contracts_finder_pipeline_2014.csv",
        financial_year=2014,
        illustrative=True,
    )
    progress(
        f"pipeline rows: {report['rows']}, imported {report['imported']}, "
        f"rejected {len(report['rejected'])}; strategies created {report['created']}, "
        f"updated {report['updated']}, unchanged {report['unchanged']}"
    )
    return report["imported"]

#!/usr/bin/env python3
"""Derive the project's committed demo fixtures from the reference data in ../shared/data.

Run by a developer when the reference data changes, never at run time: the
demo loader reads only marketplace/demo/data/. Every record keeps its source;
fields with no source (exact SME band, VCSE status, regions) are derived
deterministically from the name and flagged as illustrative.

    python scripts/derive_demo_fixtures.py [--shared ../shared/data]
"""

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the listing rules live in the project's listings app
OUT = ROOT / "marketplace" / "demo" / "data"

SECTOR_MAP = {
    "Central Government": "central-government",
    "Local Government": "local-authority",
    "Health": "health",
    "Education": "education",
    "Police": "police",
    "Fire and Rescue": "fire-and-rescue",
    "Devolved Administrations": "devolved-administration",
    "Not for Profit": "other-public-body",
    "Private Sector": "other-public-body",
}

SPEND_SOURCE = (
    "Cabinet Office G-Cloud spend data 2012-2014 (Crown copyright, Open Government "
    "Licence v3.0), as republished in ddinsdale2000/govspend.org.uk"
)


def stable_fraction(text: str) -> float:
    """A number in [0, 1) fixed by the text, so derived demo fields never change between runs."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def sme_band(name: str) -> str:
    roll = stable_fraction("size:" + name)
    return "micro" if roll < 0.35 else "small" if roll < 0.75 else "medium"


def derive_spend(shared: Path) -> None:
    suppliers: dict[str, dict] = {}
    customers: dict[str, dict] = {}
    with (shared / "gcloud-spend-2012-2014.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["SupplierName"].strip()
            supplier = suppliers.setdefault(
                name, {"name": name, "sme_or_large": row["SMEorLarge"], "sales": 0, "lots": set()}
            )
            supplier["sales"] += 1
            supplier["lots"].add(row["LotDescription"])
            customer = row["CustomerName"].strip()
            customers.setdefault(
                customer,
                {
                    "name": customer,
                    "source_sector": row["Sector"],
                    "sector": SECTOR_MAP[row["Sector"]],
                },
            )
    supplier_rows = []
    for supplier in sorted(suppliers.values(), key=lambda s: s["name"].lower()):
        large = supplier["sme_or_large"] == "Large"
        supplier_rows.append(
            {
                "name": supplier["name"],
                "sme_or_large": supplier["sme_or_large"],
                "size_band": "large" if large else sme_band(supplier["name"]),
                "size_is_illustrative": not large,
                "gcloud_sales_rows": supplier["sales"],
                "gcloud_lots": sorted(supplier["lots"]),
            }
        )
    write("suppliers.json", SPEND_SOURCE, supplier_rows)
    write(
        "buyer_organisations.json",
        SPEND_SOURCE
        + ". 'Not for Profit' and 'Private Sector' customers are filed as other public bodies.",
        sorted(customers.values(), key=lambda c: c["name"].lower()),
    )
    # Usage by buyer sector per G-Cloud lot: the real figures the framework map shows.
    usage: dict[tuple[str, str], dict] = defaultdict(lambda: {"rows": 0, "spend_pence": 0})
    with (shared / "gcloud-spend-2012-2014.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["LotDescription"], SECTOR_MAP[row["Sector"]])
            usage[key]["rows"] += 1
            usage[key]["spend_pence"] += round(float(row["EvidencedSpend"] or 0) * 100)
    write(
        "gcloud_usage_by_sector.json",
        SPEND_SOURCE,
        [
            {"lot": lot, "sector": sector, **figures}
            for (lot, sector), figures in sorted(usage.items())
        ],
    )


def derive_regions(shared: Path) -> None:
    with (shared / "uk-itl1-regions.csv").open(newline="", encoding="utf-8") as handle:
        rows = [dict(row) for row in csv.DictReader(handle)]
    write(
        "itl1_regions.json",
        "ONS International Territorial Levels (facts)",
        rows,
        out=ROOT / "marketplace" / "core" / "data",
    )


def derive_gcloud13(shared: Path) -> None:
    data = json.loads((shared / "gcloud13-lots-and-categories.json").read_text(encoding="utf-8"))
    write("gcloud13_lots_and_categories.json", data["source"], data["lots"])


# --- demo listings and supplier profiles (scripts/demo_listings.py does the work) ---

LISTINGS_SOURCE = (
    SPEND_SOURCE
    + ". Names, summaries and descriptions are built from the buyers' project descriptions "
    "and the facts in the data (buyers, months, spend). Prices, categories and regions are "
    "illustrative, derived deterministically."
)
PROFILES_SOURCE = (
    "Illustrative: regions served, VCSE type and accreditations have no source and are "
    "derived from a hash of the supplier's name (suppliers from " + SPEND_SOURCE + ")"
)


def derive_listings(shared: Path) -> None:
    import demo_listings

    listings, profiles, figures = demo_listings.derive(shared)
    write("listings.json", LISTINGS_SOURCE, listings)
    write("supplier_profiles.json", PROFILES_SOURCE, profiles)
    for label, value in sorted(figures.items()):
        print(f"  {label.replace('_', ' ')}: {value}")
    for name in ("listings.json", "supplier_profiles.json"):
        print(f"  {name}: {(OUT / name).stat().st_size / 1e6:.2f} MB")


PIPELINE_SOURCE = (
    "Contracts Finder 'List of current pipelines' 2014 (Crown copyright, Open Government "
    "Licence v3.0), as republished in ddinsdale2000/govspend.org.uk"
)


def derive_pipeline(shared: Path) -> None:
    """The 2014 Contracts Finder pipeline, row for row, for the illustrative 2014 to
    2015 strategies. Two columns are added: whether each entry suits SMEs and VCSEs.
    The source does not say, so they are derived deterministically from the title
    (smaller contracts are likelier to suit) and the strategies are labelled
    illustrative."""
    source = shared / "contracts-finder-pipeline-2014.csv"
    with source.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = [*reader.fieldnames, "suitable_for_sme", "suitable_for_vcse"]
        rows = list(reader)
    for row in rows:
        spend = sum(float(row[c] or 0) for c in row if c.startswith("spend_"))
        roll = stable_fraction("sme:" + row["notice_id"])
        row["suitable_for_sme"] = "true" if roll < (0.6 if spend < 1_000_000 else 0.2) else "false"
        vcse = stable_fraction("vcse:" + row["notice_id"]) < 0.15
        row["suitable_for_vcse"] = "true" if vcse else "false"
    out = OUT / "contracts_finder_pipeline_2014.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        handle.write(
            f"# {PIPELINE_SOURCE}. "
            "Columns suitable_for_sme and suitable_for_vcse are illustrative.\n"
        )
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {out.name}: {len(rows)} records")


def write(name: str, source: str, records: list, out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    payload = {"source": source, "count": len(records), "records": records}
    (out / name).write_text(
        json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {name}: {len(records)} records")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    derive_spend(args.shared)
    derive_regions(args.shared)
    derive_gcloud13(args.shared)
    derive_listings(args.shared)
    derive_pipeline(args.shared)


if __name__ == "__main__":
    main()

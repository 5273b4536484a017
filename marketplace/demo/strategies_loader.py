"""Illustrative procurement strategies for the demo.

2014 to 2015: one per organisation in the real 2014 Contracts Finder pipeline,
through the importer buyers' files use, each with an invented contact; the
organisations with three or more entries also say what they build and buy.

2026 to 2027: for those same organisations, a strategy derived from their 2014
one by fixed rules over a hash of each entry (so every load makes the same one):
about one entry in five is dropped, the rest carried forward with new dates and
most with a changed value, one or two new entries added, and what the
organisation builds and buys shifted, so the year-on-year comparison, the
pipeline search and the opportunities page have current content to show. Every
one of these strategies is marked illustrative and says so wherever it is shown.
"""

import hashlib
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db.models import Count

from frameworks.models import BuyingOrganisation, Category
from marketplace.core.models import Region
from strategies.models import PipelineEntry, PipelineStatus, ProcurementStrategyPage
from strategies.selectors import cpv_category_matcher
from strategies.services import PlannedEntry, pipeline_csv_import, strategy_save
from strategies.values import value_band

SOURCE_YEAR = 2014
CURRENT_YEAR = 2026
MOST_ENTRIES_NEEDED = 3  # organisations with this many 2014 entries get a 2026 strategy

# Framework-map categories the build-or-buy sections are made from.
INTENTION_SLUGS = [
    "agile-delivery-and-digital-services",
    "technical-consultancy",
    "cyber-security-services",
    "cloud-hosting",
    "cloud-software",
    "off-the-shelf-software",
    "network-services",
    "desktop-computing",
]
# Changes to a carried-forward entry's value, picked by its hash (1 = unchanged).
VALUE_FACTORS = ["0.8", "0.9", "1", "1.1", "1.25", "1.5", "1"]
# New procurements an organisation adds in 2026 (title, description, CPV codes, value).
NEW_ENTRIES = [
    (
        "Case management platform replacement",
        "Replacing an end-of-life case management system with a cloud service.",
        ["72000000", "48000000"],
        "1800000",
    ),
    (
        "Cyber security assurance and penetration testing",
        "Independent testing of our services before they go live.",
        ["72000000"],
        "240000",
    ),
    (
        "User research and service design support",
        "Short engagements to design services with the people who use them.",
        ["79311000", "72000000"],
        "450000",
    ),
    (
        "Energy efficiency works across the estate",
        "Lighting, insulation and heating controls in our older buildings.",
        ["45000000", "09300000"],
        "3200000",
    ),
    (
        "Fleet electric vehicle charging points",
        "Supply and installation of charging points at our depots.",
        ["31158100", "45310000"],
        "650000",
    ),
    (
        "Facilities management for regional offices",
        "Cleaning, security and maintenance for offices outside London.",
        ["79993000", "90910000"],
        "5400000",
    ),
]


def _hash(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12], 16)


def illustrative_contact(organisation: BuyingOrganisation) -> dict:
    """An invented contact: an example.gov.uk address and an Ofcom drama number
    (020 7946 0000 to 0999 are set aside for fiction), so nobody real is reached."""
    return {
        "name": "Commercial pipeline team",
        "role": "Procurement enquiries (illustrative contact)",
        "email": f"pipeline@{organisation.slug[:50]}.example.gov.uk",
        "phone": f"020 7946 0{_hash(organisation.slug) % 1000:03d}",
    }


def _intention_categories(organisation: BuyingOrganisation) -> list[Category]:
    """Five of the framework map's categories, in an order fixed per organisation."""
    found = {c.slug: c for c in Category.objects.filter(slug__in=INTENTION_SLUGS)}
    ordered = [found[slug] for slug in INTENTION_SLUGS if slug in found]
    if len(ordered) < 5:
        return []
    start = _hash(organisation.slug, "intentions") % len(ordered)
    return (ordered[start:] + ordered[:start])[:5]


def _intention(category: Category, description: str) -> dict:
    return {"title": category.name, "description": description, "categories": [category]}


def _sections(organisation: BuyingOrganisation, year: int, *, intentions: bool) -> list:
    sections: list = [("contacts", [illustrative_contact(organisation)])]
    chosen = _intention_categories(organisation) if intentions else []
    if not chosen:
        return sections
    a, b, c, d, e = chosen
    odd = _hash(organisation.slug, "move") % 2 == 1
    if year == SOURCE_YEAR:
        build, buy = [a, b], [c, d]
    else:
        # a moves from build to buy; c from buy to build (for half of them);
        # e is new to build; d is dropped.
        build = [b, e, *([c] if odd else [])]
        buy = [a, *([] if odd else [c])]
    summary = (
        f"<p>What {organisation.name} plans to buy in the financial year {year} to "
        f"{year + 1}. Illustrative: made for this demonstration.</p>"
    )
    return [
        ("summary", summary),
        ("build", [_intention(x, "We will design and run this ourselves.") for x in build]),
        ("buy", [_intention(x, "We will buy this off the shelf.") for x in buy]),
        *sections,
    ]


def source_strategies_load(path: Path) -> dict:
    """The 2014 to 2015 strategies, with contacts (and intentions for those with
    enough entries to get a 2026 strategy)."""

    def sections_for(organisation, entries):
        intentions = len(entries) >= MOST_ENTRIES_NEEDED
        return _sections(organisation, SOURCE_YEAR, intentions=intentions)

    return pipeline_csv_import(
        path=path, financial_year=SOURCE_YEAR, illustrative=True, sections_for=sections_for
    )


def _carried(entry: PipelineEntry, number: int) -> PlannedEntry | None:
    h = _hash(entry.source_id or entry.key, "carry")
    if h % 5 == 0:
        return None
    start = date(CURRENT_YEAR, 4, 1) + timedelta(days=(h // 5) % 330)
    value = entry.value_amount
    if value is not None:
        value = (value * Decimal(VALUE_FACTORS[(h // 7) % len(VALUE_FACTORS)])).quantize(
            Decimal("1")
        )
    status = PipelineStatus.IN_PROCUREMENT if h % 11 == 0 else PipelineStatus.PLANNED
    copy = PipelineEntry(
        reference=entry.reference,
        title=entry.title,
        description=entry.description,
        cpv_codes=list(entry.cpv_codes),
        value_amount=value,
        value_band=value_band(value) if value is not None else entry.value_band,
        procurement_start=start,
        contract_start=start + timedelta(days=120 + (h // 3) % 240),
        route_to_market=entry.route_to_market,
        suitable_for_sme=entry.suitable_for_sme,
        suitable_for_vcse=entry.suitable_for_vcse,
        confidence=entry.confidence,
        status=status,
        source_id=f"illustrative-{CURRENT_YEAR}-{entry.source_id or number}",
    )
    return PlannedEntry(copy, list(entry.categories.all()), list(entry.regions.all()))


def _added(organisation: BuyingOrganisation, regions: list[Region]) -> list[PlannedEntry]:
    match = cpv_category_matcher()
    h = _hash(organisation.slug, "new")
    added = []
    for offset in range(1 + h % 2):
        title, description, cpv, amount = NEW_ENTRIES[(h + offset) % len(NEW_ENTRIES)]
        value = Decimal(amount)
        start = date(CURRENT_YEAR, 6, 1) + timedelta(days=(h // 3 + 60 * offset) % 240)
        entry = PipelineEntry(
            reference=f"IL-{CURRENT_YEAR}-{offset + 1}",
            title=title,
            description=description,
            cpv_codes=cpv,
            value_amount=value,
            value_band=value_band(value),
            procurement_start=start,
            contract_start=start + timedelta(days=180),
            suitable_for_sme=value < Decimal(2_000_000),
            suitable_for_vcse=offset == 1 and value < Decimal(500_000),
            source_id=f"illustrative-{CURRENT_YEAR}-new-{offset + 1}",
        )
        added.append(PlannedEntry(entry, match(cpv), regions))
    return added


def current_strategies_load() -> dict:
    """The 2026 to 2027 strategies. Keyed on organisation and year: one already
    there (made by an earlier load, or edited since) is left alone."""
    report = {"created": 0, "unchanged": 0, "entries": 0}
    sources = (
        ProcurementStrategyPage.objects.live()
        .filter(financial_year=SOURCE_YEAR, illustrative=True)
        .annotate(entry_count=Count("pipeline_entries"))
        .filter(entry_count__gte=MOST_ENTRIES_NEEDED)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    have = set(
        ProcurementStrategyPage.objects.filter(financial_year=CURRENT_YEAR).values_list(
            "organisation_id", flat=True
        )
    )
    for source in sources:
        organisation = source.organisation
        if organisation.pk in have:
            report["unchanged"] += 1
            continue
        old = list(
            source.pipeline_entries.prefetch_related("categories", "regions").order_by(
                "sort_order", "pk"
            )
        )
        entries = [e for e in (_carried(entry, n) for n, entry in enumerate(old)) if e]
        region_counts = Counter(r for e in old for r in e.regions.all())
        common = [region for region, _ in region_counts.most_common(1)]
        entries += _added(organisation, common)
        strategy_save(
            organisation=organisation,
            financial_year=CURRENT_YEAR,
            entries=entries,
            illustrative=True,
            sections=_sections(organisation, CURRENT_YEAR, intentions=True),
        )
        report["created"] += 1
        report["entries"] += len(entries)
    return report

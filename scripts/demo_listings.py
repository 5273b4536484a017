"""Demo service listings and illustrative supplier profiles, from the G-Cloud spend data.

Used by derive_demo_fixtures.py. The spend data has one line per invoice, and its
"project name and description" is whatever the buyer typed: a service name, a
role, a milestone, a purchase order number. This module turns those lines into a
few honest listings per supplier and lot:

1. clean each description (dates, order numbers, people's names, customer names,
   quantities and invoicing words go; what is left must still say something);
2. group the cleaned descriptions of one supplier and G-Cloud III lot into
   services, merging near-duplicates (the same words with a different customer,
   version, quantity or spelling);
3. keep the best-selling few, write their text from the description and the
   facts in the data, and check it against the marketplace's own anti-stuffing
   and duplicate rules, trimming or dropping what fails.

Everything is deterministic: run it twice, get the same fixture. Values with no
source (price, regions, VCSE type, accreditations) come from a hash of the name.
"""

import csv
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from listings.similarity import text_similarity
from listings.text import stem
from listings.validation import NAME_MAX_CHARACTERS, ListingText, listing_text_errors
from marketplace.core.money import money_text
from marketplace.core.text import STOPWORDS, words

PER_SUPPLIER_LOT = 5  # the best-selling services per supplier and lot; no more
MAX_VARIANTS = 6  # buyers' own descriptions quoted in a listing
SIMILARITY_LIMIT = 0.9  # listings.similarity.DUPLICATE_THRESHOLD

# G-Cloud III lot → (the G-Cloud 13 lot the demo lists it on, the original lot's name)
LOTS = {
    "1": ("cloud-hosting", "Infrastructure as a Service (IaaS)"),
    "2": ("cloud-hosting", "Platform as a Service (PaaS)"),
    "3": ("cloud-software", "Software as a Service (SaaS)"),
    "4": ("cloud-support", "Specialist Cloud Services (SCS)"),
}

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATE = r"\d{1,2}(?:st|nd|rd|th)?[/.\-]\d{1,2}[/.\-]\d{2,4}"
# Removed from a description wherever they appear: they describe the invoice, not the service.
NOISE = [
    re.compile(pattern, re.I)
    for pattern in (
        rf"\b(?:from\s+)?{DATE}\s*(?:-|to|\u2013)?\s*(?:{DATE})?",
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}\b\.?",
        rf"\b{MONTHS}\s*['\u2019]?(?:(?:19|20)?\d{{2}})?\b\.?",
        r"\b(?:19|20)\d{2}(?:\s*[/-]\s*\d{2,4})?\b",
        r"\bperiod\b\s*:?",
        r"\bweek ending\b",
        r"\b(?:purchase order|po)\b\.?\s*(?:no\.?|number|ref\.?)?\s*:?\s*[a-z]*\d[\w/-]*",
        r"\b[a-z]{2,4}\d{4,}\b",
        r"\b\d+\.g\d\.[\d.]+\b",
        r"\bg[- ]?cloud service id\b:?",
        r"\(\s*id:[^)]*\)",
        r"\b\d{4,}\b",
        r"\b\d+(?:\.\d+)?\s*%\s*(?:of\b)?",
        r"(?:\bfor\s+)?\b\d+\s*(?:x\s*)?(?:days?|weeks?|months?|mths?|mth|years?|yrs?)\b",
        r"\byear\s*\d+\b",
        r"\b(?:initial|annual|monthly|quarterly|one[- ]off)?\s*(?:licen[cs]e\s+)?"
        r"(?:and support\s+)?fees?\b",
        r"\bx\s*\d+\b",
        r"^\d+\s+",
        r"\bcall off\b",
        r"\S+\.(?:docx?|pdf|xlsx?|odt)\b",
    )
]
INITIALS = re.compile(r"\(\s*[A-Z]{2,3}\s*\)")  # "Business Analyst (RH)": a person
SEGMENTS = re.compile(r"\s*(?:[:()~?;]|\s[-\u2013]\s|\.\s)\s*")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that only describe an invoice; a part made of nothing else is dropped.
ADMIN = _wordset(
    """invoice invoices credit note expenses expense fee fees charge charges billing billed
    payment downpayment deposit milestone milestones sprint sprints release phase stage stages
    part wp call off final interim claim month monthly quarter quarterly complete completed
    adoption acceptance partial time up front upfront first second third rd nd st th against
    internal purposes not client per due signing initial annual additional supplementary estimated
    contingency budget order purchase number no ref go live element incorrect rate end
    of for and the to in a b c d mr els scp"""
)
# Descriptions too vague to name a service on their own.
GENERIC = _wordset(
    """services service professional professionals consultancy consulting consultant
    support project projects work resource resources development software null none tbc
    various misc n a na saas paas iaas cloud provision delivery contract major set setup
    check agile design"""
)
# People named in invoice lines; a two-word part with one of these is a person.
FIRST_NAMES = _wordset(
    """andrew anna chris david duncan ian jianzhong nigel john james paul peter mark michael
    richard robert simon stephen steve tom thomas sarah helen jane claire emma rachel"""
)

SECTORS = {
    "Central Government": "central government",
    "Local Government": "local government",
    "Health": "health",
    "Education": "education",
    "Police": "police",
    "Fire and Rescue": "fire and rescue",
    "Devolved Administrations": "devolved administrations",
    "Not for Profit": "not-for-profit bodies",
    "Private Sector": "other bodies",
}


def _meaning(text: str, meaning: str) -> dict[str, str]:
    return dict.fromkeys(text.split(), meaning)


# Buyers' words for what a G-Cloud 13 lot's category labels call something else, per lot.
SYNONYMS = {
    "cloud-hosting": {
        "archiving": "backup recovery",
        "server": "compute",
        "servers": "compute",
        "vm": "compute",
        "virtual": "compute",
        "datacentre": "hosting",
        "colocation": "hosting",
        "web": "hosting",
        "website": "hosting",
        "network": "networking",
        "bandwidth": "networking",
    },
    "cloud-software": {
        "cms": "content",
        "website": "content",
        "intranet": "content",
    },
    "cloud-support": {
        **_meaning(
            "consultant consultancy consulting strategy strategic architect architecture advice "
            "advisor analyst analysis design discovery review project programme procurement "
            "assessment roadmap",
            "planning",
        ),
        **_meaning(
            "developer developers development implementation deployment build integration "
            "configuration installation migration transition agile delivery",
            "setup migration",
        ),
        **_meaning("tester testers test assurance accessibility", "quality testing"),
        **_meaning("penetration ithc accreditation vulnerability assurance risk cyber", "security"),
        **_meaning("coaching mentoring course courses workshop", "training"),
        **_meaning("maintenance helpdesk hosting managed operations desk live", "ongoing support"),
    },
}
ACCREDITATIONS = [  # slugs seeded by suppliers/migrations/0003_accreditations.py
    ("cyber-essentials", 0.55, 0.8),
    ("cyber-essentials-plus", 0.2, 0.45),
    ("iso-27001", 0.35, 0.85),
    ("iso-9001", 0.35, 0.75),
    ("iso-14001", 0.15, 0.6),
    ("iso-22301", 0.05, 0.3),
    ("iso-20000", 0.08, 0.35),
    ("nhs-dspt", 0.1, 0.3),
    ("pci-dss", 0.03, 0.15),
]  # (slug, chance for an SME, chance for a large supplier)
VCSE_TYPES = [
    "social-enterprise",
    "cic",
    "charity",
    "co-operative",
    "public-service-mutual",
    "supported-employment",
]


def stable_fraction(text: str) -> float:
    """A number in [0, 1) fixed by the text, so derived demo fields never change between runs."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


# --- cleaning ------------------------------------------------------------------------


def _sentence_case(text: str) -> str:
    """SHOUTED TEXT in sentence case, keeping short acronyms (ICT, AWS, CRM) as they are."""
    if text.upper() == text:
        text = " ".join(w if len(w) <= 3 else w.lower() for w in text.split())
    return text[:1].upper() + text[1:]


def _is_person(part: str) -> bool:
    tokens = part.split()
    return (
        len(tokens) == 2
        and all(t[:1].isupper() and t[1:].islower() for t in tokens)
        and any(t.lower() in FIRST_NAMES for t in tokens)
    )


def _strip_admin_edges(tokens: list[str]) -> list[str]:
    def admin(token: str) -> bool:
        bare = token.lower().strip(".,&-/'")
        return not bare or bare in ADMIN or bare.isdigit() or len(bare) == 1

    while tokens and (admin(tokens[0]) or tokens[0].lower() in STOPWORDS):
        tokens = tokens[1:]
    while tokens and (admin(tokens[-1]) or tokens[-1].lower() in STOPWORDS):
        tokens = tokens[:-1]
    return tokens


def description_clean(raw: str, *, customer: str, supplier: str) -> str:
    """The words of one invoice description that name a service, or '' if none do."""
    text = " ".join(raw.replace("\u00a0", " ").split())
    text = INITIALS.sub(" ", text)
    # A customer often appears without its "HM" or "The": "Security review - Land Registry".
    bare_customer = re.sub(r"^(?:the|hm)\s+", "", customer, flags=re.I)
    for name in (customer, bare_customer, supplier):
        if len(name) > 3:
            text = re.sub(re.escape(name), " ", text, flags=re.I)
    for pattern in NOISE:
        text = pattern.sub(" ", text)
    parts = []
    for part in SEGMENTS.split(text):
        tokens = _strip_admin_edges(part.split())
        kept = " ".join(tokens).strip(" .,&-/")
        if kept and not _is_person(kept) and any(c.isalpha() for c in kept):
            parts.append(kept)
    text = " - ".join(parts)
    text = re.sub(r"\s+", " ", text).strip(" .,&-/")
    letters = sum(c.isalpha() for c in text)
    key_words = [w for w in words(text) if w not in STOPWORDS]
    if letters < 5 or not key_words or all(w in GENERIC or w.isdigit() for w in key_words):
        return ""
    if text.lower() in {customer.lower(), supplier.lower()}:
        return ""
    return _sentence_case(text)


def _name_trim(text: str) -> str:
    """At most NAME_MAX_CHARACTERS, cut at a word and with no dangling joiner."""
    if len(text) <= NAME_MAX_CHARACTERS:
        return text
    cut = text[: NAME_MAX_CHARACTERS + 1].rsplit(" ", 1)[0]
    tokens = _strip_admin_edges(cut.split())
    return " ".join(tokens).strip(" .,&-/")


def service_key(text: str) -> frozenset[str]:
    """What two descriptions must share to be the same service: their stemmed words
    without stopwords, numbers, versions or licence wording."""
    found = set()
    for word in words(text.lower().replace("license", "licence")):
        if word in STOPWORDS or any(c.isdigit() for c in word):
            continue
        if word in {"licence", "licences", "user", "users", "subscription", "version"}:
            continue
        found.add(stem(word))
    return frozenset(found)


# --- grouping ------------------------------------------------------------------------


@dataclass
class Service:
    key: frozenset[str]
    variants: Counter = field(default_factory=Counter)  # cleaned text → spend
    customers: set[str] = field(default_factory=set)
    sectors: Counter = field(default_factory=Counter)
    months: set[str] = field(default_factory=set)
    rows: int = 0
    spend: float = 0.0

    def add(self, other: "Service") -> None:
        self.variants.update(other.variants)
        self.customers |= other.customers
        self.sectors.update(other.sectors)
        self.months |= other.months
        self.rows += other.rows
        self.spend += other.spend

    @property
    def name(self) -> str:
        best = max(self.variants.items(), key=lambda item: (item[1], -len(item[0]), item[0]))
        return best[0]


def _same_service(a: frozenset[str], b: frozenset[str]) -> bool:
    if a == b:
        return True
    smaller, larger = sorted((a, b), key=len)
    if len(smaller) >= 2 and smaller <= larger:
        return True
    return len(a & b) / len(a | b) >= 0.75


def services_group(exact: dict[frozenset[str], Service]) -> list[Service]:
    """Merge near-duplicate services, biggest first, so each keeps its best-selling name."""
    merged: list[Service] = []
    for service in sorted(exact.values(), key=lambda s: (-s.spend, sorted(s.key))):
        home = next((m for m in merged if _same_service(m.key, service.key)), None)
        if home is None:
            merged.append(service)
        else:
            home.add(service)
    return sorted(merged, key=lambda s: (-s.spend, s.name))


# --- text, categories, price ---------------------------------------------------------


def _year_span(months: set[str]) -> str:
    years = sorted({m[:4] for m in months})
    return f"in {years[0]}" if len(years) == 1 else f"between {years[0]} and {years[-1]}"


def _month_label(month: str) -> str:
    names = "January February March April May June July August September October November"
    names = [*names.split(), "December"]
    return f"{names[int(month[5:7]) - 1]} {month[:4]}"


def _listing_texts(service: Service, *, supplier: str, lot: str):
    """Candidate (name, summary, description) triples, richest first."""
    name = _name_trim(service.name)
    buyers = len(service.customers)
    bought_by = "one public sector organisation"
    if buyers > 1:
        bought_by = f"{buyers} public sector organisations"
    summary = (
        f"{name}, from {supplier}. Bought by {bought_by} {_year_span(service.months)} "
        "through G-Cloud."
    )
    sectors = [SECTORS.get(s, s.lower()) for s, _ in service.sectors.most_common()]
    sector_text = (
        sectors[0] if len(sectors) == 1 else ", ".join(sectors[:-1]) + " and " + sectors[-1]
    )
    months = sorted(service.months)
    spend = money_text(service.spend, pence="never")
    facts = (
        f"From {_month_label(months[0])} to {_month_label(months[-1])}, {bought_by} in "
        f"{sector_text} bought it, on {service.rows} invoice "
        f"line{'s' if service.rows != 1 else ''} worth {spend} in all."
    )
    if len(months) == 1:
        facts = (
            f"In {_month_label(months[0])}, {bought_by} in {sector_text} bought it, for {spend}."
        )
    origin = f"{supplier} sold this service on G-Cloud III, lot {lot}: {LOTS[lot][1]}."
    note = (
        "This demo listing was made from the published G-Cloud spend data, not written by "
        "the supplier. Its price, categories and regions are illustrative."
    )
    others = [
        v
        for v, _ in sorted(service.variants.items(), key=lambda item: (-item[1], item[0]))
        if v.lower() != name.lower()
    ]
    shorter = name.split(" - ")[0]
    for quoted in (MAX_VARIANTS, 2, 0):
        described = ""
        if others[:quoted]:
            described = (
                " Buyers described what they bought as: "
                + "; ".join(f"“{v}”" for v in others[:quoted])
                + "."
            )
        yield name, summary, f"{origin}{described} {facts} {note}"
    if shorter != name and len(shorter) >= 5:
        yield shorter, summary.replace(name, shorter, 1), f"{origin} {facts} {note}"


UNMATCHED = frozenset({"other", "service", "services", "management", "including"})


def _stems(text: str, synonyms: dict[str, str] | None = None) -> frozenset[str]:
    found = set()
    for word in words(text):
        if word in STOPWORDS or word in UNMATCHED:
            continue
        found.add(stem(word))
        found.update(stem(w) for w in (synonyms or {}).get(word, "").split())
    return frozenset(found)


@dataclass(frozen=True)
class Leaf:
    path: tuple[str, ...]  # labels from the lot's top level down, e.g. ("CRM", "Live chat")
    own: frozenset[str]  # stems of its own label
    parents: frozenset[str]  # stems of the labels above it, which count for less


def lot_leaves(gcloud13: list[dict]) -> dict[str, list[Leaf]]:
    """Every leaf category of each G-Cloud 13 lot, in the fixture's order."""

    def walk(nodes: list[dict], trail: tuple[str, ...]):
        for node in nodes:
            path = (*trail, node["label"])
            if node.get("children"):
                yield from walk(node["children"], path)
            else:
                yield Leaf(path, _stems(node["label"]), _stems(" ".join(trail)))

    return {lot["slug"]: list(walk(lot["categories"], ())) for lot in gcloud13}


def categories_choose(text: str, *, lot: str, leaves: list[Leaf], most: int) -> list[list[str]]:
    """The 1-3 leaves whose words best match the service's, rarer words counting more
    and a parent's words half; a stable hash of the text picks one if no word matches.
    A label that sits under two parents ("Blogging") is chosen once."""
    df = Counter(s for leaf in leaves for s in leaf.own | leaf.parents)
    mine = _stems(text, SYNONYMS.get(lot))

    def weight(s: str) -> float:
        return math.log(len(leaves) / df[s]) + 0.1

    scored = []
    for leaf in leaves:
        score = sum(weight(s) for s in leaf.own & mine)
        score += sum(weight(s) / 2 for s in (leaf.parents - leaf.own) & mine)
        if score > 0:
            scored.append((score, leaf.path))
    scored.sort(key=lambda item: (-item[0], item[1]))
    if not scored:
        return [list(leaves[int(stable_fraction("category:" + text) * len(leaves))].path)]
    chosen: dict[str, tuple[str, ...]] = {}
    for score, path in scored:
        if len(chosen) == min(3, most) or score < scored[0][0] / 2:
            break
        chosen.setdefault(path[-1], path)
    return [list(path) for path in chosen.values()]


def price_choose(*, name: str, target_lot: str) -> dict:
    roll = stable_fraction("price:" + name)
    if target_lot == "cloud-support":
        return {
            "price": f"{450 + 5 * int(roll * 150)}.00",
            "price_unit": "day",
            "pricing_model": "per-unit",
        }
    if target_lot == "cloud-software":
        unit = "user" if roll < 0.7 else "licence"
        return {
            "price": f"{1.5 + round(roll * 38, 1):.2f}",
            "price_unit": unit,
            "pricing_model": "subscription",
        }
    unit = ("server", "instance", "gigabyte")[int(roll * 3)]
    low, high = {"server": (25, 400), "instance": (10, 250), "gigabyte": (0.02, 0.5)}[unit]
    price = low + (high - low) * stable_fraction("amount:" + name)
    return {"price": f"{price:.2f}", "price_unit": unit, "pricing_model": "pay-as-you-go"}


# --- suppliers' illustrative profiles -------------------------------------------------


def profile_derive(name: str, *, large: bool, region_codes: list[str]) -> dict:
    """Regions served, VCSE type and accreditations: no source, so hashed from the name."""
    whole_uk = stable_fraction("whole-uk:" + name) < (0.6 if large else 0.25)
    regions = []
    if not whole_uk:
        ranked = sorted(region_codes, key=lambda code: stable_fraction(f"region:{name}:{code}"))
        regions = sorted(ranked[: 1 + int(stable_fraction("region-count:" + name) * 4)])
    vcse = ""
    if not large and stable_fraction("vcse:" + name) < 0.05:
        vcse = VCSE_TYPES[int(stable_fraction("vcse-type:" + name) * len(VCSE_TYPES))]
    accreditations = [
        slug
        for slug, sme, big in ACCREDITATIONS
        if stable_fraction(f"accreditation:{name}:{slug}") < (big if large else sme)
    ]
    if "cyber-essentials-plus" in accreditations and "cyber-essentials" not in accreditations:
        accreditations.insert(0, "cyber-essentials")
    return {
        "name": name,
        "serves_whole_uk": whole_uk,
        "regions_served": regions,
        "vcse_type": vcse,
        "accreditations": accreditations,
        "profile_is_illustrative": True,
    }


# --- the whole derivation -------------------------------------------------------------


def _read_services(spend_csv: Path) -> tuple[int, dict, dict]:
    """Rows read; services per (supplier, lot) before near-duplicate merging; SME flags."""
    exact: dict[tuple[str, str], dict[frozenset[str], Service]] = defaultdict(dict)
    large: dict[str, bool] = {}
    rows = 0
    with spend_csv.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows += 1
            supplier = row["SupplierName"].strip()
            large[supplier] = row["SMEorLarge"] == "Large"
            cleaned = description_clean(
                row["ProjectNameAndDescription"],
                customer=row["CustomerName"].strip(),
                supplier=supplier,
            )
            if not cleaned:
                continue
            key = service_key(cleaned)
            if not key:
                continue
            group = exact[(supplier, row["LotDescription"])]
            service = group.setdefault(key, Service(key=key))
            spend = float(row["EvidencedSpend"] or 0)
            service.variants[cleaned] += spend
            service.customers.add(row["CustomerName"].strip())
            service.sectors[row["Sector"]] += 1
            service.months.add(row["ReturnMonth"][:7])
            service.rows += 1
            service.spend += spend
    return rows, exact, large


def derive(shared: Path) -> tuple[list[dict], list[dict], dict]:
    """(listing records, supplier profile records, figures for the report)."""
    rows, exact, large = _read_services(shared / "gcloud-spend-2012-2014.csv")
    gcloud13 = json.loads((shared / "gcloud13-lots-and-categories.json").read_text("utf-8"))
    leaves = lot_leaves(gcloud13["lots"])
    max_categories = {lot["slug"]: lot["max_categories"] for lot in gcloud13["lots"]}
    with (shared / "uk-itl1-regions.csv").open(newline="", encoding="utf-8") as handle:
        region_codes = [row["itl1_code"] for row in csv.DictReader(handle)]
    profiles = {
        name: profile_derive(name, large=is_large, region_codes=region_codes)
        for name, is_large in sorted(large.items(), key=lambda item: item[0].lower())
    }

    figures = Counter(rows_read=rows)
    figures["distinct_services"] = 0
    records: list[dict] = []
    accepted: dict[str, list[str]] = defaultdict(list)  # supplier → texts, for duplicates
    names: set[tuple[str, str, str]] = set()
    for (supplier, lot), group in sorted(
        exact.items(), key=lambda item: (item[0][0].lower(), item[0][1])
    ):
        services = services_group(group)
        figures["distinct_services"] += len(services)
        written = 0
        for service in services:
            if written == PER_SUPPLIER_LOT:
                break
            record = _listing_record(
                service,
                supplier=supplier,
                lot=lot,
                leaves=leaves,
                max_categories=max_categories,
                figures=figures,
            )
            if record is None:
                continue
            text = "\n".join([record["name"], record["summary"], record["description"]])
            # Lots 1 and 2 both become cloud hosting: one name once per supplier and lot.
            listed = (supplier, record["lot"], record["name"].lower())
            if listed in names or any(
                text_similarity(text, other) > SIMILARITY_LIMIT for other in accepted[supplier]
            ):
                figures["dropped_as_near_duplicates"] += 1
                continue
            accepted[supplier].append(text)
            names.add(listed)
            profile = profiles[supplier]
            record["serves_whole_uk"] = profile["serves_whole_uk"]
            record["regions"] = profile["regions_served"]
            records.append(record)
            written += 1
            figures[f"listings_lot_{lot}"] += 1
    figures["suppliers_with_listings"] = len(accepted)
    return records, list(profiles.values()), dict(figures)


def _listing_record(
    service: Service, *, supplier: str, lot: str, leaves: dict, max_categories: dict, figures
) -> dict | None:
    target = LOTS[lot][0]
    for attempt, (name, summary, description) in enumerate(
        _listing_texts(service, supplier=supplier, lot=lot)
    ):
        errors = listing_text_errors(ListingText(name, summary, description, [], []))
        if errors:
            continue
        if attempt:
            figures["trimmed_to_pass_the_rules"] += 1
        text = " ".join([name, *sorted(service.variants)])
        return {
            "supplier": supplier,
            "gcloud3_lot": lot,
            "gcloud3_lot_name": LOTS[lot][1],
            "lot": target,
            "name": name,
            "summary": summary,
            "description": description,
            "features": [],
            "benefits": [],
            "categories": categories_choose(
                text, lot=target, leaves=leaves[target], most=max_categories[target]
            ),
            **price_choose(name=f"{supplier}:{name}", target_lot=target),
            "buyers": len(service.customers),
            "spend": round(service.spend, 2),
            "is_illustrative": True,
        }
    figures["dropped_failing_the_rules"] += 1
    return None

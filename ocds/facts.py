"""What the OCDS builders need to know, as plain values.

Selectors turn each source's models into these; the builders never see a model,
so they are pure and tested without a database. A new source of awards (paid card
orders, say) only has to produce ``AwardFacts``.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class OrganisationFacts:
    party_id: str  # unique among the parties of a release
    name: str
    scheme: str = ""  # an org-id.guide list code such as GB-COH
    identifier: str = ""  # the number in that list
    scale: str = ""  # "sme" or "large" (the partyScale codelist); "" when not known
    vcse: bool | None = None
    region: str = ""


@dataclass(frozen=True)
class PlannedProcurementFacts:
    """One pipeline entry of a published strategy: a Procurement Act 2023 pipeline notice."""

    key: str  # unique across all sources, such as "pipeline-12"
    financial_year: int
    published: datetime
    buyer: OrganisationFacts
    title: str
    description: str
    cpv: tuple[tuple[str, str], ...]  # (code, description)
    value: Decimal | None
    procurement_start: date | None
    contract_start: date | None
    regions: tuple[tuple[str, str], ...]  # (ITL1 code, name)
    suitable_for_sme: bool
    suitable_for_vcse: bool
    status: str  # planned, in-procurement, awarded or withdrawn
    route_to_market: str
    framework: str
    url: str


@dataclass(frozen=True)
class AwardFacts:
    """One contract awarded through the marketplace: a direct award or a paid card order."""

    key: str  # unique across all sources, such as "award-7"
    date: datetime
    buyer: OrganisationFacts
    supplier: OrganisationFacts
    title: str
    description: str
    item_id: str  # the exact listing version awarded
    method_details: str
    value: Decimal
    start: date | None
    end: date | None
    url: str

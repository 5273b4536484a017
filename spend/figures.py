"""Spend recorded through the marketplace, summed by the groups the 2014 review
asks about, against the 25% SME target. Pure: items in, figures out."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

SME_TARGET_PERCENT = 25


@dataclass(frozen=True)
class SpendItem:
    """One payment commitment: a direct award or a paid card order."""

    key: str  # as in the OCDS ocid, such as "award-7"
    source: str  # "Direct award" or "Card order"
    day: date
    amount: Decimal
    supplier_name: str
    supplier_slug: str
    size: str  # "Micro", "Small", "Medium", "Large" or "Not known"
    is_sme: bool
    vcse: bool
    buyer_sector: str
    region: str
    framework: str


@dataclass(frozen=True)
class Group:
    label: str
    amount: Decimal
    contracts: int
    percent: float  # of the year's total


@dataclass(frozen=True)
class Breakdown:
    slug: str
    title: str
    groups: list[Group]


@dataclass
class YearFigures:
    year: int
    total: Decimal = Decimal(0)
    contracts: int = 0
    sme_amount: Decimal = Decimal(0)
    breakdowns: list[Breakdown] = field(default_factory=list)
    suppliers: list[Group] = field(default_factory=list)

    @property
    def sme_percent(self) -> float:
        return _percent(self.sme_amount, self.total)

    @property
    def target_met(self) -> bool:
        # On the exact amounts: 24.99% rounds to 25.0% but does not meet the target.
        return self.total > 0 and self.sme_amount * 100 >= self.total * SME_TARGET_PERCENT


def financial_year_of(moment: datetime | date) -> int:
    """The year a UK financial year (April to March) starts: 31 March 2027 -> 2026."""
    day = timezone.localdate(moment) if isinstance(moment, datetime) else moment
    return day.year if day.month >= 4 else day.year - 1


def financial_year_slug(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def financial_year_label(year: int) -> str:
    return f"{year} to {year + 1}"


def _percent(part: Decimal, whole: Decimal) -> float:
    return round(float(part * 100 / whole), 1) if whole else 0.0


DIMENSIONS: list[tuple[str, str, Callable[[SpendItem], str]]] = [
    ("size", "By supplier size", lambda item: item.size),
    ("vcse", "By VCSE status", lambda item: "VCSE" if item.vcse else "Not a VCSE"),
    ("sector", "By buyer sector", lambda item: item.buyer_sector),
    ("region", "By supplier's head office region", lambda item: item.region),
    ("framework", "By framework", lambda item: item.framework),
]


def _groups(items: list[SpendItem], key: Callable[[SpendItem], str], total: Decimal) -> list[Group]:
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        amounts[key(item)] += item.amount
        counts[key(item)] += 1
    return [
        Group(label, amount, counts[label], _percent(amount, total))
        for label, amount in sorted(amounts.items(), key=lambda pair: (-pair[1], pair[0]))
    ]


def year_figures(items: list[SpendItem], *, year: int) -> YearFigures:
    """The figures of one financial year, from items of any years."""
    chosen = [item for item in items if financial_year_of(item.day) == year]
    figures = YearFigures(year=year)
    figures.total = sum((item.amount for item in chosen), Decimal(0))
    figures.contracts = len(chosen)
    figures.sme_amount = sum((item.amount for item in chosen if item.is_sme), Decimal(0))
    figures.breakdowns = [
        Breakdown(slug, title, _groups(chosen, key, figures.total))
        for slug, title, key in DIMENSIONS
    ]
    figures.suppliers = _groups(chosen, lambda item: item.supplier_slug, figures.total)
    return figures

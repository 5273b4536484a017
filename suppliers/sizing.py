"""The UK size test, as the Procurement Act 2023 uses it to define an SME.

A business is in the smallest band whose staff limit it is under and whose money
limit it meets on turnover *or* balance sheet (either is enough, as in the
Companies Act tests the Act borrows). Pure code so the boundaries can be tested
without a database.
"""

from dataclasses import dataclass
from decimal import Decimal

from .models_choices import SizeBand

MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class BandLimit:
    band: str
    staff_under: int
    turnover_max: Decimal
    balance_sheet_max: Decimal


# Checked in order; a business that fits none of them is large.
BAND_LIMITS = (
    BandLimit(SizeBand.MICRO, 10, 2 * MILLION, 2 * MILLION),
    BandLimit(SizeBand.SMALL, 50, 10 * MILLION, 10 * MILLION),
    BandLimit(SizeBand.MEDIUM, 250, 44 * MILLION, 38 * MILLION),
)


def _within(value: Decimal | None, limit: Decimal) -> bool:
    return value is not None and value <= limit


def size_band_derive(*, staff: int, turnover: Decimal | None, balance_sheet: Decimal | None) -> str:
    """The band for a headcount and turnover or balance-sheet total, in pounds."""
    if staff < 0:
        raise ValueError("staff cannot be negative")
    if turnover is None and balance_sheet is None:
        raise ValueError("give turnover or balance sheet total")
    for limit in BAND_LIMITS:
        money_ok = _within(turnover, limit.turnover_max) or _within(
            balance_sheet, limit.balance_sheet_max
        )
        if staff < limit.staff_under and money_ok:
            return limit.band
    return SizeBand.LARGE

"""Plain values shared by the models, the importer and the views: financial years,
money and value bands. Pure functions, so they are tested without a database."""

import re
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import money_text


def financial_year_label(start_year: int) -> str:
    """2026 -> "2026 to 2027", the GOV.UK style for a financial year."""
    return f"{start_year} to {start_year + 1}"


def financial_year_slug(start_year: int) -> str:
    """2026 -> "2026-27", short and stable for URLs."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


class ValueBand(models.TextChoices):
    """Bands around the Procurement Act 2023 thresholds: a pipeline notice is due
    for planned spend over £2 million."""

    UNDER_100K = "under-100k", _("Under £100,000")
    FROM_100K = "100k-500k", _("£100,000 to £500,000")
    FROM_500K = "500k-2m", _("£500,000 to £2 million")
    FROM_2M = "2m-10m", _("£2 million to £10 million")
    FROM_10M = "10m-50m", _("£10 million to £50 million")
    OVER_50M = "over-50m", _("Over £50 million")


# Upper bounds of each band, in pounds, inclusive.
BAND_LIMITS: list[tuple[Decimal, str]] = [
    (Decimal(100_000), ValueBand.UNDER_100K),
    (Decimal(500_000), ValueBand.FROM_100K),
    (Decimal(2_000_000), ValueBand.FROM_500K),
    (Decimal(10_000_000), ValueBand.FROM_2M),
    (Decimal(50_000_000), ValueBand.FROM_10M),
]


def value_band(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    for limit, band in BAND_LIMITS:
        if amount < limit:
            return band
    return ValueBand.OVER_50M


def band_range(band: str) -> tuple[Decimal | None, Decimal | None]:
    """The amounts a band covers: (lowest, highest-exclusive), None for open ends."""
    lower = None
    for limit, name in BAND_LIMITS:
        if name == band:
            return lower, limit
        lower = limit
    return (lower, None) if band == ValueBand.OVER_50M else (None, None)


class MoneyError(ValueError):
    """The text is not an amount of money we can read."""


MULTIPLIERS = {"": 1, "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
AMOUNT = re.compile(r"^£?\s*(\d[\d,]*(?:\.\d+)?)\s*(k|m|mn|bn|million|billion)?$", re.I)
WORDS = {"million": "m", "billion": "bn"}


def money_parse(text: str) -> Decimal:
    """One amount in pounds: "£1,234", "1234.50000", "£2.5m", "750k", "£3 million"."""
    cleaned = text.strip().replace("\u00a0", " ")
    match = AMOUNT.match(cleaned)
    if not match:
        raise MoneyError(f"“{text}” is not an amount in pounds")
    number, unit = match.groups()
    unit = (unit or "").lower()
    unit = WORDS.get(unit, unit)
    try:
        amount = Decimal(number.replace(",", "")) * MULTIPLIERS[unit]
    except InvalidOperation as error:  # pragma: no cover - the pattern rules it out
        raise MoneyError(f"“{text}” is not an amount in pounds") from error
    return amount.quantize(Decimal("0.01"))


RANGE = re.compile(r"\s*(?:-|\u2013|\u2014|\bto\b)\s*", re.I)  # hyphen, en and em dash


def money_range_parse(text: str) -> tuple[Decimal, Decimal]:
    """An amount or a range ("£1m to £2m", "£100k-£250k"): (low, high), equal for one amount.
    A unit given only on the upper end applies to both ("1-2m")."""
    parts = [p for p in RANGE.split(text.strip()) if p]
    if len(parts) == 1:
        amount = money_parse(parts[0])
        return amount, amount
    if len(parts) != 2:
        raise MoneyError(f"“{text}” is not an amount or a range of amounts")
    low_text, high_text = parts
    unit = AMOUNT.match(high_text.strip())
    if unit and unit.group(2) and not re.search(r"[a-z]$", low_text.strip(), re.I):
        low_text = low_text + unit.group(2)
    low, high = money_parse(low_text), money_parse(high_text)
    if low > high:
        raise MoneyError(f"“{text}”: the lower amount is more than the higher one")
    return low, high


def money_display(amount: Decimal | None) -> str:
    return money_text(amount, missing="Not known")

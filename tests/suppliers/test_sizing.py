"""The UK size test at every boundary (Procurement Act 2023 SME definition)."""

from decimal import Decimal

import pytest

from suppliers.sizing import size_band_derive

M = Decimal(1_000_000)


@pytest.mark.parametrize(
    ("staff", "turnover", "balance_sheet", "band"),
    [
        # Micro: fewer than 10 staff and £2m or less.
        (9, 2 * M, None, "micro"),
        (10, 2 * M, None, "small"),  # 10 staff is no longer micro
        (9, 2 * M + 1, None, "small"),  # £1 over on turnover
        (9, 2 * M + 1, 2 * M, "micro"),  # …but the balance sheet is within the limit
        (0, Decimal(0), None, "micro"),
        # Small: fewer than 50 staff and £10m or less.
        (49, 10 * M, None, "small"),
        (50, 10 * M, None, "medium"),
        (49, 10 * M + 1, None, "medium"),
        (49, None, 10 * M, "small"),  # balance sheet alone is enough
        # Medium: fewer than 250 staff and turnover £44m or less or balance sheet £38m or less.
        (249, 44 * M, None, "medium"),
        (249, 44 * M + 1, None, "large"),
        (249, 44 * M + 1, 38 * M, "medium"),
        (249, 44 * M + 1, 38 * M + 1, "large"),
        (249, None, 38 * M, "medium"),
        (250, Decimal(1), None, "large"),  # headcount alone makes a business large
    ],
)
def test_size_band_boundaries(staff, turnover, balance_sheet, band):
    assert size_band_derive(staff=staff, turnover=turnover, balance_sheet=balance_sheet) == band


def test_size_band_needs_money_figures():
    with pytest.raises(ValueError, match="turnover or balance sheet"):
        size_band_derive(staff=5, turnover=None, balance_sheet=None)


def test_size_band_refuses_negative_staff():
    with pytest.raises(ValueError, match="negative"):
        size_band_derive(staff=-1, turnover=M, balance_sheet=None)

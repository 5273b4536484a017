"""The spend figures are pure: items in, sums and the SME target out."""

from datetime import date
from decimal import Decimal

from spend.figures import SpendItem, financial_year_of, year_figures


def item(amount: str, *, day=date(2026, 5, 1), size="Small", sme=True, vcse=False, **fields):
    values = {
        "key": "award-1",
        "source": "Direct award",
        "supplier_name": "A",
        "supplier_slug": "a",
        "buyer_sector": "Education",
        "region": "London",
        "framework": "G-Cloud 14",
        **fields,
    }
    return SpendItem(day=day, amount=Decimal(amount), size=size, is_sme=sme, vcse=vcse, **values)


def test_the_financial_year_starts_in_april():
    assert financial_year_of(date(2027, 3, 31)) == 2026
    assert financial_year_of(date(2027, 4, 1)) == 2027


def test_figures_sum_one_year_against_the_sme_target():
    items = [
        item("25000"),
        item("75000", size="Large", sme=False, supplier_slug="b"),
        item("999", day=date(2026, 3, 31)),  # the year before
    ]

    figures = year_figures(items, year=2026)

    assert figures.total == Decimal("100000")
    assert figures.contracts == 2
    assert figures.sme_percent == 25.0
    assert figures.target_met is True
    size = next(b for b in figures.breakdowns if b.slug == "size")
    assert [(g.label, g.amount, g.contracts, g.percent) for g in size.groups] == [
        ("Large", Decimal("75000"), 1, 75.0),
        ("Small", Decimal("25000"), 1, 25.0),
    ]


def test_just_under_the_target_is_not_met_and_an_empty_year_is_empty():
    items = [item("2499"), item("7501", size="Large", sme=False)]

    assert year_figures(items, year=2026).target_met is False
    empty = year_figures(items, year=2024)
    assert empty.contracts == 0
    assert empty.sme_percent == 0.0

from decimal import Decimal

import pytest

from strategies.values import (
    MoneyError,
    band_range,
    financial_year_label,
    financial_year_slug,
    money_parse,
    money_range_parse,
    value_band,
)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("£1,234", "1234"),
        ("0.00000", "0"),
        ("352883.39000", "352883.39"),
        ("£2.5m", "2500000"),
        ("750k", "750000"),
        ("£3 million", "3000000"),
        (" £10,000,000 ", "10000000"),
    ],
)
def test_money_is_read_in_the_forms_the_files_use(text, amount):
    assert money_parse(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "about a million", "£", "1,2,3.4.5", "-£5"])
def test_text_that_is_not_money_is_refused_with_the_text_quoted(text):
    with pytest.raises(MoneyError, match="is not an amount"):
        money_parse(text)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("£1m to £2m", "1000000", "2000000"),
        ("£100k-£250k", "100000", "250000"),
        ("1-2m", "1000000", "2000000"),
        ("£500,000 \u2013 £750,000", "500000", "750000"),  # an en dash
        ("£40,000", "40000", "40000"),
    ],
)
def test_ranges_give_both_ends(text, low, high):
    assert money_range_parse(text) == (Decimal(low), Decimal(high))


def test_a_range_upside_down_is_refused():
    with pytest.raises(MoneyError, match="lower amount is more"):
        money_range_parse("£2m to £1m")


def test_bands_follow_the_procurement_act_threshold():
    assert value_band(None) == ""
    assert value_band(Decimal("99999.99")) == "under-100k"
    assert value_band(Decimal(100_000)) == "100k-500k"
    assert value_band(Decimal(1_999_999)) == "500k-2m"
    assert value_band(Decimal(2_000_000)) == "2m-10m"
    assert value_band(Decimal(60_000_000)) == "over-50m"
    assert band_range("500k-2m") == (Decimal(500_000), Decimal(2_000_000))
    assert band_range("under-100k") == (None, Decimal(100_000))
    assert band_range("over-50m") == (Decimal(50_000_000), None)


def test_financial_years_read_as_gov_uk_writes_them():
    assert financial_year_label(2026) == "2026 to 2027"
    assert financial_year_slug(2026) == "2026-27"
    assert financial_year_slug(2099) == "2099-00"

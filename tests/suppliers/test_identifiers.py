"""Companies House and charity numbers, and the stable identifiers made from them."""

import pytest

from suppliers.identifiers import (
    charity_number_normalise,
    company_number_normalise,
    organisation_identifier,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01234567", "01234567"),
        ("1234567", "01234567"),  # a dropped leading zero is put back
        ("sc123456", "SC123456"),
        ("OC 301234", "OC301234"),
        ("NI012345", "NI012345"),
    ],
)
def test_company_numbers_are_normalised(typed, stored):
    assert company_number_normalise(typed) == stored


@pytest.mark.parametrize("typed", ["", "ABC", "123456789", "S1234567", "SC12345X"])
def test_bad_company_numbers_get_a_clear_message(typed):
    with pytest.raises(ValueError, match="Enter a Companies House number in the correct format"):
        company_number_normalise(typed)


@pytest.mark.parametrize("typed", ["1234567", "234567", "SC012345", "nic100001"])
def test_charity_numbers_are_accepted(typed):
    assert charity_number_normalise(typed) == typed.upper()


@pytest.mark.parametrize("typed", ["12345", "SC12345", "NIC0001", "CHARITY"])
def test_bad_charity_numbers_get_a_clear_message(typed):
    with pytest.raises(ValueError, match="Enter a charity number in the correct format"):
        charity_number_normalise(typed)


@pytest.mark.parametrize(
    ("company", "charity", "identifier"),
    [
        ("01234567", "", "GB-COH-01234567"),
        ("01234567", "1234567", "GB-COH-01234567"),  # the company number wins
        ("", "1234567", "GB-CHC-1234567"),
        ("", "SC012345", "GB-SC-SC012345"),
        ("", "NIC100001", "GB-NIC-100001"),
        ("", "", ""),
    ],
)
def test_stable_identifier(company, charity, identifier):
    assert organisation_identifier(company_number=company, charity_number=charity) == identifier

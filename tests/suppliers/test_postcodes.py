"""Head-office postcodes and their ITL1 regions, from the committed area table."""

import json

import pytest

from suppliers.postcodes import AREA_TABLE, postcode_normalise, postcode_region_code


@pytest.mark.parametrize(
    ("typed", "stored", "region"),
    [
        ("sw1a2aa", "SW1A 2AA", "TLI"),  # London
        ("M1 1AE", "M1 1AE", "TLD"),  # North West
        ("  ls1  4ap ", "LS1 4AP", "TLE"),  # Yorkshire and The Humber
        ("CF10 1EP", "CF10 1EP", "TLL"),  # Wales
        ("EH1 1YZ", "EH1 1YZ", "TLM"),  # Scotland
        ("BT1 5GS", "BT1 5GS", "TLN"),  # Northern Ireland
        ("NE1 4ST", "NE1 4ST", "TLC"),  # North East
    ],
)
def test_postcodes_normalise_and_find_their_region(typed, stored, region):
    assert postcode_normalise(typed) == stored
    assert postcode_region_code(stored) == region


@pytest.mark.parametrize("typed", ["", "SW1A", "12345", "SW1A 2A", "not a postcode"])
def test_bad_postcodes_get_a_clear_message(typed):
    with pytest.raises(ValueError, match="Enter a full UK postcode"):
        postcode_normalise(typed)


@pytest.mark.parametrize("typed", ["JE2 3QA", "GY1 1AA", "IM1 1AA"])
def test_crown_dependencies_are_outside_the_uk_regions(typed):
    with pytest.raises(ValueError, match="England, Scotland, Wales or Northern Ireland"):
        postcode_normalise(typed)


def test_every_area_maps_to_one_of_the_twelve_itl1_regions():
    records = json.loads(AREA_TABLE.read_text())["records"]
    assert len(records) == 121
    assert set(records.values()) == {f"TL{letter}" for letter in "CDEFGHIJKLMN"}

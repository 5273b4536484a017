"""UK postcodes and the ITL1 region of a postcode's area.

The area table (data/postcode_areas.json) is committed: the region of a head
office is a fact we can look up without a network call or a 2 GB address file.
"""

import json
import re
from functools import cache
from pathlib import Path

POSTCODE = re.compile(r"^([A-Z]{1,2})([0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})$")
AREA_TABLE = Path(__file__).with_name("data") / "postcode_areas.json"


@cache
def _areas() -> dict[str, str]:
    return json.loads(AREA_TABLE.read_text())["records"]


def postcode_normalise(value: str) -> str:
    """'sw1a2aa' → 'SW1A 2AA'. Raises ValueError with a message for the user."""
    match = POSTCODE.match(re.sub(r"\s+", "", value).upper())
    if not match:
        raise ValueError("Enter a full UK postcode, like SW1A 2AA")
    area, district, unit = match.groups()
    if area not in _areas():
        raise ValueError("Enter a postcode in England, Scotland, Wales or Northern Ireland")
    return f"{area}{district} {unit}"


def postcode_region_code(postcode: str) -> str:
    """The ITL1 code for a normalised postcode's area."""
    area = POSTCODE.match(postcode.replace(" ", "")).group(1)
    return _areas()[area]

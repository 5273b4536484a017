"""Names of Common Procurement Vocabulary codes, from the 45 CPV 2008 divisions in
data/cpv_2008_divisions.csv (see data/README.md for its source).

A code on its own ("72000000") means nothing to most readers, so wherever the
service shows a code it shows a name too. Only the divisions (the first two
digits) are held here, so a deeper code is named by its division, and says so,
rather than by a guess at its own name. The list is read once per process.
"""

import csv
from functools import cache
from pathlib import Path

CPV_FILE = Path(__file__).resolve().parent / "data" / "cpv_2008_divisions.csv"


@cache
def _division_names() -> dict[str, str]:
    with CPV_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["division"]: row["name"] for row in csv.DictReader(handle)}


def cpv_code_clean(code: str) -> str:
    """ "72000000-5" and "72000000" are the same code: the check digit is dropped."""
    return code.split("-")[0].strip()


def cpv_division_name(code: str) -> str:
    """The name of the code's division, or "" when its first two digits are no division."""
    return _division_names().get(cpv_code_clean(code)[:2], "")


def cpv_label(code: str) -> str:
    """How a code is shown to a person.

    "72000000 IT services: …" for a division itself, "72212000, in IT services: …"
    for a code below it, and "12345678 (not a CPV 2008 code)" when the first two
    digits name no division.
    """
    clean = cpv_code_clean(code)
    name = cpv_division_name(clean)
    if not name or len(clean) != 8 or not clean.isdigit():
        return f"{clean} (not a CPV 2008 code)"
    if clean.endswith("000000"):
        return f"{clean} {name}"
    return f"{clean}, in {name}"


def cpv_divisions() -> list[tuple[str, str]]:
    """The 45 divisions: two-digit prefix and name, in code order."""
    return sorted(_division_names().items())

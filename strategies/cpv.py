"""Names of Common Procurement Vocabulary codes, from the CPV 2008 list in
data/cpv_2008.csv (see data/README.md for its source).

A code on its own ("72000000") means nothing to most readers, so wherever the
service shows a code it shows its name too. The list is read once per process.
"""

import csv
from functools import cache
from pathlib import Path

CPV_FILE = Path(__file__).resolve().parent / "data" / "cpv_2008.csv"


@cache
def cpv_names() -> dict[str, str]:
    with CPV_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def cpv_code_clean(code: str) -> str:
    """ "72000000-5" and "72000000" are the same code: the check digit is dropped."""
    return code.split("-")[0].strip()


def cpv_name(code: str) -> str:
    """The English name of the code, or "" when the code is not in CPV 2008."""
    return cpv_names().get(cpv_code_clean(code), "")


def cpv_label(code: str) -> str:
    """ "72000000 IT services: consulting, …"; a code not in the list says so."""
    clean = cpv_code_clean(code)
    name = cpv_name(clean)
    return f"{clean} {name}" if name else f"{clean} (not a CPV 2008 code)"


def cpv_divisions() -> list[tuple[str, str]]:
    """The 45 top-level groups ("divisions"): two-digit prefix and name."""
    return [(code[:2], name) for code, name in cpv_names().items() if code.endswith("000000")]

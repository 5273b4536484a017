"""Validate OCDS packages against the vendored 1.1.5 schemas, offline.

The package schemas refer to the release schema by its URL on
standard.open-contracting.org; a local ``referencing`` registry answers those
URLs from ``ocds/schema/``, so validation never touches the network.
"""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/"
SCHEMAS = (
    "release-package-schema.json",
    "record-package-schema.json",
    "release-schema.json",
    "versioned-release-validation-schema.json",
)


def _load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        (SCHEMA_URL + name, Resource.from_contents(_load(name), default_specification=DRAFT4))
        for name in SCHEMAS
    )


@cache
def _validator(name: str) -> Draft4Validator:
    return Draft4Validator(_load(name), registry=_registry(), format_checker=FormatChecker())


def package_errors(package: dict, *, kind: str) -> list[str]:
    """Every schema error in a release package (``kind="release"``) or a record
    package (``kind="record"``), as "path: message" lines; empty when valid."""
    validator = _validator(f"{kind}-package-schema.json")
    return [
        f"{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(package)
    ]

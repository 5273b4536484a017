"""Which spellings name one buying organisation: checked on the real names in the
Contracts Finder pipeline the strategies import reads."""

import csv
from collections import defaultdict
from pathlib import Path

from frameworks.names import organisation_name_key

PIPELINE = Path(__file__).resolve().parents[2] / (
    "marketplace/demo/data/contracts_finder_pipeline_2014.csv"
)


def pipeline_names() -> set[str]:
    with PIPELINE.open(encoding="utf-8") as file:
        next(file)  # the source and licence line
        return {row["organisation"].strip() for row in csv.DictReader(file)}


def test_the_pipelines_spellings_of_one_organisation_share_a_key():
    groups = defaultdict(set)
    for name in pipeline_names():
        groups[organisation_name_key(name)].add(name)

    merged = sorted(sorted(names) for names in groups.values() if len(names) > 1)

    assert merged == [
        [
            "Avon and Somerset Police",
            "Avon and Somerset Police (SWOne)",
            "Avon and Somerset Police Force (SWOne)",
        ],
        ["British Transport Police", "British Transport Police (BTP)"],
        [
            "Metropolitan Police",
            "Metropolitan Police Service (MPS)",
            "Metropolitan Police service (MPS)",
        ],
        [
            "Office of Police and Crime Commissioner for Surrey",
            "Office of the Police and Crime Commissioner for Surrey",
        ],
        [
            "Offices of Police and Crime Commissioners for Norfolk and Suffolk",
            "Offices of the Police and Crime Commissioners for Norfolk and Suffolk",
        ],
    ]


def test_a_constabulary_is_its_police_force():
    assert organisation_name_key("Avon and Somerset Constabulary") == organisation_name_key(
        "Avon and Somerset Police"
    )


def test_different_organisations_keep_different_keys():
    # Near in spelling, but not the same body, or not provably so.
    apart = [
        (
            "Avon and Somerset Police",
            "Office of Police and Crime Commissioner for Avon and Somerset - via SWOne",
        ),
        ("NHS Supply Chain", "NHS Supply Chain as an agent of NHS Business Services Authority"),
        ("Peninsula Purchasing & Supply Alliance", "Penninsula Purchasing & Supply Alliance"),
        ("Department of Energy and Climate Change (DECC)", "DECC"),
        ("Ministry of Justice (MoJ) Procurement", "Ministry of Justice (MoJ) Procurement - ICT"),
        ("Surrey Police", "Surrey and Sussex Police"),
        ("Lincolnshire", "Lincolnshire County Council"),
        (
            "Devon & Cornwall Police - South West Joint Procurement Unit",
            "Devon and Cornwall Police - SW Joint procurement Unit",
        ),
    ]
    for one, other in apart:
        assert organisation_name_key(one) != organisation_name_key(other), (one, other)


def test_what_the_key_ignores():
    assert organisation_name_key("  The Eastern Shires Purchasing Organisation (ESPO) ") == (
        "eastern shires purchasing organisation"
    )
    assert organisation_name_key("St Albans City & District Council") == (
        "st albans city and district council"
    )
    assert organisation_name_key("Southend-on Sea-Council") == "southend on sea council"
    assert organisation_name_key("(ESPO)") == "espo"  # nothing but brackets keeps its words

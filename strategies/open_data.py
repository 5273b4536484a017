"""Pipelines as open data. The files are written by the framework map's
dataset_response, so every download on the service carries the same licence
line and JSON shape."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.http import HttpResponse

from marketplace.core.open_data import LICENCE, dataset_response

from .cpv import cpv_division_name
from .presenters import strategy_contact

# Type hints only: the pages import this module.
if TYPE_CHECKING:
    from .models import PipelineEntry

__all__ = ["LICENCE", "PIPELINE_FIELDS", "pipeline_response", "pipeline_rows"]

PIPELINE_FIELDS: dict[str, str] = {
    "buying_organisation": "Who plans the procurement",
    "financial_year": "The strategy's financial year, by the year it starts (2026 = 2026 to 2027)",
    "reference": "The buying organisation's reference",
    "title": "What is to be bought",
    "description": "More detail",
    "categories": "Names of categories from the framework map, separated by |",
    "cpv_codes": "Common Procurement Vocabulary codes (8 digits), separated by |",
    "cpv_divisions": (
        "The CPV 2008 division (top-level group) of each of those codes, in the same order, "
        "separated by |"
    ),
    "value_amount": "Estimated value in pounds (blank if not known)",
    "value_band": "Estimated value band, such as 2m-10m",
    "procurement_start": "Estimated start of the procurement (YYYY-MM-DD)",
    "contract_start": "Estimated start of the contract (YYYY-MM-DD)",
    "route_to_market": "framework, open or undecided",
    "framework": "Slug of the framework, when the route is a framework",
    "regions": "ITL1 codes of the delivery regions, separated by |",
    "suitable_for_sme": "true if the buyer says it suits SMEs",
    "suitable_for_vcse": "true if the buyer says it suits VCSEs",
    "confidence": "How sure the buyer is: high, medium or low",
    "status": "planned, in-procurement, awarded or withdrawn",
    "contact_name": "Who to contact at the buying organisation (a person or team)",
    "contact_role": "Their role",
    "contact_email": "Their e-mail address",
    "contact_phone": "Their telephone number, where given",
    "illustrative": "true for demonstration content derived from real data",
    "source_id": "Identifier in the source, such as a Contracts Finder notice id",
}


def _date(value) -> str:
    return value.isoformat() if value else ""


NO_CONTACT = {"name": "", "role": "", "email": "", "phone": ""}


def pipeline_rows(entries: Iterable[PipelineEntry]) -> list[dict]:
    contacts: dict[int, dict] = {}  # each strategy's contact, read once
    rows = []
    for entry in entries:
        if entry.page_id not in contacts:
            contacts[entry.page_id] = strategy_contact(entry.page) or NO_CONTACT
        rows.append(_row(entry, contacts[entry.page_id]))
    return rows


def _row(entry: PipelineEntry, contact: dict) -> dict:
    return {
        "buying_organisation": entry.page.organisation.name,
        "financial_year": entry.page.financial_year,
        "reference": entry.reference,
        "title": entry.title,
        "description": entry.description,
        "categories": "|".join(c.name for c in entry.categories.all()),
        "cpv_codes": "|".join(entry.cpv_codes),
        "cpv_divisions": "|".join(cpv_division_name(code) for code in entry.cpv_codes),
        "value_amount": "" if entry.value_amount is None else str(entry.value_amount),
        "value_band": entry.value_band,
        "procurement_start": _date(entry.procurement_start),
        "contract_start": _date(entry.contract_start),
        "route_to_market": entry.route_to_market,
        "framework": entry.framework.slug if entry.framework_id else "",
        "regions": "|".join(r.code for r in entry.regions.all()),
        "suitable_for_sme": entry.suitable_for_sme,
        "suitable_for_vcse": entry.suitable_for_vcse,
        "confidence": entry.confidence,
        "status": entry.status,
        **{f"contact_{key}": value for key, value in contact.items()},
        "illustrative": entry.page.illustrative,
        "source_id": entry.source_id,
    }


def pipeline_response(*, dataset: str, entries, file_format: str) -> HttpResponse:
    return dataset_response(
        dataset=dataset,
        fields=PIPELINE_FIELDS,
        rows=pipeline_rows(entries),
        file_format=file_format,
    )

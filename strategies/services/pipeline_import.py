"""Importing a pipeline CSV file (such as a Contracts Finder export) into each
buying organisation's strategy for a year. Organisations the file names are
found or created through frameworks' own service, which knows their spellings."""

from collections import defaultdict
from pathlib import Path
from typing import Any

from frameworks.models import BuyingOrganisation
from frameworks.services import buying_organisation_get_or_create
from marketplace.core.models import Region
from marketplace.core.services import audit_record

from ..importer import pipeline_csv_parse, rows_read
from ..models import PipelineEntry, ProcurementStrategyPage
from ..selectors import cpv_category_matcher
from ..values import value_band
from .pages import PlannedEntry, strategy_save

# Organisations whose 2014 names have since changed: the Government Procurement
# Service became Crown Commercial Service in April 2014.
ORGANISATION_ALIASES = {"Government Procurement Service": "Crown Commercial Service"}


def _organisation_type(name: str) -> str:
    lowered = name.lower()
    if "nhs" in lowered or "health" in lowered or "medicines" in lowered:
        return "health"
    if "council" in lowered or "borough" in lowered:
        return "local"
    if "scotland" in lowered or "wales" in lowered or "northern ireland" in lowered:
        return "regional"
    return "central"


def _buying_organisation_for(*, name: str, actor: Any = None) -> BuyingOrganisation:
    """The organisation a row names: its current name if it was renamed, and
    created (by frameworks' own service, which also finds other spellings of a
    name it has) if the service has never heard of it."""
    alias = ORGANISATION_ALIASES.get(name)
    if alias and BuyingOrganisation.objects.filter(name=alias).exists():
        name = alias
    # Spellings of one organisation ("Avon and Somerset Police (SWOne)") find it.
    organisation, _created = buying_organisation_get_or_create(
        name=name, organisation_type=_organisation_type(name), actor=actor
    )
    return organisation


def _has_contacts(page: ProcurementStrategyPage) -> bool:
    return any(block.block_type == "contacts" for block in page.sections)


def _entry_signature(entry, category_ids, region_codes) -> tuple:
    return (
        entry.source_id,
        entry.reference,
        entry.title,
        entry.description,
        tuple(entry.cpv_codes),
        entry.value_amount,
        entry.procurement_start,
        entry.contract_start,
        entry.route_to_market,
        entry.confidence,
        entry.suitable_for_sme,
        entry.suitable_for_vcse,
        tuple(sorted(category_ids)),
        tuple(sorted(region_codes)),
    )


def pipeline_csv_import(
    *,
    path,
    financial_year: int,
    illustrative: bool = False,
    actor: Any = None,
    progress=lambda line: None,
    sections_for=None,
) -> dict:
    """Import a pipeline CSV file into each organisation's strategy for the year.

    Idempotent: entries are keyed on their source id (the notice id), and a
    strategy whose pipeline is unchanged gets no new revision. sections_for, when
    given, is called with the organisation and its planned entries and returns the
    strategy's sections (the demo uses it for illustrative contacts); a strategy
    without a contact then counts as changed. Returns a report:
    rows read, imported, rejected (row number and reason), strategies created,
    updated and unchanged."""
    parsed = pipeline_csv_parse(rows_read(Path(path)))
    progress(
        f"read {parsed.total} rows: {len(parsed.rows)} to import, {len(parsed.rejected)} rejected"
    )
    by_organisation = defaultdict(list)
    for row in parsed.rows:
        by_organisation[row.organisation].append(row)
    regions = {region.code: region for region in Region.objects.all()}
    categories_for = cpv_category_matcher()
    report = {"rows": parsed.total, "imported": len(parsed.rows), "rejected": parsed.rejected}
    report.update(created=0, updated=0, unchanged=0, notes=sum(len(r.notes) for r in parsed.rows))
    # Two spellings of one organisation share its strategy: gather their rows first,
    # or the second spelling's pipeline would replace the first's.
    organisations: dict[int, tuple[BuyingOrganisation, list]] = {}
    for name, rows in sorted(by_organisation.items()):
        organisation = _buying_organisation_for(name=name, actor=actor)
        organisations.setdefault(organisation.pk, (organisation, []))[1].extend(rows)
    for number, (organisation, rows) in enumerate(organisations.values(), start=1):
        entries, wanted = [], []
        for position, row in enumerate(rows):
            entry = PipelineEntry(
                sort_order=position,
                source_id=row.source_id,
                reference=row.reference,
                title=row.title,
                description=row.description,
                cpv_codes=row.cpv_codes,
                value_amount=row.value,
                procurement_start=row.procurement_start,
                contract_start=row.contract_start,
                route_to_market=row.route_to_market,
                confidence=row.confidence,
                suitable_for_sme=row.suitable_for_sme,
                suitable_for_vcse=row.suitable_for_vcse,
            )
            if row.value is not None:
                entry.value_band = value_band(row.value)
            matched = categories_for(row.cpv_codes)
            entries.append(PlannedEntry(entry, matched, [regions[code] for code in row.regions]))
            wanted.append(_entry_signature(entry, [c.pk for c in matched], row.regions))
        sections = sections_for(organisation, entries) if sections_for else None
        existing = ProcurementStrategyPage.objects.filter(
            organisation=organisation, financial_year=financial_year
        ).first()
        if existing is not None and sections is not None and not _has_contacts(existing):
            existing = None  # fall through to save: the sections are new
        if existing is not None and existing.illustrative == illustrative:
            have = [
                _entry_signature(
                    entry,
                    [c.pk for c in entry.categories.all()],
                    [r.code for r in entry.regions.all()],
                )
                for entry in existing.pipeline_entries.prefetch_related("categories", "regions")
            ]
            if sorted(have, key=repr) == sorted(wanted, key=repr) and existing.live:
                report["unchanged"] += 1
                progress(f"[{number}/{len(organisations)}] {organisation}: unchanged")
                continue
        _page, created = strategy_save(
            organisation=organisation,
            financial_year=financial_year,
            entries=entries,
            actor=actor,
            illustrative=illustrative,
            sections=sections,
        )
        report["created" if created else "updated"] += 1
        progress(
            f"[{number}/{len(organisations)}] {organisation}: {len(entries)} entries, "
            f"{'created' if created else 'updated'}"
        )
    audit_record(
        actor=actor,
        action="pipeline.imported",
        data={
            "file": Path(path).name,
            "financial_year": financial_year,
            **{key: value for key, value in report.items() if key != "rejected"},
            "rejected": len(parsed.rejected),
        },
    )
    return report

"""Writes for procurement strategies: the page tree, who may edit it, the approval
workflow, and saving a strategy with its pipeline (used by the importer)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from frameworks.models import BuyingOrganisation
from frameworks.services import buying_organisation_get_or_create
from marketplace.core.models import Region
from marketplace.core.services import audit_record

from .importer import pipeline_csv_parse, rows_read
from .models import (
    OrganisationStrategyIndexPage,
    PipelineEntry,
    ProcurementStrategyPage,
    StrategyIndexPage,
)
from .values import financial_year_label, financial_year_slug, value_band

# Editors draft and submit; publishing is for CCS, through the approval workflow.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
CCS_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
WORKFLOW_NAME = "Procurement strategy approval"
TASK_NAME = "CCS approves the strategy"


def _grant(group: Group, page, codenames: Iterable[str]) -> None:
    from wagtail.models import GroupPagePermission

    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=list(codenames)
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


@dataclass
class PlannedEntry:
    """An unsaved pipeline entry and what it links to, for strategy_save."""

    entry: PipelineEntry
    categories: list = field(default_factory=list)
    regions: list = field(default_factory=list)


def strategy_index_get() -> StrategyIndexPage | None:
    return StrategyIndexPage.objects.first()


def strategy_editors_group_name(*, organisation: BuyingOrganisation) -> str:
    return f"Strategy editors: {organisation.name}"[:150]


def strategy_editors_group_ensure(*, organisation: BuyingOrganisation) -> Group:
    """The Wagtail group whose members edit this organisation's strategies, and
    nothing else: its page permissions sit on the organisation's strategies index."""
    group, created = Group.objects.get_or_create(
        name=strategy_editors_group_name(organisation=organisation)
    )
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    index = OrganisationStrategyIndexPage.objects.filter(organisation=organisation).first()
    if index is not None:
        _grant(group, index, EDITOR_PAGE_PERMISSIONS)
    if created:
        audit_record(
            actor=None,
            action="strategy.editors_group.created",
            subject=group,
            data={"organisation": organisation.name},
        )
    return group


def _page_create_published(*, parent, page, actor: Any, before_revision=None):
    """Add a page already live and record its published revision: the same end
    state as publishing through Wagtail (a live page whose live revision holds
    its content, and a "publish" entry in its history) in a fraction of the
    queries, which matters because the demo creates 220 pages each time it
    loads. before_revision(page) may write related rows (a pipeline, in bulk)
    for the revision to hold. Editors' changes go through Wagtail's own publish."""
    from django.utils import timezone
    from wagtail.log_actions import log
    from wagtail.models import Revision

    user = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    if before_revision is not None:
        before_revision(page)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    type(page).objects.filter(pk=page.pk).update(
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
        draft_title=page.title,
    )
    log(instance=page, action="wagtail.publish", user=user, revision=revision)
    page.latest_revision = page.live_revision = revision
    return page


def _pipeline_bulk_create(page: ProcurementStrategyPage, entries: list[PlannedEntry]) -> None:
    """Write the entries with their categories and regions in three queries."""
    for position, planned in enumerate(entries):
        planned.entry.page, planned.entry.sort_order = page, position
    PipelineEntry.objects.bulk_create([planned.entry for planned in entries])
    PipelineEntry.categories.through.objects.bulk_create(
        PipelineEntry.categories.through(pipelineentry_id=p.entry.pk, category_id=c.pk)
        for p in entries
        for c in p.categories
    )
    PipelineEntry.regions.through.objects.bulk_create(
        PipelineEntry.regions.through(pipelineentry_id=p.entry.pk, region_id=r.pk)
        for p in entries
        for r in p.regions
    )
    # The revision is serialised from memory: give the page its entries, and the
    # entries their links, as they now are in the database.
    for planned in entries:
        planned.entry.categories = planned.categories
        planned.entry.regions = planned.regions
    page.pipeline_entries = [planned.entry for planned in entries]


@transaction.atomic
def organisation_strategy_index_ensure(
    *, organisation: BuyingOrganisation, actor: Any = None
) -> OrganisationStrategyIndexPage:
    index = OrganisationStrategyIndexPage.objects.filter(organisation=organisation).first()
    if index is None:
        parent = strategy_index_get()
        if parent is None:
            raise RuntimeError("The strategies index page is missing; run migrate.")
        index = OrganisationStrategyIndexPage(
            title=_("%(name)s procurement strategies") % {"name": organisation.name},
            slug=organisation.slug,
            organisation=organisation,
        )
        index = _page_create_published(parent=parent, page=index, actor=actor)
        audit_record(actor=actor, action="strategy.organisation_index.created", subject=index)
    strategy_editors_group_ensure(organisation=organisation)
    return index


def strategy_workflow_ensure() -> None:
    """Wagtail's moderation workflow for the strategies tree: editors submit, a CCS
    reviewer or admin approves (which publishes) or asks for changes."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP

    index = strategy_index_get()
    if index is None:
        return
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(*Group.objects.filter(name__in=[CCS_REVIEWERS_GROUP, CCS_ADMINS_GROUP]))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def strategy_permissions_sync(**kwargs) -> None:
    """After each migrate: CCS staff may edit and publish anywhere in the strategies
    tree, each organisation's editors only under its index; the workflow is set."""
    from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP

    index = strategy_index_get()
    if index is None:
        return
    for group in Group.objects.filter(name__in=[CCS_REVIEWERS_GROUP, CCS_ADMINS_GROUP]):
        _grant(group, index, CCS_PAGE_PERMISSIONS)
    for organisation_index in OrganisationStrategyIndexPage.objects.select_related("organisation"):
        strategy_editors_group_ensure(organisation=organisation_index.organisation)
    strategy_workflow_ensure()


@transaction.atomic
def strategy_save(
    *,
    organisation: BuyingOrganisation,
    financial_year: int,
    entries: list[PlannedEntry],
    actor: Any = None,
    illustrative: bool = False,
    title: str = "",
    sections: list | None = None,
) -> tuple[ProcurementStrategyPage, bool]:
    """Create or update the organisation's strategy for the year with this pipeline
    (and these sections, as StreamField (type, value) pairs, when given: None
    keeps the sections it has) and publish it as a new revision.
    Returns the page and whether it was created."""
    index = organisation_strategy_index_ensure(organisation=organisation, actor=actor)
    page = ProcurementStrategyPage.objects.filter(
        organisation=organisation, financial_year=financial_year
    ).first()
    created = page is None
    if created:
        page = ProcurementStrategyPage(
            title=title
            or _("%(name)s procurement strategy %(year)s")
            % {"name": organisation.name, "year": financial_year_label(financial_year)},
            slug=financial_year_slug(financial_year),
            organisation=organisation,
            financial_year=financial_year,
            illustrative=illustrative,
            sections=sections or [],
        )
        page = _page_create_published(
            parent=index,
            page=page,
            actor=actor,
            before_revision=lambda created_page: _pipeline_bulk_create(created_page, entries),
        )
    else:
        page = page.get_latest_revision_as_object()
        page.illustrative = illustrative
        if sections is not None:
            page.sections = sections
        for position, planned in enumerate(entries):
            planned.entry.sort_order = position
            planned.entry.categories = planned.categories
            planned.entry.regions = planned.regions
        page.pipeline_entries = [planned.entry for planned in entries]
        page.save_revision(user=actor, log_action=True).publish(user=actor)
    audit_record(
        actor=actor,
        action="strategy.created" if created else "strategy.updated",
        subject=page,
        data={"financial_year": financial_year, "pipeline_entries": len(entries)},
    )
    return page, created


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


def buying_organisation_ensure(*, name: str, actor: Any = None) -> BuyingOrganisation:
    alias = ORGANISATION_ALIASES.get(name)
    if alias and BuyingOrganisation.objects.filter(name=alias).exists():
        name = alias
    # Spellings of one organisation ("Avon and Somerset Police (SWOne)") find it.
    organisation, _created = buying_organisation_get_or_create(
        name=name, organisation_type=_organisation_type(name), actor=actor
    )
    return organisation


def _category_matcher():
    """CPV code -> the categories whose own CPV codes are its closest ancestors."""
    from frameworks.models import Category

    prefixes: list[tuple[str, Category]] = []
    for category in Category.objects.exclude(cpv_codes=[]):
        for code in category.cpv_codes:
            digits = code.split("-")[0].rstrip("0")
            if len(digits) >= 2:
                prefixes.append((digits, category))

    def match(codes: list[str]) -> list:
        best: dict[int, object] = {}
        for code in codes:
            hits = [(len(p), c) for p, c in prefixes if code.startswith(p)]
            if hits:
                longest = max(length for length, _ in hits)
                best.update({c.pk: c for length, c in hits if length == longest})
        return list(best.values())

    return match


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
    categories_for = _category_matcher()
    report = {"rows": parsed.total, "imported": len(parsed.rows), "rejected": parsed.rejected}
    report.update(created=0, updated=0, unchanged=0, notes=sum(len(r.notes) for r in parsed.rows))
    # Two spellings of one organisation share its strategy: gather their rows first,
    # or the second spelling's pipeline would replace the first's.
    organisations: dict[int, tuple[BuyingOrganisation, list]] = {}
    for name, rows in sorted(by_organisation.items()):
        organisation = buying_organisation_ensure(name=name, actor=actor)
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

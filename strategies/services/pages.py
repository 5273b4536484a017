"""Writes to the strategies page tree: each organisation's index, and saving a
strategy with its pipeline as a published revision (used by the importer and
the demo; editors' changes go through Wagtail's own editor and workflow)."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from frameworks.models import BuyingOrganisation
from marketplace.core.services import audit_record

from ..models import OrganisationStrategyIndexPage, PipelineEntry, ProcurementStrategyPage
from ..selectors import strategy_index_get
from ..values import financial_year_label, financial_year_slug
from .permissions import strategy_editors_group_ensure


@dataclass
class PlannedEntry:
    """An unsaved pipeline entry and what it links to, for strategy_save."""

    entry: PipelineEntry
    categories: list = field(default_factory=list)
    regions: list = field(default_factory=list)


def _page_create_published(*, parent, page, actor: Any, before_revision=None):
    """Add a page already live and record its published revision: the same end
    state as publishing through Wagtail (a live page whose live revision holds
    its content, and a "publish" entry in its history) in a fraction of the
    queries, which matters because the demo creates 220 pages each time it
    loads. before_revision(page) may write related rows (a pipeline, in bulk)
    for the revision to hold. Editors' changes go through Wagtail's own publish."""
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

"""Writes for saved searches: create, end (freeze the shortlist), record the outcome.

Every step is audited, and only people in the project's own buyer organisation
may take it.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from listings.models import Listing
from marketplace.core.services import audit_record

from .models import (
    MAX_RESULTS_TO_END,
    Outcome,
    OutcomeKind,
    Project,
    SavedSearch,
    ShortlistEntry,
)


def _require_buyer_of(*, actor: Any, project: Project) -> None:
    if not (
        getattr(actor, "is_authenticated", False)
        and actor.is_buyer
        and actor.buyer_organisation_id == project.buyer_organisation_id
    ):
        raise PermissionDenied


@transaction.atomic
def project_create(*, actor: Any, name: str) -> Project:
    if not (getattr(actor, "is_authenticated", False) and actor.is_buyer):
        raise PermissionDenied
    if not name.strip():
        raise ValidationError({"name": "Enter a name for the project"})
    project = Project.objects.create(
        name=name.strip(), buyer_organisation=actor.buyer_organisation, created_by=actor
    )
    audit_record(actor=actor, action="project.created", subject=project)
    return project


@transaction.atomic
def saved_search_create(
    *, actor: Any, project: Project, query_string: str, description: str
) -> SavedSearch:
    _require_buyer_of(actor=actor, project=project)
    saved = SavedSearch.objects.create(
        project=project,
        query_string=query_string[:2000],
        description=description[:500],
        created_by=actor,
    )
    audit_record(
        actor=actor, action="saved_search.created", subject=saved, data={"query": query_string}
    )
    return saved


@transaction.atomic
def saved_search_end(
    *,
    actor: Any,
    saved_search: SavedSearch,
    listing_ids: list[int],
    result_count: int | None = None,
) -> list[ShortlistEntry]:
    """Freeze the results, in order, with the version of each listing live right now.

    ``result_count`` is the search's whole total when the caller fetched only one
    page past the limit, so the message can say how many results there really are.
    """
    _require_buyer_of(actor=actor, project=saved_search.project)
    if saved_search.is_ended:
        raise ValidationError("This search has already ended")
    if not listing_ids:
        raise ValidationError("There are no results to shortlist. Change the search first")
    count = max(len(listing_ids), result_count or 0)
    if count > MAX_RESULTS_TO_END:
        raise ValidationError(
            f"Your search has {count} results. "
            f"Refine it to {MAX_RESULTS_TO_END} results or fewer before you end it"
        )
    live = {
        listing.pk: listing.live_version_id
        for listing in Listing.objects.filter(pk__in=listing_ids, live_version__isnull=False)
    }
    entries = ShortlistEntry.objects.bulk_create(
        ShortlistEntry(
            saved_search=saved_search,
            position=position,
            listing_id=listing_id,
            listing_version_id=live[listing_id],
        )
        for position, listing_id in enumerate((pk for pk in listing_ids if pk in live), start=1)
    )
    saved_search.ended_at, saved_search.ended_by = timezone.now(), actor
    saved_search.save(update_fields=["ended_at", "ended_by"])
    audit_record(
        actor=actor,
        action="saved_search.ended",
        subject=saved_search,
        data={"results": len(entries)},
    )
    return entries


def shortlist_download_record(*, actor: Any, saved_search: SavedSearch, file_format: str) -> None:
    """A download of the frozen shortlist, kept in the audit trail: it shows which
    results the buyer took away to assess, and when."""
    _require_buyer_of(actor=actor, project=saved_search.project)
    audit_record(
        actor=actor,
        action="saved_search.shortlist_downloaded",
        subject=saved_search,
        data={"format": file_format},
    )


@transaction.atomic
def outcome_record(
    *,
    actor: Any,
    saved_search: SavedSearch,
    kind: str,
    awarded_entry: ShortlistEntry | None = None,
    value: Decimal | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
) -> Outcome:
    _require_buyer_of(actor=actor, project=saved_search.project)
    if not saved_search.is_ended:
        raise ValidationError("End the search before you record its outcome")
    if hasattr(saved_search, "outcome"):
        raise ValidationError("The outcome of this search has already been recorded")
    errors: dict[str, str] = {}
    if kind not in OutcomeKind.values:
        errors["kind"] = "Select what happened"
    if kind == OutcomeKind.AWARDED:
        if awarded_entry is None or awarded_entry.saved_search_id != saved_search.pk:
            errors["awarded_entry"] = "Select the service you awarded the contract to"
        if value is None or value < 0:
            errors["value"] = "Enter the contract value, like 25000"
        if start_date is None:
            errors["start_date"] = "Enter the date the contract starts"
        if end_date is None:
            errors["end_date"] = "Enter the date the contract ends"
        elif start_date and end_date < start_date:
            errors["end_date"] = "The end date must be after the start date"
    if errors:
        raise ValidationError(errors)
    awarded = kind == OutcomeKind.AWARDED
    outcome = Outcome.objects.create(
        saved_search=saved_search,
        kind=kind,
        awarded_entry=awarded_entry if awarded else None,
        value=value if awarded else None,
        start_date=start_date if awarded else None,
        end_date=end_date if awarded else None,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="saved_search.outcome_recorded",
        subject=saved_search,
        data={
            "kind": kind,
            "listing": awarded_entry.listing_id if awarded else None,
            "value": str(value) if awarded else None,
        },
    )
    return outcome

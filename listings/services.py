"""Every write to a listing, as a workflow of audited transitions.

    draft ─submit→ submitted ─approve→ published ─suspend→ suspended ─reinstate→ published
                             └reject→ rejected (edit, then submit again)
    any state except withdrawn ─withdraw→ withdrawn

A published listing that is edited gets a new draft version; the approved version
stays live until CCS approves the new one ("review before publish").
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from marketplace.core.services import audit_record

from . import notifications
from .documents import display_name
from .models import Listing, ListingVersion
from .permissions import listing_can_edit, user_is_listing_reviewer, user_is_listing_supplier
from .selectors import listing_duplicates_find
from .signals import listing_visibility_changed
from .vocabulary import ListingStatus, VersionState

M2M_FIELDS = ("categories", "regions")
COPIED_FIELDS = (
    "name",
    "summary",
    "description",
    "features",
    "benefits",
    "serves_whole_uk",
    "open_standards",
    "integrations",
    "price",
    "price_unit",
    "pricing_model",
    "free_trial",
    "education_pricing",
    "service_definition",
    "service_definition_name",
    "terms",
    "terms_name",
    "buy_online",
    "unit_price",
    "unit_name",
    "min_quantity",
    "max_quantity",
)


DOCUMENT_FIELDS = ("service_definition", "terms")


class TransitionNotAllowed(ValidationError):
    """The listing is not in a state where this step can happen."""


class EditConflict(ValidationError):
    """The listing changed after the editor loaded it; saving would undo that change."""

    def __init__(self, latest: ListingVersion):
        super().__init__("This listing was changed after you opened it", code="conflict")
        self.latest = latest


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _apply(version: ListingVersion, content: dict[str, Any]) -> None:
    for field in COPIED_FIELDS:
        if field in content:
            setattr(version, field, content[field])
    for field in DOCUMENT_FIELDS:
        # A new upload is stored under a random name; keep the supplier's own name
        # to show them and to name the download.
        if isinstance(content.get(field), UploadedFile):
            setattr(version, f"{field}_name", display_name(content[field].name))
    version.save()
    for field in M2M_FIELDS:
        if field in content:
            getattr(version, field).set(content[field])


def _copy(source: ListingVersion, *, actor: Any) -> ListingVersion:
    version = ListingVersion(
        listing=source.listing,
        number=source.number + 1,
        revision=source.revision,
        created_by=actor,
        state=VersionState.DRAFT,
    )
    for field in COPIED_FIELDS:
        setattr(version, field, getattr(source, field))
    version.save()
    for field in M2M_FIELDS:
        getattr(version, field).set(getattr(source, field).all())
    return version


def _announce(listing: Listing) -> None:
    transaction.on_commit(lambda: listing_visibility_changed.send(Listing, listing_id=listing.pk))


@transaction.atomic
def listing_create(*, actor: Any, supplier: Any, lot: Any, content: dict[str, Any]) -> Listing:
    _require(actor.is_supplier_user and actor.supplier_organisation_id == supplier.pk)
    listing = Listing.objects.create(supplier=supplier, lot=lot, created_by=actor)
    version = ListingVersion(listing=listing, number=1, created_by=actor)
    _apply(version, content)
    audit_record(actor=actor, action="listing.created", subject=listing, data={"version": 1})
    return listing


@transaction.atomic
def listing_draft_save(
    *, actor: Any, listing: Listing, content: dict[str, Any], revision: int | None = None
) -> ListingVersion:
    """Save changes to the listing's draft, starting a new draft if the latest is frozen.

    ``revision`` is the latest version's revision the editor's form was loaded
    with. If anyone has saved since, ``EditConflict`` is raised and nothing is
    written, so one person's changes never silently replace another's. The
    listing's row is locked first, so two saves of the same listing take turns
    and the second always sees the first's revision. ``None`` (scripts, imports)
    skips the check.
    """
    _require(listing_can_edit(user=actor, listing=listing))
    Listing.objects.select_for_update().filter(pk=listing.pk).first()
    latest = listing.latest_version
    if revision is not None and latest.revision != revision:
        raise EditConflict(latest)
    if latest.state == VersionState.SUBMITTED:
        # A new draft on top would leave CCS reviewing a version nobody wants any more.
        raise TransitionNotAllowed(
            "This listing is waiting for review. You can change it once CCS has reviewed it"
        )
    version = latest if latest.is_editable else _copy(latest, actor=actor)
    version.revision = latest.revision + 1
    _apply(version, content)
    if listing.status == ListingStatus.REJECTED:
        listing.status = ListingStatus.DRAFT
        listing.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="listing.draft_saved",
        subject=listing,
        data={"version": version.number, "revision": version.revision},
    )
    return version


@transaction.atomic
def listing_submit(*, actor: Any, listing: Listing) -> ListingVersion:
    _require(listing_can_edit(user=actor, listing=listing))
    version = listing.latest_version
    if version.state != VersionState.DRAFT:
        raise TransitionNotAllowed("There are no changes to submit")
    version.state = VersionState.SUBMITTED
    version.submitted_at = timezone.now()
    version.duplicate_flags = [
        {"listing": other.pk, "name": other_version.name, "similarity": round(score, 3)}
        for other, other_version, score in listing_duplicates_find(version=version)
    ]
    version.save()
    if listing.status in (ListingStatus.DRAFT, ListingStatus.REJECTED):
        listing.status = ListingStatus.SUBMITTED
        listing.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="listing.submitted",
        subject=listing,
        data={"version": version.number, "duplicates": version.duplicate_flags},
    )
    return version


def _submitted_version(listing: Listing) -> ListingVersion:
    version = listing.latest_version
    if version is None or version.state != VersionState.SUBMITTED:
        raise TransitionNotAllowed("This listing has no version waiting for review")
    return version


@transaction.atomic
def listing_approve(*, actor: Any, listing: Listing) -> ListingVersion:
    _require(user_is_listing_reviewer(user=actor))
    version = _submitted_version(listing)
    duplicates = [
        (other, score)
        for other, _version, score in listing_duplicates_find(version=version)
        if other.status == ListingStatus.PUBLISHED
    ]
    if duplicates:
        other, score = duplicates[0]
        raise TransitionNotAllowed(
            f"This listing is {score:.0%} the same as the supplier's published listing "
            f"'{other}'. Reject it and ask the supplier to combine the two"
        )
    if listing.live_version_id:
        ListingVersion.objects.filter(pk=listing.live_version_id).update(
            state=VersionState.SUPERSEDED
        )
    now = timezone.now()
    version.state = VersionState.APPROVED
    version.reviewed_by, version.reviewed_at, version.review_reason = actor, now, ""
    version.save()
    listing.live_version = version
    if listing.status != ListingStatus.SUSPENDED:
        listing.status = ListingStatus.PUBLISHED
    listing.published_at = listing.published_at or now
    listing.save()
    audit_record(
        actor=actor, action="listing.approved", subject=listing, data={"version": version.number}
    )
    _announce(listing)
    transaction.on_commit(
        lambda: notifications.listing_approved_notify(listing=listing, version=version)
    )
    return version


@transaction.atomic
def listing_reject(*, actor: Any, listing: Listing, reason: str) -> ListingVersion:
    _require(user_is_listing_reviewer(user=actor))
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for rejecting the listing"})
    version = _submitted_version(listing)
    version.state = VersionState.REJECTED
    version.reviewed_by, version.reviewed_at, version.review_reason = actor, timezone.now(), reason
    version.save()
    if listing.status == ListingStatus.SUBMITTED:
        listing.status = ListingStatus.REJECTED
        listing.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="listing.rejected",
        subject=listing,
        data={"version": version.number, "reason": reason},
    )
    transaction.on_commit(
        lambda: notifications.listing_rejected_notify(listing=listing, version=version)
    )
    return version


def _status_change(
    *, actor: Any, listing: Listing, to: str, action: str, reason: str = ""
) -> Listing:
    listing.status = to
    listing.status_reason = reason
    listing.save(update_fields=["status", "status_reason", "updated_at"])
    audit_record(actor=actor, action=action, subject=listing, data={"reason": reason})
    _announce(listing)
    return listing


@transaction.atomic
def listing_suspend(*, actor: Any, listing: Listing, reason: str) -> Listing:
    _require(user_is_listing_reviewer(user=actor))
    if listing.status != ListingStatus.PUBLISHED:
        raise TransitionNotAllowed("Only a published listing can be suspended")
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for suspending the listing"})
    _status_change(
        actor=actor,
        listing=listing,
        to=ListingStatus.SUSPENDED,
        action="listing.suspended",
        reason=reason,
    )
    transaction.on_commit(lambda: notifications.listing_suspended_notify(listing=listing))
    return listing


@transaction.atomic
def listing_reinstate(*, actor: Any, listing: Listing) -> Listing:
    _require(user_is_listing_reviewer(user=actor))
    if listing.status != ListingStatus.SUSPENDED:
        raise TransitionNotAllowed("Only a suspended listing can be reinstated")
    return _status_change(
        actor=actor, listing=listing, to=ListingStatus.PUBLISHED, action="listing.reinstated"
    )


@transaction.atomic
def listing_withdraw(*, actor: Any, listing: Listing, reason: str = "") -> Listing:
    """Take a listing off the marketplace for good. It stays in the record."""
    _require(
        user_is_listing_supplier(user=actor, listing=listing)
        or user_is_listing_reviewer(user=actor)
    )
    if listing.status == ListingStatus.WITHDRAWN:
        raise TransitionNotAllowed("This listing has already been withdrawn")
    return _status_change(
        actor=actor,
        listing=listing,
        to=ListingStatus.WITHDRAWN,
        action="listing.withdrawn",
        reason=reason,
    )

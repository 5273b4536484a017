"""The listing workflow: each transition, who may make it, and its audit event."""

import re
import threading
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.db.models import ProtectedError

from listings import services
from listings.models import Listing, ListingVersion
from listings.vocabulary import ListingStatus, VersionState
from marketplace.core.models import AuditEvent
from tests.factories import (
    BuyerFactory,
    CcsReviewerFactory,
    LotFactory,
    SupplierUserFactory,
    listing_content,
    listing_make,
)

pytestmark = pytest.mark.django_db


def actions(listing: Listing) -> list[str]:
    return list(
        AuditEvent.objects.filter(subject_id=str(listing.pk), action__startswith="listing.")
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


def test_create_submit_approve_publishes_the_submitted_version():
    supplier_user = SupplierUserFactory()
    listing = listing_make(supplier_user=supplier_user)
    assert listing.status == ListingStatus.DRAFT
    assert not listing.is_public

    services.listing_submit(actor=supplier_user, listing=listing)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED

    version = services.listing_approve(actor=CcsReviewerFactory(), listing=listing)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PUBLISHED
    assert listing.live_version == version
    assert version.state == VersionState.APPROVED
    assert actions(listing) == ["listing.created", "listing.submitted", "listing.approved"]


def test_editing_a_published_listing_keeps_the_published_version_live_until_approved():
    supplier_user = SupplierUserFactory()
    listing = listing_make(supplier_user=supplier_user, publish=True)
    first = listing.live_version

    draft = services.listing_draft_save(
        actor=supplier_user, listing=listing, content={"name": "Cloud backup for academies"}
    )
    listing.refresh_from_db()
    assert draft.number == 2 and draft.state == VersionState.DRAFT
    assert listing.live_version == first
    assert listing.status == ListingStatus.PUBLISHED
    assert str(listing) == "Cloud backup for schools"

    services.listing_submit(actor=supplier_user, listing=listing)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PUBLISHED  # still live while the change is reviewed
    services.listing_approve(actor=CcsReviewerFactory(), listing=listing)
    listing.refresh_from_db()
    first.refresh_from_db()
    assert listing.live_version.name == "Cloud backup for academies"
    assert first.state == VersionState.SUPERSEDED
    assert listing.versions.count() == 2  # the full history is kept


def test_reject_keeps_the_reason_for_the_supplier_and_allows_a_new_draft():
    supplier_user = SupplierUserFactory()
    listing = listing_make(supplier_user=supplier_user)
    services.listing_submit(actor=supplier_user, listing=listing)

    with pytest.raises(ValidationError) as excinfo:
        services.listing_reject(actor=CcsReviewerFactory(), listing=listing, reason=" ")
    assert excinfo.value.message_dict == {"reason": ["Enter the reason for rejecting the listing"]}

    rejected = services.listing_reject(
        actor=CcsReviewerFactory(), listing=listing, reason="Name the service, not the vendor."
    )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.REJECTED
    assert rejected.review_reason == "Name the service, not the vendor."

    again = services.listing_draft_save(
        actor=supplier_user, listing=listing, content={"name": "Nightly school backup"}
    )
    listing.refresh_from_db()
    assert again.number == 2
    assert listing.status == ListingStatus.DRAFT
    assert listing.versions.get(number=1).state == VersionState.REJECTED


def test_suspend_reinstate_and_withdraw():
    listing = listing_make(publish=True)
    reviewer = CcsReviewerFactory()
    with pytest.raises(ValidationError):
        services.listing_suspend(actor=reviewer, listing=listing, reason="")

    services.listing_suspend(actor=reviewer, listing=listing, reason="Complaint under review")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUSPENDED and not listing.is_public
    with pytest.raises(services.TransitionNotAllowed):
        services.listing_suspend(actor=reviewer, listing=listing, reason="Again")

    services.listing_reinstate(actor=reviewer, listing=listing)
    listing.refresh_from_db()
    assert listing.is_public

    services.listing_withdraw(actor=reviewer, listing=listing, reason="Framework expired")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.WITHDRAWN
    with pytest.raises(services.TransitionNotAllowed):
        services.listing_withdraw(actor=reviewer, listing=listing)
    assert actions(listing)[-3:] == ["listing.suspended", "listing.reinstated", "listing.withdrawn"]


def test_transitions_out_of_order_are_refused_with_a_message():
    supplier_user = SupplierUserFactory()
    listing = listing_make(supplier_user=supplier_user)
    reviewer = CcsReviewerFactory()
    with pytest.raises(services.TransitionNotAllowed, match="no version waiting for review"):
        services.listing_approve(actor=reviewer, listing=listing)
    with pytest.raises(services.TransitionNotAllowed, match="no version waiting for review"):
        services.listing_reject(actor=reviewer, listing=listing, reason="No")
    with pytest.raises(services.TransitionNotAllowed, match="Only a suspended listing"):
        services.listing_reinstate(actor=reviewer, listing=listing)
    services.listing_submit(actor=supplier_user, listing=listing)
    with pytest.raises(services.TransitionNotAllowed, match="no changes to submit"):
        services.listing_submit(actor=supplier_user, listing=listing)
    with pytest.raises(services.TransitionNotAllowed, match="waiting for review"):
        services.listing_draft_save(actor=supplier_user, listing=listing, content={"name": "X"})


@pytest.mark.parametrize(
    "step",
    ["draft_save", "submit", "withdraw"],
)
def test_another_supplier_and_a_buyer_cannot_touch_a_listing(step):
    listing = listing_make()
    for outsider in (SupplierUserFactory(), BuyerFactory()):
        with pytest.raises(PermissionDenied):
            if step == "draft_save":
                services.listing_draft_save(actor=outsider, listing=listing, content={})
            elif step == "submit":
                services.listing_submit(actor=outsider, listing=listing)
            else:
                services.listing_withdraw(actor=outsider, listing=listing)


def test_only_reviewers_approve_reject_suspend_and_reinstate():
    supplier_user = SupplierUserFactory()
    listing = listing_make(supplier_user=supplier_user)
    services.listing_submit(actor=supplier_user, listing=listing)
    for outsider in (supplier_user, BuyerFactory()):
        with pytest.raises(PermissionDenied):
            services.listing_approve(actor=outsider, listing=listing)
        with pytest.raises(PermissionDenied):
            services.listing_reject(actor=outsider, listing=listing, reason="No")
        with pytest.raises(PermissionDenied):
            services.listing_suspend(actor=outsider, listing=listing, reason="No")
        with pytest.raises(PermissionDenied):
            services.listing_reinstate(actor=outsider, listing=listing)


def test_a_supplier_cannot_create_a_listing_for_another_supplier():
    with pytest.raises(PermissionDenied):
        services.listing_create(
            actor=SupplierUserFactory(),
            supplier=SupplierUserFactory().supplier_organisation,
            lot=(lot := LotFactory()),
            content=listing_content(lot),
        )


LONG_DESCRIPTION = " ".join(
    f"Step {n}: we copy the school's files to two UK data centres and check them." for n in range(8)
)


def test_near_duplicates_are_flagged_on_submit_and_cannot_be_published():
    supplier_user = SupplierUserFactory()
    lot = LotFactory()
    original = listing_make(
        supplier_user=supplier_user, lot=lot, publish=True, description=LONG_DESCRIPTION
    )
    copy = listing_make(
        supplier_user=supplier_user,
        lot=lot,
        name="Cloud backup for academies",
        description=LONG_DESCRIPTION,
    )
    version = services.listing_submit(actor=supplier_user, listing=copy)
    assert [flag["listing"] for flag in version.duplicate_flags] == [original.pk]
    assert version.duplicate_flags[0]["similarity"] > 0.9

    with pytest.raises(services.TransitionNotAllowed, match="the same as the supplier's published"):
        services.listing_approve(actor=CcsReviewerFactory(), listing=copy)
    copy.refresh_from_db()
    assert not copy.is_public


def test_the_same_text_from_another_supplier_is_not_a_duplicate():
    lot = LotFactory()
    listing_make(lot=lot, publish=True, description=LONG_DESCRIPTION)
    other_user = SupplierUserFactory()
    other = listing_make(supplier_user=other_user, lot=lot, description=LONG_DESCRIPTION)
    assert services.listing_submit(actor=other_user, listing=other).duplicate_flags == []


def test_nothing_is_hard_deleted():
    listing = listing_make(publish=True)
    with pytest.raises(ProtectedError):
        listing.supplier.delete()
    services.listing_withdraw(actor=CcsReviewerFactory(), listing=listing, reason="Closed")
    assert Listing.objects.filter(pk=listing.pk).exists()
    assert ListingVersion.objects.filter(listing=listing).count() == 1


def test_a_stale_revision_never_overwrites_and_nothing_is_recorded():
    supplier_user = SupplierUserFactory()
    listing = listing_make(supplier_user=supplier_user)
    services.listing_draft_save(
        actor=supplier_user, listing=listing, content={"name": "First save"}, revision=1
    )

    with pytest.raises(services.EditConflict) as conflict:
        services.listing_draft_save(
            actor=supplier_user, listing=listing, content={"name": "Stale save"}, revision=1
        )

    latest = listing.latest_version
    assert conflict.value.latest == latest
    assert (latest.name, latest.revision) == ("First save", 2)
    assert actions(listing) == ["listing.created", "listing.draft_saved"]


def test_the_revision_counts_on_across_versions_and_is_audited():
    supplier_user = SupplierUserFactory()
    listing = listing_make(supplier_user=supplier_user, publish=True)
    assert listing.live_version.revision == 1

    draft = services.listing_draft_save(
        actor=supplier_user, listing=listing, content={"name": "Changed"}, revision=1
    )

    assert (draft.number, draft.revision) == (2, 2)
    event = AuditEvent.objects.filter(action="listing.draft_saved").get()
    assert event.data == {"version": 2, "revision": 2}
    # The form opened on the published version is stale now that a draft exists.
    with pytest.raises(services.EditConflict):
        services.listing_draft_save(
            actor=supplier_user, listing=listing, content={"name": "Other"}, revision=1
        )
    assert listing.versions.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_the_same_moment_cannot_both_win():
    """Both start from revision 1 at once; the row lock makes one wait and then fail."""
    supplier_user = SupplierUserFactory()
    listing = listing_make(supplier_user=supplier_user)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(name: str) -> None:
        try:
            start.wait()
            services.listing_draft_save(
                actor=supplier_user,
                listing=Listing.objects.get(pk=listing.pk),
                content={"name": name},
                revision=1,
            )
            outcomes.append("saved")
        except services.EditConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("Alice's", "Bob's")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict", "saved"]
    assert listing.latest_version.revision == 2
    assert actions(listing).count("listing.draft_saved") == 1


def test_documents_are_stored_under_random_names_and_keep_their_own_for_display(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    listing = listing_make(
        service_definition=SimpleUploadedFile("Our secret pricing.pdf", b"%PDF-1.4"),
    )
    version = listing.latest_version

    stored = version.service_definition.name
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored)
    assert "secret" not in stored.lower()
    assert version.service_definition_name == "Our secret pricing.pdf"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / "listings" / stored).read_bytes() == b"%PDF-1.4"
    assert not (tmp_path / "media").exists(), "nothing lands where /media/ serves from"

    copy = services.listing_draft_save(
        actor=listing.created_by, listing=listing, content={"name": "Changed"}
    )
    assert (copy.service_definition.name, copy.service_definition_name) == (
        stored,
        "Our secret pricing.pdf",
    )

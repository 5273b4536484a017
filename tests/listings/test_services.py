"""The listing workflow: each transition, who may make it, and its audit event."""

import pytest

from listings import services
from listings.models import Listing
from listings.vocabulary import ListingStatus, VersionState
from marketplace.core.models import AuditEvent
from tests.factories import (
    CcsReviewerFactory,
    SupplierUserFactory,
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

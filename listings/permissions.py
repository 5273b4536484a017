"""Who may do what to a listing. Services check these; views use them to show actions."""

from typing import Any

from .models import Listing, ListingVersion
from .vocabulary import ListingStatus

REVIEW_PERMISSION = "listings.review_listing"


def user_is_listing_supplier(*, user: Any, listing: Listing) -> bool:
    """A signed-in, active user of the supplier that owns the listing."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_supplier_user
        and user.supplier_organisation_id == listing.supplier_id
    )


def user_is_listing_reviewer(*, user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(REVIEW_PERMISSION))


def listing_can_edit(*, user: Any, listing: Listing) -> bool:
    return user_is_listing_supplier(user=user, listing=listing) and listing.status != (
        ListingStatus.WITHDRAWN
    )


def user_can_see_version_documents(*, user: Any, version: ListingVersion) -> bool:
    """The published version buyers see is public; any other version's documents are
    for the supplier's own users and CCS reviewers only."""
    listing = version.listing
    if listing.is_public and listing.live_version_id == version.pk:
        return True
    return user_is_listing_supplier(user=user, listing=listing) or user_is_listing_reviewer(
        user=user
    )

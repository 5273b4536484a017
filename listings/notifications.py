"""E-mails to a supplier when CCS decides about one of its listings.

Sent to every active user of the supplier and to the contact address on its
public profile, because a decision often reaches a small business while the
person who submitted the listing is away. Each message says what happened, why
(the reviewer's own words), and links to the listing in the supplier's account,
and to the public page when buyers can see it.
"""

from typing import Any

from marketplace.core.notifications import absolute_reverse, absolute_url, notification_send

from .models import Listing, ListingVersion


def supplier_recipients(listing: Listing) -> list[str]:
    supplier = listing.supplier
    users = supplier.users.filter(is_active=True).values_list("email", flat=True)
    return [*users, supplier.contact_email]


def _send(*, listing: Listing, subject: str, template: str, context: dict[str, Any]) -> int:
    return notification_send(
        to=supplier_recipients(listing),
        subject=subject,
        template=f"listings/emails/{template}",
        context={
            "listing": listing,
            "supplier_url": absolute_reverse("supplier_listings:detail", kwargs={"pk": listing.pk}),
            "public_url": absolute_url(path=listing.get_absolute_url())
            if listing.is_public
            else "",
            **context,
        },
    )


def listing_approved_notify(*, listing: Listing, version: ListingVersion) -> int:
    return _send(
        listing=listing,
        subject=f"Your listing '{version.name}' is approved",
        template="approved.txt",
        context={"version": version, "first": version.number == 1},
    )


def listing_rejected_notify(*, listing: Listing, version: ListingVersion) -> int:
    return _send(
        listing=listing,
        subject=f"Your listing '{version.name}' needs changes before it can be approved",
        template="rejected.txt",
        context={"version": version},
    )


def listing_suspended_notify(*, listing: Listing) -> int:
    version = listing.live_version
    return _send(
        listing=listing,
        subject=f"Your listing '{version.name}' is suspended",
        template="suspended.txt",
        context={"version": version, "reason": listing.status_reason},
    )

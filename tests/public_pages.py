"""Helpers shared by the tests of the public supplier and listing pages."""

import re

from listings import services
from listings.models import Listing
from tests.factories import CcsReviewerFactory, listing_make


def text(response) -> str:
    """The page's words, without tags, with spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def hidden_listings_make(*, supplier_user, lot) -> dict[str, Listing]:
    """Listings of one supplier that buyers must never see, each with a telltale name,
    and one published listing with an unapproved newer version."""
    reviewer = CcsReviewerFactory()
    draft = listing_make(supplier_user=supplier_user, lot=lot, name="Secret draft service")
    # Worded apart, so the duplicate check lets both be approved.
    published = {
        name: listing_make(
            supplier_user=supplier_user,
            lot=lot,
            reviewer=reviewer,
            publish=True,
            name=name,
            summary=summary,
            description=summary,
            features=[name],
            benefits=[summary],
        )
        for name, summary in [
            ("Suspended payroll service", "Payroll for academy trusts, paid on time every month."),
            ("Withdrawn printing service", "Printing and posting letters to residents in bulk."),
        ]
    }
    suspended = published["Suspended payroll service"]
    withdrawn = published["Withdrawn printing service"]
    services.listing_suspend(actor=reviewer, listing=suspended, reason="Checking prices")
    services.listing_withdraw(actor=supplier_user, listing=withdrawn, reason="No longer offered")
    return {"draft": draft, "suspended": suspended, "withdrawn": withdrawn}


def unapproved_edit_make(*, supplier_user, listing: Listing, name: str) -> None:
    """Edit a published listing and submit the change, without approving it."""
    services.listing_draft_save(actor=supplier_user, listing=listing, content={"name": name})
    services.listing_submit(actor=supplier_user, listing=listing)


HIDDEN_NAMES = [
    "Secret draft service",
    "Suspended payroll service",
    "Withdrawn printing service",
]

"""The public page of a service listing: only its approved, live version."""

from django.http import Http404
from django.shortcuts import render

from marketplace.accounts.access import public
from suppliers import presenters as supplier_presenters

from . import presenters_public as presenters
from .selectors import listing_get_public, listing_get_unavailable
from .vocabulary import ListingStatus


@public
def listing_detail(request, pk: int):
    """A published listing's live version, never a draft or a version under review.

    A listing buyers could once see but that is now withdrawn answers 410 Gone
    with a short "no longer available" page, so a buyer following a shortlist or
    a bookmark learns it was taken off rather than mistyped. A suspended one may
    come back, so it answers 404 (410 is cacheable as permanent) with the same
    kind of page. Neither shows any of the listing's text. A listing that was
    never published is simply not found.
    """
    listing = listing_get_public(pk=pk)
    if listing is None:
        return _unavailable(request, pk=pk)
    version = listing.live_version
    return render(
        request,
        "listings/listing_detail.html",
        {
            "listing": listing,
            "version": version,
            "supplier": listing.supplier,
            "badges": supplier_presenters.badges(listing.supplier),
            "about_rows": presenters.about_rows(listing),
            "pricing_rows": presenters.pricing_rows(version),
            "documents": presenters.documents(version),
        },
    )


def _unavailable(request, *, pk: int):
    listing = listing_get_unavailable(pk=pk)
    if listing is None:
        raise Http404
    withdrawn = listing.status == ListingStatus.WITHDRAWN
    return render(
        request,
        "listings/listing_unavailable.html",
        {"supplier": listing.supplier, "withdrawn": withdrawn},
        status=410 if withdrawn else 404,
    )

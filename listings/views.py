"""The public page of a service listing (only its approved, live version) and the
documents of a listing version, for whoever may see them."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from marketplace.accounts.access import public
from suppliers import presenters as supplier_presenters

from . import presenters
from .buyer_presenters import how_to_buy
from .documents import CONTENT_TYPES, KINDS
from .models import ListingVersion
from .permissions import user_can_see_version_documents
from .presenters import document_name
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
            "contact_rows": supplier_presenters.contact_rows(listing.supplier),
            "how_to_buy": how_to_buy(listing),
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


@public
def listing_document(request, pk: int, number: int, kind: str):
    """A listing version's document, downloaded under the name it was uploaded with.

    Anyone may ask (buyers open the published listing's documents without signing
    in), so the check is here, on the version: the live version of a published
    listing is public; other versions' documents (drafts, versions under review,
    rejected ones, a suspended listing's) are only for the supplier's own users
    and CCS reviewers. Everyone else is told nothing exists (404), as for a
    listing they cannot see.
    """
    field = KINDS.get(kind)
    version = get_object_or_404(
        ListingVersion.objects.select_related("listing"), listing_id=pk, number=number
    )
    document = getattr(version, field) if field else None
    if not document or not user_can_see_version_documents(user=request.user, version=version):
        raise Http404
    try:
        handle = document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = document_name(version, field)
    extension = "." + document.name.rsplit(".", 1)[-1].lower()
    # An attachment, not shown inline: the file is the supplier's, not a page of ours.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    patch_cache_control(response, private=True)
    return response

"""The supplier's own listings: see them, create one, change it, submit it, withdraw it.

Every view is for supplier users. Each finds the listing through
``listings_for_supplier`` filtered by the signed-in user's own organisation, so
another organisation's listing is not found (404): the page does not even confirm
that it exists. The writes go through ``listings.services``, which audit them.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.accounts.access import supplier_required

from . import presenters, services
from . import supplier_presenters as rows
from .forms import ChooseLotForm, ListingEditForm, ListingForm, WithdrawForm
from .models import Listing
from .permissions import listing_can_edit
from .selectors import listings_for_supplier, lots_open_for_listings
from .vocabulary import ListingStatus, VersionState

WITHDRAWN_MESSAGE = "This listing has been withdrawn, so it cannot be changed"
UNDER_REVIEW_MESSAGE = (
    "CCS is reviewing this listing. You can change it again when they have finished"
)


def _own_listing(request, pk: int) -> Listing:
    supplier_id = request.user.supplier_organisation_id
    return get_object_or_404(listings_for_supplier(supplier_id=supplier_id), pk=pk)


def _not_allowed(request, listing: Listing, message: str) -> HttpResponse:
    """A step the listing's state does not allow: say why, with a way back."""
    return render(
        request,
        "listings/supplier/not_allowed.html",
        {"listing": listing, "message": message},
        status=400,
    )


def _why_not_editable(request, listing: Listing) -> str:
    if not listing_can_edit(user=request.user, listing=listing):
        return WITHDRAWN_MESSAGE
    latest = presenters.latest_version(listing)
    # A change now would start a new draft on top of the version CCS is reviewing,
    # and that version could then never be approved or rejected.
    if latest is not None and latest.state == VersionState.SUBMITTED:
        return UNDER_REVIEW_MESSAGE
    return ""


def _form_page(request, form: ListingForm, **context) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    return render(request, "listings/supplier/form.html", {"form": form, **context}, status=status)


@supplier_required
def index(request):
    listings = listings_for_supplier(supplier_id=request.user.supplier_organisation_id)
    return render(
        request,
        "listings/supplier/index.html",
        {"head": rows.INDEX_HEAD, "rows": rows.index_rows(listings)},
    )


@supplier_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = ChooseLotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("supplier_listings:create-details", lot_id=form.cleaned_data["lot"].pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "listings/supplier/choose_lot.html", {"form": form}, status=status)


@supplier_required
@require_http_methods(["GET", "POST"])
def create_details(request, lot_id: int):
    lot = get_object_or_404(lots_open_for_listings(), pk=lot_id)
    supplier = request.user.supplier_organisation
    if request.method == "POST":
        form = ListingForm(request.POST, request.FILES, lot=lot, supplier=supplier)
        if form.is_valid():
            listing = services.listing_create(
                actor=request.user, supplier=supplier, lot=lot, content=form.content()
            )
            messages.success(request, "Your listing is saved as a draft")
            return redirect("supplier_listings:detail", pk=listing.pk)
    else:
        form = ListingForm(
            lot=lot, supplier=supplier, initial=ListingForm.initial_for_supplier(supplier)
        )
    return _form_page(request, form, lot=lot, action=request.path)


@supplier_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    listing = _own_listing(request, pk)
    reason = _why_not_editable(request, listing)
    if reason:
        return _not_allowed(request, listing, reason)
    version = presenters.latest_version(listing)
    if request.method == "GET":
        initial = {**ListingEditForm.initial_for(version), "revision": version.revision}
        form = ListingEditForm(
            lot=listing.lot, current=version, supplier=listing.supplier, initial=initial
        )
        return _form_page(request, form, lot=listing.lot, listing=listing, action=request.path)
    form = ListingEditForm(
        request.POST, request.FILES, lot=listing.lot, current=version, supplier=listing.supplier
    )
    if form.is_valid():
        try:
            services.listing_draft_save(
                actor=request.user,
                listing=listing,
                content=form.content(),
                revision=form.cleaned_data["revision"],
            )
        except services.EditConflict as conflict:
            return _conflict_page(request, form, listing=listing, latest=conflict.latest)
        except services.TransitionNotAllowed as error:
            return _not_allowed(request, listing, " ".join(error.messages))
        messages.success(request, "Your changes are saved as a draft")
        return redirect("supplier_listings:detail", pk=listing.pk)
    return _form_page(request, form, lot=listing.lot, listing=listing, action=request.path)


def _conflict_page(request, form: ListingEditForm, *, listing: Listing, latest) -> HttpResponse:
    """409 Conflict: the answers were fine, but the listing moved on under them.

    Not 400, because nothing the person typed was wrong; 409 is HTTP's word for a
    request that clashes with the current state of what it changes. Their answers
    stay in the form, now tied to the latest revision, so saving again replaces
    the other change on purpose, after the page has said so.
    """
    form.conflict(latest=latest, message=presenters.edit_conflict_message(latest))
    return render(
        request,
        "listings/supplier/form.html",
        {
            "form": form,
            "lot": listing.lot,
            "listing": listing,
            "action": request.path,
            "conflict": True,
            "files_dropped": bool(request.FILES),
        },
        status=409,
    )


@supplier_required
def detail(request, pk: int):
    listing = _own_listing(request, pk)
    latest = presenters.latest_version(listing)
    can_change = not _why_not_editable(request, listing)
    edit_url = reverse("supplier_listings:edit", kwargs={"pk": pk}) if can_change else None
    return render(
        request,
        "listings/supplier/detail.html",
        {
            "listing": listing,
            "version": latest,
            "status": presenters.listing_status(listing, latest),
            "rejection_reason": presenters.rejection_reason(latest),
            "pending_state": latest.state
            if presenters.has_pending_changes(listing, latest)
            else "",
            "summary_rows": rows.summary_rows(latest, edit_url=edit_url),
            "duplicate_warnings": rows.duplicate_warnings(latest),
            "history_head": rows.HISTORY_HEAD,
            "history_rows": rows.history_rows(listing.versions.all()),
            "lot_name": rows.lot_name(listing),
            "can_change": can_change,
            "can_submit": can_change and latest.state == VersionState.DRAFT,
            "can_withdraw": listing.status != ListingStatus.WITHDRAWN,
            "public_url": presenters.public_url(listing) if listing.is_public else "",
        },
    )


@supplier_required
@require_POST
def submit(request, pk: int):
    listing = _own_listing(request, pk)
    if not listing_can_edit(user=request.user, listing=listing):
        return _not_allowed(request, listing, WITHDRAWN_MESSAGE)
    try:
        services.listing_submit(actor=request.user, listing=listing)
    except services.TransitionNotAllowed as error:
        return _not_allowed(request, listing, " ".join(error.messages))
    messages.success(request, "Your listing is submitted. CCS will review it")
    return redirect("supplier_listings:detail", pk=listing.pk)


@supplier_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int):
    listing = _own_listing(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_withdraw(
                actor=request.user, listing=listing, reason=form.cleaned_data["reason"]
            )
        except services.TransitionNotAllowed as error:
            return _not_allowed(request, listing, " ".join(error.messages))
        messages.success(request, "Your listing is withdrawn. Buyers can no longer see it")
        return redirect("supplier_listings:detail", pk=listing.pk)
    if listing.status == ListingStatus.WITHDRAWN:
        return _not_allowed(request, listing, "This listing has already been withdrawn")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "listings/supplier/withdraw.html",
        {"form": form, "listing": listing, "name": presenters.latest_version(listing).name},
        status=status,
    )

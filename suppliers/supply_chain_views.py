"""The supplier's own area for the supply chain: partners and the guidelines.

Every partnership is looked up within the signed-in user's own organisation's
partnerships, and only among those it may act on, so another organisation's
partnership, or one already answered or ended, is simply not found (404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from marketplace.accounts.access import supplier_required

from .account_views import _confirmed, _status, _written
from .forms import PartnershipForm
from .forms_supply_chain import CONFIRM, PartnershipAnswerForm
from .presenters import guidelines_status
from .selectors import (
    guidelines_page_live,
    partnerships_awaiting_partner,
    partnerships_confirmed,
    partnerships_endable,
    partnerships_past,
    partnerships_to_answer,
)
from .services import (
    guidelines_declare,
    partnership_confirm,
    partnership_decline,
    partnership_end,
    partnership_propose,
)
from .supplier_presenters import PAST_HEAD, partner_role_words, partnership_rows, past_rows

GET_POST = require_http_methods(["GET", "POST"])


@supplier_required
@GET_POST
def partners(request):
    supplier = request.user.supplier_organisation
    form = PartnershipForm(request.POST or None, supplier=supplier)
    if _written(
        request,
        form,
        lambda data: partnership_propose(actor=request.user, supplier=supplier, **data),
        done=(
            "We have asked {partner.name} to confirm the partnership. It will show on "
            "both profiles once they do."
        ),
    ):
        return redirect("supplier_account:partners")
    return render(
        request,
        "suppliers/account/partners.html",
        {
            "form": form,
            "supplier": supplier,
            "to_answer": partnerships_to_answer(supplier=supplier),
            "confirmed": partnership_rows(partnerships_confirmed(supplier=supplier), supplier),
            "awaiting": partnership_rows(
                partnerships_awaiting_partner(supplier=supplier), supplier
            ),
            "past_head": PAST_HEAD,
            "past_rows": past_rows(partnerships_past(supplier=supplier), supplier=supplier),
            "guidelines": guidelines_page_live(),
        },
        status=_status(request),
    )


@supplier_required
@GET_POST
def answer_partnership(request, pk: int):
    """The partner confirms or declines a proposal: the page the e-mail links to."""
    supplier = request.user.supplier_organisation
    partnership = get_object_or_404(partnerships_to_answer(supplier=supplier), pk=pk)
    # Bound on every POST, an empty one too, so a missing answer is an error.
    form = PartnershipAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        confirming = form.cleaned_data["answer"] == CONFIRM
        write = partnership_confirm if confirming else partnership_decline
        try:
            write(actor=request.user, partnership=partnership)
        except ValidationError as error:  # someone else in the team answered first
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"You have confirmed your partnership with {partnership.supplier.name}. "
                "It now shows on both profiles."
                if confirming
                else f"You have declined the partnership with {partnership.supplier.name}.",
            )
            return redirect("supplier_account:partners")
    return render(
        request,
        "suppliers/account/answer_partnership.html",
        {
            "form": form,
            "partnership": partnership,
            "role": partner_role_words(partnership=partnership, supplier=supplier),
        },
        status=_status(request),
    )


@supplier_required
@GET_POST
def end_partnership(request, pk: int):
    """End a confirmed partnership (either side) or withdraw one's own proposal. It
    stays on record with who ended it and when."""
    supplier = request.user.supplier_organisation
    partnership = get_object_or_404(partnerships_endable(supplier=supplier), pk=pk)
    other = partnership.partner if partnership.supplier_id == supplier.pk else partnership.supplier
    if partnership.is_proposed:
        question = {
            "heading": f"Withdraw your request to {other.name}?",
            "body": "They will no longer be asked to confirm it. We keep a record of it.",
            "button": "Withdraw request",
            "keep": "Keep the request",
        }
        done = f"Your request to {other.name} has been withdrawn."
    else:
        question = {
            "heading": f"End your partnership with {other.name}?",
            "body": (
                "It will no longer show on either organisation's profile. "
                "We keep a record of it and of when it ended, and tell them."
            ),
            "button": "End partnership",
            "keep": "Keep the partnership",
        }
        done = f"Your partnership with {other.name} has ended."
    return _confirmed(
        request,
        write=lambda: partnership_end(actor=request.user, partnership=partnership),
        done=done,
        back=reverse("supplier_account:partners"),
        question=question,
    )


@supplier_required
@GET_POST
def guidelines(request):
    """Declare that the organisation follows the current version of the guidelines."""
    supplier = request.user.supplier_organisation
    error = ""
    if request.method == "POST":
        try:
            guidelines_declare(actor=request.user, supplier=supplier)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(
                request,
                "You have declared that your organisation follows the supply-chain guidelines. "
                "Your public profile now says so.",
            )
            return redirect("supplier_account:guidelines")
    return render(
        request,
        "suppliers/account/guidelines.html",
        {"supplier": supplier, "status": guidelines_status(supplier=supplier), "error": error},
        status=400 if error else 200,
    )

"""The supplier's own area: registration, the organisation page and profile, and
the team (the supply chain is in ``supply_chain_views``).

Every page but registration and accepting an invitation works on the signed-in
user's own organisation; none takes an organisation from the URL or the form, so
a supplier user cannot reach another organisation's records. Another
organisation's invitation or partnership is simply not found (404).
"""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from marketplace.accounts.access import public, supplier_required

from .forms import (
    AcceptInvitationForm,
    InvitationForm,
    SupplierProfileForm,
    SupplierRegistrationForm,
)
from .presenters import guidelines_status
from .selectors import (
    partnerships_to_answer,
    supplier_get,
    supplier_invitations_open,
    supplier_team,
)
from .services import (
    InvitationInvalid,
    supplier_invitation_accept,
    supplier_invitation_cancel,
    supplier_invitation_create,
    supplier_invitation_get,
    supplier_profile_update,
    supplier_register,
)
from .supplier_presenters import TEAM_HEAD, partners_banner, profile_rows, team_rows

GET_POST = require_http_methods(["GET", "POST"])


def _status(request) -> int:
    """A form shown again after a post is shown because the post was wrong."""
    return 400 if request.method == "POST" else 200


def _written(request, form, write, *, done: str) -> bool:
    """Run a service with a valid form's answers. A rule the service enforces (a
    ValidationError) becomes an error on the form; success is said in a banner."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, done.format(**form.cleaned_data))
    return True


def _confirmed(request, *, write, done: str, back: str, question: dict):
    """GET asks the question; POST does it (never a GET, so a link cannot do it)."""
    if request.method == "POST":
        write()
        messages.success(request, done)
        return redirect(back)
    return render(request, "suppliers/account/confirm.html", {**question, "back": back})


@public
@GET_POST
def register(request):
    if request.user.is_authenticated:
        return redirect(
            "supplier_account:dashboard"
            if request.user.is_supplier_user
            else "accounts:your-account"
        )
    form = SupplierRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = supplier_register(
            organisation=form.organisation_answers(),
            email=data["email"],
            full_name=data["full_name"],
            password=data["password"],
        )
        return render(request, "accounts/check_your_email.html", {"email": user.email})
    return render(
        request, "suppliers/account/register.html", {"form": form}, status=_status(request)
    )


@supplier_required
def dashboard(request):
    supplier = supplier_get(slug=request.user.supplier_organisation.slug)
    return render(
        request,
        "suppliers/account/dashboard.html",
        {
            "supplier": supplier,
            "profile_rows": profile_rows(supplier),
            "guidelines": guidelines_status(supplier=supplier),
            "partners_banner": partners_banner(
                waiting=partnerships_to_answer(supplier=supplier).count()
            ),
        },
    )


@supplier_required
@GET_POST
def profile(request):
    supplier = request.user.supplier_organisation
    form = SupplierProfileForm(request.POST or None, request.FILES or None, supplier=supplier)
    if request.method == "POST" and form.is_valid():
        supplier = supplier_profile_update(
            actor=request.user, supplier=supplier, changes=form.changes()
        )
        band = supplier.get_size_band_display() or "not worked out yet"
        messages.success(request, f"Your profile has been saved. Your size is: {band}.")
        return redirect("supplier_account:dashboard")
    return render(
        request,
        "suppliers/account/profile.html",
        {"form": form, "supplier": supplier},
        status=_status(request),
    )


@supplier_required
@GET_POST
def team(request):
    supplier = request.user.supplier_organisation
    form = InvitationForm(request.POST or None, supplier=supplier)
    if _written(
        request,
        form,
        lambda data: supplier_invitation_create(
            actor=request.user, supplier=supplier, email=data["email"]
        ),
        done="We have sent an invitation to {email}.",
    ):
        return redirect("supplier_account:team")
    return render(
        request,
        "suppliers/account/team.html",
        {
            "form": form,
            "supplier": supplier,
            "team_head": TEAM_HEAD,
            "team_rows": team_rows(supplier_team(supplier=supplier)),
            "invitations": supplier_invitations_open(supplier=supplier),
        },
        status=_status(request),
    )


@supplier_required
@GET_POST
def cancel_invitation(request, pk: int):
    """GET asks to confirm; POST cancels. Only the user's own organisation's open
    invitations can be found here."""
    supplier = request.user.supplier_organisation
    invitation = get_object_or_404(supplier_invitations_open(supplier=supplier), pk=pk)
    return _confirmed(
        request,
        write=lambda: supplier_invitation_cancel(actor=request.user, invitation=invitation),
        done=f"The invitation to {invitation.email} has been cancelled.",
        back=reverse("supplier_account:team"),
        question={
            "heading": f"Cancel the invitation to {invitation.email}?",
            "body": "The link we sent will stop working. You can invite them again later.",
            "button": "Cancel invitation",
            "keep": "Keep the invitation",
        },
    )


@public
@GET_POST
def accept_invitation(request, token: str):
    try:
        invitation = supplier_invitation_get(token=token)
        form = AcceptInvitationForm(request.POST or None, email=invitation.email)
        accepted = request.method == "POST" and form.is_valid()
        # Accepting checks the link again: someone may have used or cancelled it since.
        user = supplier_invitation_accept(token=token, **form.cleaned_data) if accepted else None
    except InvitationInvalid:
        return render(request, "suppliers/account/invitation_invalid.html", status=400)
    if user is not None:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome. You are now in the team for {invitation.supplier}.")
        return redirect("supplier_account:dashboard")
    return render(
        request,
        "suppliers/account/accept_invitation.html",
        {"form": form, "invitation": invitation},
        status=_status(request),
    )

"""The buyer's side: write feedback on a contract, declare a contract, and look
after their organisation's feedback (updates and withdrawals).

Only verified buyers write, and only about a contract their own organisation
has with the supplier (``relationships_open_for_feedback``). Every write goes
through ``feedback.services``; a rule it enforces comes back as a message on
the form. Another organisation's feedback is not found (404).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from marketplace.accounts.access import buyer_required, verified_buyer_required

from . import presenters, services
from .account_selectors import (
    feedback_given_to,
    feedback_of_organisation,
    feedback_of_organisation_get,
)
from .contract_dates import opens_on
from .forms import DeclareContractForm, FeedbackContentForm, WriteFeedbackForm
from .models import Feedback, ModerationState
from .selectors import public_name as shown_as  # the name the public sees
from .selectors import relationships_open_for_feedback
from .view_helpers import form_status, form_submit, not_allowed
from .views import supplier_or_404


def _own_feedback(request, pk: int) -> Feedback:
    feedback = feedback_of_organisation_get(user=request.user, pk=pk)
    if feedback is None:
        raise Http404
    return feedback


@verified_buyer_required
@require_http_methods(["GET", "POST"])
def write(request, slug: str):
    supplier = supplier_or_404(slug)
    relationships = relationships_open_for_feedback(user=request.user, supplier_id=supplier.pk)
    not_started = [presenters.not_started_text(r) for r in relationships["not_started"]]
    if not (relationships["awards"] or relationships["declared"]):
        return render(
            request,
            "feedback/no_relationship.html",
            {
                "supplier": supplier,
                "already": feedback_given_to(user=request.user, supplier_id=supplier.pk),
                "not_started": not_started,
            },
        )
    form = WriteFeedbackForm(
        request.POST or None,
        relationships=relationships,
        organisation=request.user.buyer_organisation,
        initial={"relationship": request.GET.get("relationship", "")},
    )
    if len(form.fields["relationship"].choices) == 1:
        form.initial["relationship"] = form.fields["relationship"].choices[0][0]

    def create():
        feedback = services.feedback_create(
            actor=request.user,
            content=form.content(),
            **form.relationship_kwargs(),
            **form.display_kwargs(),
        )
        return redirect("feedback:sent", pk=feedback.pk)

    return form_submit(request, form, create) or render(
        request,
        "feedback/write.html",
        {"form": form, "supplier": supplier, "not_started": not_started},
        status=form_status(request),
    )


@verified_buyer_required
@require_http_methods(["GET", "POST"])
def declare(request, slug: str):
    supplier = supplier_or_404(slug)
    form = DeclareContractForm(request.POST or None)

    def create():
        contract = services.declared_contract_create(
            actor=request.user, supplier=supplier, **form.cleaned_data
        )
        opens = opens_on(contract)
        messages.success(
            request,
            f"Your contract is recorded. You can leave feedback on it from "
            f"{presenters.day(opens)}, when it starts"
            if opens
            else "Your contract is recorded. Now tell us how it went",
        )
        write_url = reverse("feedback:write", kwargs={"slug": supplier.slug})
        return redirect(f"{write_url}?relationship=declared-{contract.pk}")

    return form_submit(request, form, create) or render(
        request,
        "feedback/declare.html",
        {"form": form, "supplier": supplier},
        status=form_status(request),
    )


@buyer_required
def sent(request, pk: int):
    feedback = _own_feedback(request, pk)
    return render(request, "feedback/sent.html", {"feedback": feedback})


@buyer_required
def yours(request):
    feedback = feedback_of_organisation(user=request.user)
    return render(
        request,
        "feedback/yours.html",
        {
            "head": presenters.VERSIONS_HEAD,
            "entries": [
                {
                    "feedback": item,
                    "relationship": presenters.relationship_text(item),
                    "shown_as": shown_as(item),
                    "rows": presenters.versions_rows(item, request.user),
                    "can_update": item.author_id == request.user.pk
                    and request.user.is_verified_buyer,
                }
                for item in feedback
            ],
        },
    )


@verified_buyer_required
@require_http_methods(["GET", "POST"])
def update(request, pk: int):
    feedback = _own_feedback(request, pk)
    if feedback.author_id != request.user.pk:
        raise PermissionDenied  # only the author speaks for their feedback
    latest = feedback.versions.all()[0]
    form = FeedbackContentForm(
        request.POST or None, initial=FeedbackContentForm.initial_for(latest)
    )

    def add():
        services.feedback_update(actor=request.user, feedback=feedback, content=form.content())
        return redirect("feedback:sent", pk=feedback.pk)

    return form_submit(request, form, add) or render(
        request,
        "feedback/update.html",
        {
            "form": form,
            "feedback": feedback,
            "relationship": presenters.relationship_text(feedback),
        },
        status=form_status(request),
    )


@buyer_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk: int, number: int):
    feedback = _own_feedback(request, pk)
    version = next((v for v in feedback.versions.all() if v.number == number), None)
    if version is None:
        raise Http404
    if feedback.author_id != request.user.pk:
        raise PermissionDenied
    back = reverse("feedback:yours")
    if version.state not in (ModerationState.PENDING, ModerationState.PUBLISHED):
        return not_allowed(
            request, "Only waiting or published feedback can be withdrawn", back, "Your feedback"
        )
    if request.method == "POST":
        services.feedback_withdraw(actor=request.user, version=version)
        messages.success(request, f"Version {number} of your feedback is withdrawn")
        return redirect(back)
    return render(request, "feedback/withdraw.html", {"feedback": feedback, "version": version})

"""The supplier's side: read published feedback about their organisation, reply
once to each, and dispute a published version as factually inaccurate.

A supplier sees feedback exactly as the public does (no author, pseudonyms
kept), plus the state of their own replies and disputes. Feedback about
another supplier, or not yet published, is not found (404).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from marketplace.accounts.access import supplier_required

from . import presenters, services
from .account_selectors import (
    current_published_version,
    feedback_about_supplier_get,
    supplier_replies,
)
from .forms import DisputeForm, ResponseForm
from .selectors import public_feedback
from .view_helpers import form_status, form_submit, not_allowed


def _about_us(request, pk: int):
    """The feedback and the entry the supplier sees for it, or 404."""
    supplier_id = request.user.supplier_organisation_id
    feedback = feedback_about_supplier_get(supplier_id=supplier_id, pk=pk)
    if feedback is None:
        raise Http404
    item = next(i for i in public_feedback(supplier_id=supplier_id) if i.id == feedback.pk)
    return feedback, presenters.entry_view(item)


@supplier_required
def about_you(request):
    supplier_id = request.user.supplier_organisation_id
    replies = supplier_replies(supplier_id=supplier_id)
    entries = []
    for item in public_feedback(supplier_id=supplier_id):
        reply = replies.get(item.id, {"response": None, "disputes": {}})
        dispute = reply["disputes"].get(item.current.number)
        entries.append(
            {
                "entry": presenters.entry_view(item),
                "response_state": presenters.response_state(reply["response"]),
                "dispute_state": presenters.dispute_state(dispute),
                "can_respond": reply["response"] is None,
                "can_dispute": dispute is None,
            }
        )
    return render(
        request,
        "feedback/about_you.html",
        {"entries": entries, "supplier": request.user.supplier_organisation},
    )


def _reply_page(request, entry, form, *, kind: str, write, message: str):
    def send():
        write(form.cleaned_data)
        messages.success(request, message)
        return redirect("feedback:about-you")

    return form_submit(request, form, send) or render(
        request,
        "feedback/reply.html",
        {"form": form, "entry": entry, "kind": kind},
        status=form_status(request),
    )


def _already(request, message: str):
    return not_allowed(request, message, reverse("feedback:about-you"), "Feedback about you")


@supplier_required
@require_http_methods(["GET", "POST"])
def respond(request, pk: int):
    feedback, entry = _about_us(request, pk)
    if hasattr(feedback, "response"):
        return _already(request, "You have already responded to this feedback")
    return _reply_page(
        request,
        entry,
        ResponseForm(request.POST or None),
        kind="respond",
        write=lambda data: services.response_create(
            actor=request.user, feedback=feedback, text=data["text"]
        ),
        message="Your response is sent. A moderator will check it",
    )


@supplier_required
@require_http_methods(["GET", "POST"])
def dispute(request, pk: int):
    feedback, entry = _about_us(request, pk)
    version = current_published_version(feedback)
    if hasattr(version, "dispute"):
        return _already(request, "You have already disputed this feedback")
    return _reply_page(
        request,
        entry,
        DisputeForm(request.POST or None),
        kind="dispute",
        write=lambda data: services.dispute_raise(
            actor=request.user, version=version, reason=data["reason"]
        ),
        message="Your dispute is sent. A moderator will decide on it",
    )

"""Reads for the people a feedback concerns: the buyer organisation that wrote it
and the supplier it is about. Each read is scoped to the signed-in user's own
organisation, so another organisation's feedback is simply not found (404).

A supplier reads feedback about them through ``selectors.public_feedback``, the
same identity-free view the public gets; only their own response and disputes
come from here.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import Dispute, Feedback, FeedbackVersion, ModerationState, SupplierResponse


def feedback_of_organisation(*, user: Any) -> QuerySet[Feedback]:
    """Every feedback the user's buyer organisation wrote, each with all its versions."""
    return (
        Feedback.objects.filter(buyer_organisation_id=user.buyer_organisation_id)
        .select_related(
            "supplier",
            "buyer_organisation",
            "pseudonym_region",
            "declared_contract",
            "award__awarded_entry__listing_version",
        )
        .prefetch_related(
            Prefetch("versions", queryset=FeedbackVersion.objects.order_by("-number"))
        )
        .order_by("-created_at")
    )


def feedback_of_organisation_get(*, user: Any, pk: int) -> Feedback | None:
    return feedback_of_organisation(user=user).filter(pk=pk).first()


def feedback_given_to(*, user: Any, supplier_id: int) -> bool:
    return Feedback.objects.filter(
        buyer_organisation_id=user.buyer_organisation_id, supplier_id=supplier_id
    ).exists()


def feedback_about_supplier_get(*, supplier_id: int, pk: int) -> Feedback | None:
    """A published feedback about this supplier; unpublished ones are not theirs to see."""
    return (
        Feedback.objects.filter(
            supplier_id=supplier_id, pk=pk, versions__state=ModerationState.PUBLISHED
        )
        .select_related("supplier")
        .distinct()
        .first()
    )


def current_published_version(feedback: Feedback) -> FeedbackVersion | None:
    return (
        feedback.versions.filter(state=ModerationState.PUBLISHED)
        .select_related("dispute")
        .order_by("-number")
        .first()
    )


def supplier_replies(*, supplier_id: int) -> dict[int, dict]:
    """Per feedback id: the supplier's response (any state) and their disputes by version."""
    replies: dict[int, dict] = {}
    for response in SupplierResponse.objects.filter(feedback__supplier_id=supplier_id):
        replies.setdefault(response.feedback_id, {"response": None, "disputes": {}})
        replies[response.feedback_id]["response"] = response
    disputes = Dispute.objects.filter(version__feedback__supplier_id=supplier_id).select_related(
        "version"
    )
    for dispute in disputes:
        entry = replies.setdefault(dispute.version.feedback_id, {"response": None, "disputes": {}})
        entry["disputes"][dispute.version.number] = dispute
    return replies

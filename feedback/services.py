"""Every write about feedback, each audited.

feedback version: pending ─publish→ published
                          └reject (reason e-mailed to the author)→ rejected
                  pending or published ─withdraw (author)→ withdrawn
supplier response: pending ─publish / reject→ …   (one per feedback)
dispute of a published version: open ─decide→ upheld | not upheld

Who is told (by e-mail, once the change is committed): a published feedback
goes to the supplier and its author; a rejected one to its author with the
reason; a moderated response to the supplier who wrote it, and a published
response also to the author of the feedback it answers.
"""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from marketplace.core.notifications import absolute_reverse, absolute_url, notification_send
from marketplace.core.services import audit_record

from .contract_dates import contract_dates_errors, opens_on
from .models import (
    DeclaredContract,
    Dispute,
    DisputeOutcome,
    Feedback,
    FeedbackVersion,
    ModerationState,
    RedactionReason,
    SupplierResponse,
)
from .scale import DIMENSIONS

MODERATE_PERMISSION = "feedback.moderate_feedback"
# The community guidelines page, created by the feedback app's data migration.
GUIDELINES_PATH = "/feedback-guidelines/"
# At most this many feedback versions from one person in a day: a real buyer
# rarely needs more, and it blunts scripted abuse from a compromised account.
DAILY_LIMIT = 5
CONTENT_FIELDS = (*DIMENSIONS, "would_use_again", "went_well", "could_be_better")


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _require_verified_buyer(actor: Any) -> None:
    if not (_authenticated(actor) and actor.is_verified_buyer):
        raise PermissionDenied


def _require_moderator(actor: Any) -> None:
    if not (_authenticated(actor) and actor.has_perm(MODERATE_PERMISSION)):
        raise PermissionDenied


def _require_supplier_of(actor: Any, feedback: Feedback) -> None:
    if not (
        _authenticated(actor)
        and actor.is_supplier_user
        and actor.supplier_organisation_id == feedback.supplier_id
    ):
        raise PermissionDenied


def _rate_limit(actor: Any) -> None:
    since = timezone.now() - timedelta(days=1)
    recent = FeedbackVersion.objects.filter(feedback__author=actor, created_at__gte=since).count()
    if recent >= DAILY_LIMIT:
        raise ValidationError(
            f"You have sent {DAILY_LIMIT} pieces of feedback today. Try again tomorrow"
        )


def _content_errors(content: dict[str, Any]) -> dict[str, str]:
    errors = {}
    if content.get("overall") is None:
        errors["overall"] = "Select an overall rating"
    for field in DIMENSIONS:
        value = content.get(field)
        if value is not None and value not in (1, 2, 3, 4, 5):
            errors[field] = "Select a rating from the list"
    if not (content.get("went_well", "").strip() or content.get("could_be_better", "").strip()):
        errors["went_well"] = "Tell other buyers what went well or what could be better"
    return errors


def _new_version(feedback: Feedback, content: dict[str, Any]) -> FeedbackVersion:
    errors = _content_errors(content)
    if errors:
        raise ValidationError(errors)
    last = feedback.versions.order_by("-number").first()
    fields = {field: content.get(field) for field in CONTENT_FIELDS}
    fields["went_well"] = (fields["went_well"] or "").strip()
    fields["could_be_better"] = (fields["could_be_better"] or "").strip()
    return FeedbackVersion.objects.create(
        feedback=feedback,
        number=(last.number + 1) if last else 1,
        went_well_public=fields["went_well"],
        could_be_better_public=fields["could_be_better"],
        **fields,
    )


@transaction.atomic
def declared_contract_create(
    *,
    actor: Any,
    supplier: Any,
    reference: str,
    value_band: str,
    start_date: date,
    end_date: date | None = None,
) -> DeclaredContract:
    """A contract the buyer's organisation tells us about, with plausible dates
    (``contract_dates``); feedback on it opens when it starts."""
    _require_verified_buyer(actor)
    errors = contract_dates_errors(start_date=start_date, end_date=end_date)
    if errors:
        raise ValidationError(errors)
    if DeclaredContract.objects.filter(
        buyer_organisation=actor.buyer_organisation, supplier=supplier, reference=reference.strip()
    ).exists():
        raise ValidationError(
            {"reference": "Your organisation has already declared a contract with this reference"}
        )
    contract = DeclaredContract.objects.create(
        buyer_organisation=actor.buyer_organisation,
        supplier=supplier,
        reference=reference.strip(),
        value_band=value_band,
        start_date=start_date,
        end_date=end_date,
        declared_by=actor,
    )
    audit_record(actor=actor, action="declared_contract.created", subject=contract)
    return contract


@transaction.atomic
def feedback_create(
    *,
    actor: Any,
    content: dict[str, Any],
    award: Any = None,
    declared_contract: DeclaredContract | None = None,
    display_mode: str = "organisation",
    pseudonym_region: Any = None,
) -> Feedback:
    """Feedback on the supplier of one relationship the author's organisation has."""
    _require_verified_buyer(actor)
    if (award is None) == (declared_contract is None):
        raise ValidationError("Choose the contract your feedback is about")
    if award is not None:
        organisation_id = award.saved_search.project.buyer_organisation_id
        supplier, listing = award.supplier, award.awarded_entry.listing
        taken = Feedback.objects.filter(award=award).exists()
    else:
        organisation_id = declared_contract.buyer_organisation_id
        supplier, listing = declared_contract.supplier, None
        taken = Feedback.objects.filter(declared_contract=declared_contract).exists()
    if organisation_id != actor.buyer_organisation_id:
        raise PermissionDenied
    starts = opens_on(award if award is not None else declared_contract)
    if starts is not None:
        raise ValidationError(
            f"You can leave feedback on this contract from {starts:%-d %B %Y}, when it starts"
        )
    if taken:
        raise ValidationError(
            "Your organisation has already left feedback on this contract. "
            "Add an update to that feedback instead"
        )
    _rate_limit(actor)
    feedback = Feedback.objects.create(
        buyer_organisation_id=organisation_id,
        supplier=supplier,
        listing=listing,
        award=award,
        declared_contract=declared_contract,
        author=actor,
        display_mode=display_mode,
        pseudonym_region=pseudonym_region,
    )
    version = _new_version(feedback, content)
    audit_record(
        actor=actor, action="feedback.submitted", subject=feedback, data={"version": version.number}
    )
    return feedback


@transaction.atomic
def feedback_update(*, actor: Any, feedback: Feedback, content: dict[str, Any]) -> FeedbackVersion:
    """A later word from the author, as a new version; the earlier ones stay."""
    _require_verified_buyer(actor)
    if feedback.author_id != actor.pk:
        raise PermissionDenied
    _rate_limit(actor)
    version = _new_version(feedback, content)
    audit_record(
        actor=actor, action="feedback.updated", subject=feedback, data={"version": version.number}
    )
    return version


@transaction.atomic
def feedback_withdraw(*, actor: Any, version: FeedbackVersion) -> FeedbackVersion:
    if not (_authenticated(actor) and version.feedback.author_id == actor.pk):
        raise PermissionDenied
    if version.state not in (ModerationState.PENDING, ModerationState.PUBLISHED):
        raise ValidationError("Only waiting or published feedback can be withdrawn")
    version.state = ModerationState.WITHDRAWN
    version.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action="feedback.withdrawn",
        subject=version.feedback,
        data={"version": version.number},
    )
    return version


def _require_pending(item: Any) -> None:
    if item.state != ModerationState.PENDING:
        raise ValidationError("This has already been moderated")


@transaction.atomic
def feedback_publish(
    *,
    actor: Any,
    version: FeedbackVersion,
    went_well_public: str | None = None,
    could_be_better_public: str | None = None,
    redaction_reason: str = "",
) -> FeedbackVersion:
    """Publish, optionally with personal data or commercial-in-confidence details redacted.

    A redaction replaces words with '[redacted]' in what the public reads; the
    page says that something was redacted and why (``redaction_reason``, which
    a redaction needs), and the author's words are kept.
    """
    _require_moderator(actor)
    _require_pending(version)
    redacted = False
    for field, given in (
        ("went_well_public", went_well_public),
        ("could_be_better_public", could_be_better_public),
    ):
        if given is not None and given != getattr(version, field):
            setattr(version, field, given)
            redacted = True
    if redacted and redaction_reason not in RedactionReason.values:
        raise ValidationError({"redaction_reason": "Select why you replaced words with [redacted]"})
    version.redacted = redacted
    version.redaction_reason = redaction_reason if redacted else ""
    version.state = ModerationState.PUBLISHED
    version.moderated_by, version.moderated_at = actor, timezone.now()
    version.save()
    audit_record(
        actor=actor,
        action="feedback.published",
        subject=version.feedback,
        data={
            "version": version.number,
            "redacted": redacted,
            "redaction_reason": version.redaction_reason,
        },
    )
    transaction.on_commit(lambda: _notify_feedback_published(version))
    return version


@transaction.atomic
def feedback_reject(*, actor: Any, version: FeedbackVersion, reason: str) -> FeedbackVersion:
    _require_moderator(actor)
    _require_pending(version)
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason, which is sent to the author"})
    version.state = ModerationState.REJECTED
    version.moderation_reason = reason.strip()
    version.moderated_by, version.moderated_at = actor, timezone.now()
    version.save()
    audit_record(
        actor=actor,
        action="feedback.rejected",
        subject=version.feedback,
        data={"version": version.number, "reason": reason},
    )
    transaction.on_commit(lambda: _notify_feedback_rejected(version))
    return version


@transaction.atomic
def response_create(*, actor: Any, feedback: Feedback, text: str) -> SupplierResponse:
    _require_supplier_of(actor, feedback)
    if not feedback.versions.filter(state=ModerationState.PUBLISHED).exists():
        raise ValidationError("You can respond once the feedback is published")
    if SupplierResponse.objects.filter(feedback=feedback).exists():
        raise ValidationError("You have already responded to this feedback")
    if not text.strip():
        raise ValidationError({"text": "Enter your response"})
    response = SupplierResponse.objects.create(feedback=feedback, author=actor, text=text.strip())
    audit_record(actor=actor, action="feedback.response_submitted", subject=feedback)
    return response


@transaction.atomic
def response_moderate(
    *, actor: Any, response: SupplierResponse, publish: bool, reason: str = ""
) -> SupplierResponse:
    _require_moderator(actor)
    _require_pending(response)
    if not publish and not reason.strip():
        raise ValidationError({"reason": "Enter the reason, which is sent to the supplier"})
    response.state = ModerationState.PUBLISHED if publish else ModerationState.REJECTED
    response.moderation_reason = reason.strip()
    response.moderated_by, response.moderated_at = actor, timezone.now()
    response.save()
    audit_record(
        actor=actor,
        action="feedback.response_published" if publish else "feedback.response_rejected",
        subject=response.feedback,
        data={"reason": reason},
    )
    transaction.on_commit(lambda: _notify_response_moderated(response))
    return response


@transaction.atomic
def dispute_raise(*, actor: Any, version: FeedbackVersion, reason: str) -> Dispute:
    _require_supplier_of(actor, version.feedback)
    if version.state != ModerationState.PUBLISHED:
        raise ValidationError("You can only dispute published feedback")
    if Dispute.objects.filter(version=version).exists():
        raise ValidationError("You have already disputed this feedback")
    if not reason.strip():
        raise ValidationError({"reason": "Say what is factually inaccurate"})
    dispute = Dispute.objects.create(version=version, raised_by=actor, reason=reason.strip())
    audit_record(
        actor=actor,
        action="feedback.disputed",
        subject=version.feedback,
        data={"version": version.number},
    )
    return dispute


@transaction.atomic
def dispute_decide(*, actor: Any, dispute: Dispute, upheld: bool, decision: str) -> Dispute:
    """Upheld disputes stay visible with the decision and leave the averages."""
    _require_moderator(actor)
    if dispute.outcome != DisputeOutcome.OPEN:
        raise ValidationError("This dispute has already been decided")
    if not decision.strip():
        raise ValidationError({"decision": "Explain the decision, which is shown publicly"})
    dispute.outcome = DisputeOutcome.UPHELD if upheld else DisputeOutcome.NOT_UPHELD
    dispute.decision = decision.strip()
    dispute.decided_by, dispute.decided_at = actor, timezone.now()
    dispute.save()
    audit_record(
        actor=actor,
        action="feedback.dispute_decided",
        subject=dispute.version.feedback,
        data={"outcome": dispute.outcome},
    )
    return dispute


# What each person hears, through marketplace.core.notifications. Every message
# links to the page where its reader can see what happened and act on it.


def _supplier_addresses(supplier: Any) -> list[str]:
    return [supplier.contact_email, *supplier.users.values_list("email", flat=True)]


def _notify_feedback_published(version: FeedbackVersion) -> None:
    feedback = version.feedback
    supplier = feedback.supplier
    notification_send(
        to=_supplier_addresses(supplier),
        subject=f"New feedback about {supplier} on the {settings.SERVICE_NAME}",
        template="feedback/emails/published_to_supplier.txt",
        context={
            "supplier": supplier,
            "version": version,
            "about_you_url": absolute_reverse("feedback:about-you"),
        },
    )
    notification_send(
        to=[feedback.author.email],
        subject=f"Your feedback on {supplier} is published",
        template="feedback/emails/published_to_author.txt",
        context={
            "version": version,
            "public_url": _public_url(feedback),
            "yours_url": absolute_reverse("feedback:yours"),
        },
    )


def _public_url(feedback: Feedback) -> str:
    page = absolute_reverse("feedback:supplier", kwargs={"slug": feedback.supplier.slug})
    return f"{page}#feedback-{feedback.pk}"


def _notify_feedback_rejected(version: FeedbackVersion) -> None:
    notification_send(
        to=[version.feedback.author.email],
        subject=f"Your feedback on {version.feedback.supplier} was not published",
        template="feedback/emails/rejected_to_author.txt",
        context={
            "version": version,
            "update_url": absolute_reverse("feedback:update", kwargs={"pk": version.feedback_id}),
            "guidelines_url": absolute_url(path=GUIDELINES_PATH),
        },
    )


def _notify_response_moderated(response: SupplierResponse) -> None:
    feedback = response.feedback
    published = response.state == ModerationState.PUBLISHED
    notification_send(
        to=[response.author.email],
        subject=(
            f"Your response to feedback on {feedback.supplier} is published"
            if published
            else f"Your response to feedback on {feedback.supplier} was not published"
        ),
        template=(
            "feedback/emails/response_published_to_supplier.txt"
            if published
            else "feedback/emails/response_rejected_to_supplier.txt"
        ),
        context={
            "response": response,
            "about_you_url": absolute_reverse("feedback:about-you"),
            "guidelines_url": absolute_url(path=GUIDELINES_PATH),
        },
    )
    if published:
        notification_send(
            to=[feedback.author.email],
            subject=f"{feedback.supplier} responded to your feedback",
            template="feedback/emails/response_published_to_author.txt",
            context={"response": response, "public_url": _public_url(feedback)},
        )

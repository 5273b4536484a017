"""Writes about questions: a buyer asks, a supplier answers. Each is audited and
e-mailed to the other side (and a copy of a question to the buyer who asked).

The e-mails to a supplier name the buyer's organisation only: the buyer's name
and address stay with the site, so every answer comes back through it.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from listings.models import Listing
from marketplace.accounts.models import User
from marketplace.core.notifications import absolute_reverse, notification_send
from marketplace.core.services import audit_record
from suppliers.models import SupplierOrganisation

from .models import Answer, Question
from .selectors import questions_asked_since


class QuestionLimitReached(Exception):
    """The buyer has asked as many questions as a day allows."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(
            f"You have asked {limit} questions in the last 24 hours, the most you can ask "
            "in a day. Try again tomorrow. Your question has not been sent."
        )


def questions_daily_limit() -> int:
    return settings.QUESTIONS_PER_BUYER_PER_DAY


def supplier_question_recipients(*, supplier: SupplierOrganisation) -> list[str]:
    """Where a supplier is told of a question: the contact e-mail address it publishes
    for buyers or, when it publishes none, every active user of the organisation."""
    if supplier.published_contact_email:
        return [supplier.published_contact_email]
    return list(supplier.users.filter(is_active=True).values_list("email", flat=True))


def _context(question: Question) -> dict[str, Any]:
    return {
        "question": question,
        "service_name_asked": question.listing_version.name,
        "supplier_name": question.supplier.display_name,
        "buyer_organisation_name": question.buyer_organisation.name,
        "buyer_url": absolute_reverse("questions:detail", kwargs={"pk": question.pk}),
        "supplier_url": absolute_reverse("supplier_questions:detail", kwargs={"pk": question.pk}),
    }


def _question_notify(question: Question) -> None:
    context = _context(question)
    notification_send(
        to=supplier_question_recipients(supplier=question.supplier),
        subject=f"A buyer has asked about {context['service_name_asked']}",
        template="questions/emails/question_to_supplier.txt",
        context=context,
    )
    notification_send(
        to=[question.asked_by.email],
        subject=f"Your question to {context['supplier_name']}",
        template="questions/emails/question_copy_to_buyer.txt",
        context=context,
    )


@transaction.atomic
def question_ask(*, actor: User, listing: Listing, text: str) -> Question:
    """Send a buyer's question about a published listing to its supplier.

    At most QUESTIONS_PER_BUYER_PER_DAY questions from one person in 24 hours, so
    the site cannot be used to flood a small supplier's inbox.
    """
    if not (actor.is_authenticated and actor.is_buyer):
        raise PermissionDenied
    if listing.live_version_id is None:
        raise PermissionDenied  # only a published service can be asked about
    # Lock the asker's row so two questions sent at once cannot both slip under the limit.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    limit = questions_daily_limit()
    since = timezone.now() - timedelta(days=1)
    if questions_asked_since(user=actor, since=since) >= limit:
        raise QuestionLimitReached(limit)
    question = Question.objects.create(
        listing=listing,
        listing_version_id=listing.live_version_id,
        supplier_id=listing.supplier_id,
        buyer_organisation_id=actor.buyer_organisation_id,
        asked_by=actor,
        text=text.strip(),
    )
    audit_record(
        actor=actor,
        action="question.asked",
        subject=question,
        data={"listing": listing.pk, "supplier": listing.supplier_id},
    )
    transaction.on_commit(lambda: _question_notify(question))
    return question


@transaction.atomic
def question_answer(*, actor: User, question: Question, text: str) -> Answer:
    """A supplier user answers a question put to their own organisation."""
    if not (
        actor.is_authenticated
        and actor.is_supplier_user
        and actor.supplier_organisation_id == question.supplier_id
    ):
        raise PermissionDenied
    answer = Answer.objects.create(question=question, text=text.strip(), answered_by=actor)
    audit_record(
        actor=actor,
        action="question.answered",
        subject=question,
        data={"answer": answer.pk},
    )
    context = {**_context(question), "answer": answer}
    transaction.on_commit(
        lambda: notification_send(
            to=[question.asked_by.email],
            subject=f"{context['supplier_name']} has answered your question",
            template="questions/emails/answer_to_buyer.txt",
            context=context,
        )
    )
    return answer

"""Asking and answering: who is told, what is kept, the daily limit, and the audit."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from marketplace.core.models import AuditEvent
from marketplace.core.notifications import absolute_reverse
from questions import services
from questions.models import Answer, Question
from suppliers.models import SupplierOrganisation
from tests.factories import BuyerFactory, SupplierUserFactory

pytestmark = pytest.mark.django_db


def test_a_question_reaches_the_published_contact_and_a_copy_the_buyer(
    committed, mailoutbox, buyer, listing
):
    SupplierOrganisation.objects.filter(pk=listing.supplier_id).update(publish_contact_email=True)
    listing.supplier.refresh_from_db()

    question = committed(
        services.question_ask, actor=buyer, listing=listing, text="  Does it back up e-mail?  "
    )

    assert (question.text, question.buyer_organisation, question.supplier) == (
        "Does it back up e-mail?",
        buyer.buyer_organisation,
        listing.supplier,
    )
    assert question.listing_version_id == listing.live_version_id
    to_supplier, to_buyer = mailoutbox
    assert to_supplier.to == ["bids@acme.example.co.uk"]
    assert "A buyer at Hilltop School has asked Acme Ltd a question" in to_supplier.body
    assert (
        absolute_reverse("supplier_questions:detail", kwargs={"pk": question.pk})
        in to_supplier.body
    )
    # The supplier learns the organisation, never who asked or how to reach them.
    assert "ann.buyer" not in to_supplier.body
    assert "Ann Buyer" not in to_supplier.body
    assert to_supplier.reply_to == []
    assert to_buyer.to == ["ann.buyer@school.example.gov.uk"]
    assert "Does it back up e-mail?" in to_buyer.body
    event = AuditEvent.objects.get(action="question.asked")
    assert (event.actor, event.subject_id) == (buyer, str(question.pk))


def test_without_a_published_e_mail_the_suppliers_users_are_told(
    committed, mailoutbox, buyer, listing, supplier_user
):
    teammate = SupplierUserFactory(supplier_organisation=listing.supplier)
    SupplierUserFactory(supplier_organisation=listing.supplier, is_active=False)

    committed(services.question_ask, actor=buyer, listing=listing, text="Is there a trial?")

    assert sorted(mailoutbox[0].to) == sorted([supplier_user.email, teammate.email])


def test_a_buyer_may_ask_only_so_many_questions_a_day(settings, buyer, listing):
    settings.QUESTIONS_PER_BUYER_PER_DAY = 2
    for number in range(2):
        services.question_ask(actor=buyer, listing=listing, text=f"Question {number}")

    with pytest.raises(services.QuestionLimitReached) as refused:
        services.question_ask(actor=buyer, listing=listing, text="One too many")

    assert "You have asked 2 questions in the last 24 hours" in str(refused.value)
    assert Question.objects.count() == 2
    # A day later, the buyer may ask again; a colleague was never limited.
    Question.objects.update(asked_at=timezone.now() - timedelta(days=1, minutes=1))
    services.question_ask(actor=buyer, listing=listing, text="The next day")
    colleague = BuyerFactory(buyer_organisation=buyer.buyer_organisation)
    services.question_ask(actor=colleague, listing=listing, text="From a colleague")
    assert Question.objects.count() == 4


def test_only_a_buyer_may_ask(listing, supplier_user):
    with pytest.raises(PermissionDenied):
        services.question_ask(actor=supplier_user, listing=listing, text="Can I ask myself?")
    assert not Question.objects.exists()


def test_an_answer_is_kept_audited_and_e_mailed_to_the_buyer(
    committed, mailoutbox, buyer, listing, supplier_user
):
    question = services.question_ask(actor=buyer, listing=listing, text="Is there a trial?")

    answer = committed(
        services.question_answer, actor=supplier_user, question=question, text="Yes, 30 days."
    )

    assert list(question.answers.all()) == [answer]
    (to_buyer,) = mailoutbox
    assert to_buyer.to == ["ann.buyer@school.example.gov.uk"]
    assert to_buyer.subject == "Acme Ltd has answered your question"
    assert "Yes, 30 days." in to_buyer.body
    assert absolute_reverse("questions:detail", kwargs={"pk": question.pk}) in to_buyer.body
    event = AuditEvent.objects.get(action="question.answered")
    assert (event.actor, event.data) == (supplier_user, {"answer": answer.pk})


def test_another_supplier_cannot_answer(buyer, listing):
    question = services.question_ask(actor=buyer, listing=listing, text="Is there a trial?")
    stranger = SupplierUserFactory()

    with pytest.raises(PermissionDenied):
        services.question_answer(actor=stranger, question=question, text="We are not them")
    assert not Answer.objects.exists()

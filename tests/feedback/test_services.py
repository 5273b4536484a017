"""Who may write feedback, each moderation step and who may take it, replies and disputes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from feedback import services
from feedback.models import DisputeOutcome, ModerationState
from marketplace.core.models import AuditEvent
from tests.factories import BuyerFactory, SupplierUserFactory, listing_make

from .conftest import award_make, content, declared_make

pytestmark = pytest.mark.django_db


def test_a_buyer_with_an_award_writes_feedback_that_waits_for_moderation(relationship):
    buyer, supplier_user, award = relationship
    feedback = services.feedback_create(actor=buyer, content=content(), award=award)
    version = feedback.versions.get()
    assert version.state == ModerationState.PENDING
    assert feedback.supplier == supplier_user.supplier_organisation
    assert feedback.listing == award.awarded_entry.listing


def test_one_feedback_per_relationship(relationship):
    buyer, _supplier_user, award = relationship
    services.feedback_create(actor=buyer, content=content(), award=award)
    colleague = BuyerFactory(buyer_organisation=buyer.buyer_organisation)
    with pytest.raises(ValidationError, match="already left feedback on this contract"):
        services.feedback_create(actor=colleague, content=content(), award=award)


def test_people_without_the_relationship_cannot_write(relationship):
    _buyer, supplier_user, award = relationship
    with pytest.raises(PermissionDenied):
        services.feedback_create(actor=BuyerFactory(), content=content(), award=award)
    with pytest.raises(PermissionDenied):  # supplier users can never write feedback
        services.feedback_create(actor=supplier_user, content=content(), award=award)
    unverified = BuyerFactory(email_verified_at=None)
    with pytest.raises(PermissionDenied):
        services.feedback_create(actor=unverified, content=content(), award=award)


def test_declared_contracts_are_relationships_too(relationship):
    buyer, supplier_user, _award = relationship
    contract = declared_make(buyer=buyer, supplier_user=supplier_user)
    feedback = services.feedback_create(actor=buyer, content=content(), declared_contract=contract)
    assert feedback.is_declared
    with pytest.raises(ValidationError, match="already declared a contract with this reference"):
        services.declared_contract_create(
            actor=buyer,
            supplier=supplier_user.supplier_organisation,
            reference="LCC-2025-114",
            value_band="10k-100k",
            start_date=date(2025, 6, 1),
        )
    with pytest.raises(PermissionDenied):
        services.declared_contract_create(
            actor=supplier_user,
            supplier=supplier_user.supplier_organisation,
            reference="X",
            value_band="under-10k",
            start_date=date(2025, 6, 1),
        )


def test_content_rules_have_clear_messages(relationship):
    buyer, _supplier_user, award = relationship
    with pytest.raises(ValidationError) as excinfo:
        services.feedback_create(
            actor=buyer,
            content=content(overall=None, quality=9, went_well="", could_be_better=" "),
            award=award,
        )
    assert excinfo.value.message_dict == {
        "overall": ["Select an overall rating"],
        "quality": ["Select a rating from the list"],
        "went_well": ["Tell other buyers what went well or what could be better"],
    }


def test_a_daily_rate_limit(relationship):
    buyer, _supplier_user, _award = relationship
    feedback = services.feedback_create(actor=buyer, content=content(), award=_award)
    for _ in range(services.DAILY_LIMIT - 1):
        services.feedback_update(actor=buyer, feedback=feedback, content=content())
    with pytest.raises(ValidationError, match="Try again tomorrow"):
        services.feedback_update(actor=buyer, feedback=feedback, content=content())


def test_updates_are_new_versions_and_history_is_kept(published, moderator):
    author = published.author
    update = services.feedback_update(
        actor=author, feedback=published, content=content(overall=2, went_well="It went worse.")
    )
    assert update.number == 2
    services.feedback_publish(actor=moderator, version=update)
    assert list(published.versions.values_list("number", "state")) == [
        (2, "published"),
        (1, "published"),
    ]
    with pytest.raises(PermissionDenied):  # only the author adds updates
        services.feedback_update(
            actor=BuyerFactory(buyer_organisation=author.buyer_organisation),
            feedback=published,
            content=content(),
        )


def test_moderation_transitions_and_who_may_make_them(
    relationship, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    buyer, supplier_user, award = relationship
    feedback = services.feedback_create(actor=buyer, content=content(), award=award)
    version = feedback.versions.get()
    for outsider in (buyer, supplier_user, BuyerFactory()):
        with pytest.raises(PermissionDenied):
            services.feedback_publish(actor=outsider, version=version)
        with pytest.raises(PermissionDenied):
            services.feedback_reject(actor=outsider, version=version, reason="No")
    with pytest.raises(ValidationError):
        services.feedback_reject(actor=moderator, version=version, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_reject(
            actor=moderator, version=version, reason="It names a member of staff."
        )
    assert version.state == ModerationState.REJECTED
    assert mailoutbox[-1].to == [buyer.email]
    assert "It names a member of staff." in mailoutbox[-1].body
    with pytest.raises(ValidationError, match="already been moderated"):
        services.feedback_publish(actor=moderator, version=version)

    again = services.feedback_update(actor=buyer, feedback=feedback, content=content())
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_publish(
            actor=moderator,
            version=again,
            could_be_better_public="Invoices arrived [redacted].",
        )
    again.refresh_from_db()
    assert again.state == ModerationState.PUBLISHED and again.redacted
    assert again.could_be_better == "Invoices arrived late."  # the author's words are kept
    assert supplier_user.email in mailoutbox[-1].to  # the supplier hears about it

    with pytest.raises(PermissionDenied):
        services.feedback_withdraw(actor=supplier_user, version=again)
    services.feedback_withdraw(actor=buyer, version=again)
    again.refresh_from_db()
    assert again.state == ModerationState.WITHDRAWN
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {
        "feedback.submitted",
        "feedback.rejected",
        "feedback.updated",
        "feedback.published",
        "feedback.withdrawn",
    }


def test_reply_flow(published, moderator):
    supplier_user = published.supplier.users.get()
    with pytest.raises(PermissionDenied):
        services.response_create(actor=SupplierUserFactory(), feedback=published, text="Hi")
    with pytest.raises(PermissionDenied):
        services.response_create(actor=published.author, feedback=published, text="Hi")
    response = services.response_create(
        actor=supplier_user, feedback=published, text="Thank you. We have fixed invoicing."
    )
    with pytest.raises(ValidationError, match="already responded"):
        services.response_create(actor=supplier_user, feedback=published, text="Again")
    with pytest.raises(PermissionDenied):
        services.response_moderate(actor=supplier_user, response=response, publish=True)
    services.response_moderate(actor=moderator, response=response, publish=True)
    assert response.state == ModerationState.PUBLISHED


def test_dispute_flow(published, moderator):
    supplier_user = published.supplier.users.get()
    version = published.versions.get()
    with pytest.raises(PermissionDenied):
        services.dispute_raise(actor=SupplierUserFactory(), version=version, reason="Wrong")
    dispute = services.dispute_raise(
        actor=supplier_user, version=version, reason="We delivered on time; see ticket 42."
    )
    with pytest.raises(ValidationError, match="already disputed"):
        services.dispute_raise(actor=supplier_user, version=version, reason="Again")
    with pytest.raises(ValidationError):
        services.dispute_decide(actor=moderator, dispute=dispute, upheld=True, decision="")
    with pytest.raises(PermissionDenied):
        services.dispute_decide(actor=supplier_user, dispute=dispute, upheld=True, decision="x")
    services.dispute_decide(
        actor=moderator, dispute=dispute, upheld=False, decision="The buyer's records agree."
    )
    assert dispute.outcome == DisputeOutcome.NOT_UPHELD
    version.refresh_from_db()
    assert version.state == ModerationState.PUBLISHED  # nothing silently removed


def test_a_second_award_allows_a_second_feedback(relationship):
    buyer, supplier_user, award = relationship
    services.feedback_create(actor=buyer, content=content(), award=award)
    another = award_make(
        buyer=buyer,
        listing=listing_make(
            supplier_user=supplier_user, publish=True, name="School payroll service"
        ),
    )
    assert services.feedback_create(actor=buyer, content=content(), award=another)

"""Who may write feedback, each moderation step and who may take it, replies and disputes."""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback import services
from feedback.models import (
    DeclaredContract,
    DisputeOutcome,
    Feedback,
    ModerationState,
    RedactionReason,
)
from feedback.selectors import relationships_open_for_feedback
from marketplace.core.models import AuditEvent
from tests.factories import BuyerFactory, SupplierUserFactory, listing_make

from .conftest import award_make, content, declared_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(relationship):
    """A version waiting for a moderator: (version, its author, the supplier's user)."""
    buyer, supplier_user, award = relationship
    feedback = services.feedback_create(actor=buyer, content=content(), award=award)
    return feedback.versions.get(), buyer, supplier_user


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
            redaction_reason="commercial",
        )
    again.refresh_from_db()
    assert again.state == ModerationState.PUBLISHED and again.redacted
    assert again.could_be_better == "Invoices arrived late."  # the author's words are kept
    assert supplier_user.email in mailoutbox[-2].to  # the supplier hears about it

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
    second = services.feedback_create(actor=buyer, content=content(overall=2), award=another)

    assert Feedback.objects.filter(buyer_organisation=buyer.buyer_organisation).count() == 2
    assert (second.award, second.listing) == (another, another.awarded_entry.listing)
    assert str(second.listing) == "School payroll service"
    assert second.versions.get().state == ModerationState.PENDING
    assert second.versions.get().overall == 2


# Plausible dates and contracts that have started ----------------------------------


def _declare(buyer, supplier_user, **dates):
    return services.declared_contract_create(
        actor=buyer,
        supplier=supplier_user.supplier_organisation,
        reference="PO-9",
        value_band="under-10k",
        **dates,
    )


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        ({"start_date": date(1234, 1, 1)}, "start_date", "The start date must be between"),
        ({"start_date": date(2099, 1, 1)}, "start_date", "The start date must be between"),
        (
            {"start_date": date(2025, 6, 1), "end_date": date(1999, 12, 31)},
            "end_date",
            "The end date must be between",
        ),
        (
            {"start_date": date(2025, 6, 1), "end_date": date(2025, 5, 31)},
            "end_date",
            "The end date must be the same as or after the start date",
        ),
    ],
)
def test_implausible_contract_dates_are_refused_and_nothing_is_recorded(
    relationship, dates, field, message
):
    buyer, supplier_user, _award = relationship

    with pytest.raises(ValidationError) as refused:
        _declare(buyer, supplier_user, **dates)

    assert refused.value.message_dict[field][0].startswith(message)
    assert not DeclaredContract.objects.exists()


def test_feedback_waits_until_a_declared_contract_starts(relationship):
    buyer, supplier_user, _award = relationship
    starts = timezone.localdate() + timedelta(days=40)
    contract = _declare(buyer, supplier_user, start_date=starts)

    with pytest.raises(ValidationError) as refused:
        services.feedback_create(actor=buyer, content=content(), declared_contract=contract)

    assert refused.value.messages == [
        f"You can leave feedback on this contract from {starts:%-d %B %Y}, when it starts"
    ]
    assert not Feedback.objects.exists()
    open_now = relationships_open_for_feedback(
        user=buyer, supplier_id=supplier_user.supplier_organisation_id
    )
    assert open_now["declared"] == []
    assert open_now["not_started"] == [contract]


def test_feedback_waits_until_an_award_starts(relationship):
    buyer, _supplier_user, award = relationship
    award.start_date = timezone.localdate() + timedelta(days=1)
    award.save()

    with pytest.raises(ValidationError, match="when it starts"):
        services.feedback_create(actor=buyer, content=content(), award=award)

    assert not Feedback.objects.exists()


def test_a_contract_that_starts_today_is_open_for_feedback(relationship):
    buyer, supplier_user, _award = relationship
    contract = _declare(buyer, supplier_user, start_date=timezone.localdate())

    feedback = services.feedback_create(actor=buyer, content=content(), declared_contract=contract)

    assert feedback.declared_contract == contract


# Redaction reasons ---------------------------------------------------------------------


def test_a_redaction_needs_a_reason_and_the_reason_is_kept(relationship, moderator):
    buyer, _supplier_user, award = relationship
    version = services.feedback_create(actor=buyer, content=content(), award=award).versions.get()

    with pytest.raises(ValidationError, match="Select why you replaced words"):
        services.feedback_publish(
            actor=moderator, version=version, could_be_better_public="Invoices [redacted]."
        )
    version.refresh_from_db()
    assert version.state == ModerationState.PENDING

    services.feedback_publish(
        actor=moderator,
        version=version,
        could_be_better_public="Invoices [redacted].",
        redaction_reason=RedactionReason.PERSONAL_DATA,
    )
    version.refresh_from_db()
    assert (version.redacted, version.redaction_reason) == (True, "personal-data")


def test_a_reason_without_a_redaction_is_not_recorded(relationship, moderator):
    buyer, _supplier_user, award = relationship
    version = services.feedback_create(actor=buyer, content=content(), award=award).versions.get()

    services.feedback_publish(actor=moderator, version=version, redaction_reason="commercial")

    version.refresh_from_db()
    assert (version.redacted, version.redaction_reason) == (False, "")


# Who is told what happened ----------------------------------------------------------


def _links(message) -> list[str]:
    """The paths of the links in a message, each checked to be an absolute address here."""
    found = re.findall(r"https?://\S+", message.body)
    assert found, message.body
    assert all(link.startswith(settings.WAGTAILADMIN_BASE_URL) for link in found)
    return [link.removeprefix(settings.WAGTAILADMIN_BASE_URL) for link in found]


def _page_for(user, path: str) -> str:
    """The page a link opens for the person it was sent to; it must answer 200."""
    client = Client()
    client.force_login(user)
    page = client.get(path.split("#")[0])
    assert page.status_code == 200, path
    return page.content.decode()


def test_publishing_tells_the_supplier_and_the_author_with_working_links(
    waiting, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    version, buyer, supplier_user = waiting
    supplier = supplier_user.supplier_organisation

    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_publish(actor=moderator, version=version)

    to_supplier, to_author = mailoutbox
    assert to_supplier.to == sorted({supplier.contact_email, supplier_user.email} - {""})
    assert (
        to_supplier.subject == f"New feedback about {supplier} on the Open Procurement Marketplace"
    )
    assert "Overall rating: Very good" in to_supplier.body
    (about_you,) = _links(to_supplier)
    assert about_you == reverse("feedback:about-you")  # not the old /supplier/feedback/ 404
    assert "Restores were quick" in _page_for(supplier_user, about_you)

    assert to_author.to == [buyer.email]
    assert to_author.subject == f"Your feedback on {supplier} is published"
    public, yours = _links(to_author)
    assert public == (
        f"{reverse('feedback:supplier', args=[supplier.slug])}#feedback-{version.feedback_id}"
    )
    assert f'id="feedback-{version.feedback_id}"' in _page_for(buyer, public)
    assert yours == reverse("feedback:yours")
    assert "Withdraw" in _page_for(buyer, yours)


def test_a_rejection_tells_the_author_why_and_how_to_send_it_again(
    waiting, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    version, buyer, _supplier_user = waiting

    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_reject(actor=moderator, version=version, reason="It names a person.")

    (message,) = mailoutbox
    assert message.to == [buyer.email]
    assert message.subject.endswith("was not published")
    assert "It names a person." in message.body
    update, guidelines = _links(message)
    assert update == reverse("feedback:update", args=[version.feedback_id])
    assert "Restores were quick" in _page_for(buyer, update)  # the form starts from it
    assert guidelines == services.GUIDELINES_PATH
    assert "Community guidelines for feedback" in _page_for(buyer, guidelines)


def test_a_published_response_tells_the_supplier_and_the_buyer(
    published, relationship, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    buyer, supplier_user, _award = relationship
    response = services.response_create(
        actor=supplier_user, feedback=published, text="We now send invoices weekly."
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.response_moderate(actor=moderator, response=response, publish=True)

    to_supplier, to_buyer = mailoutbox
    supplier = supplier_user.supplier_organisation
    assert to_supplier.to == [supplier_user.email]
    assert to_supplier.subject == f"Your response to feedback on {supplier} is published"
    (about_you,) = _links(to_supplier)
    assert "Your response is published." in _page_for(supplier_user, about_you)

    assert to_buyer.to == [buyer.email]
    assert to_buyer.subject == f"{supplier} responded to your feedback"
    (public,) = _links(to_buyer)
    assert "We now send invoices weekly." in _page_for(buyer, public)


def test_a_rejected_response_tells_the_supplier_only(
    published, relationship, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    _buyer, supplier_user, _award = relationship
    response = services.response_create(actor=supplier_user, feedback=published, text="Rubbish.")

    with django_capture_on_commit_callbacks(execute=True):
        services.response_moderate(
            actor=moderator, response=response, publish=False, reason="It is not about the work."
        )

    (message,) = mailoutbox
    assert message.to == [supplier_user.email]
    assert message.subject.endswith("was not published")
    assert "It is not about the work." in message.body
    guidelines, about_you = _links(message)
    assert "Community guidelines for feedback" in _page_for(supplier_user, guidelines)
    assert "It is not about the work." in _page_for(supplier_user, about_you)

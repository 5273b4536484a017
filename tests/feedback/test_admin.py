"""Feedback moderation in the Wagtail admin: the queues, each action through its
audited service, reasons required without a 500, the verified identity for
moderators, and nobody else getting in."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from feedback import services
from feedback.admin_forms import is_redaction_of
from feedback.models import DisputeOutcome, ModerationState, RedactionReason
from marketplace.accounts.roles import CCS_ADMINS_GROUP
from marketplace.core.models import AuditEvent
from tests.factories import BuyerFactory, SupplierUserFactory, UserFactory

from .conftest import award_make, content, declared_make

pytestmark = pytest.mark.django_db

QUEUE = reverse("feedback_moderation:queue")


def version_url(version) -> str:
    return reverse("feedback_moderation:version", args=[version.pk])


@pytest.fixture
def pending(relationship):
    buyer, _supplier_user, award = relationship
    # A second award, so the fixtures below can also publish feedback on the first.
    second = award_make(buyer=buyer, listing=award.awarded_entry.listing)
    feedback = services.feedback_create(
        actor=buyer,
        content=content(went_well="Call Sam on 07700 900123. The fixed price of £9,000 helped."),
        award=second,
    )
    return feedback.versions.get()


@pytest.fixture
def response(published, relationship):
    _buyer, supplier_user, _award = relationship
    return services.response_create(
        actor=supplier_user, feedback=published, text="Thank you. We now send invoices weekly."
    )


@pytest.fixture
def dispute(published, relationship):
    _buyer, supplier_user, _award = relationship
    return services.dispute_raise(
        actor=supplier_user,
        version=published.versions.get(),
        reason="We were never late: the buyer moved the deadline.",
    )


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_moderators_see_the_three_queues_with_counts_and_the_menu_item(
    moderator_client, pending, response, dispute
):
    response_page = moderator_client.get(QUEUE)
    html = response_page.content.decode()

    assert response_page.status_code == 200
    assert "1 feedback version waiting" in html
    assert "1 supplier response waiting" in html
    assert "1 open dispute" in html
    assert version_url(pending) in html
    assert reverse("feedback_moderation:response", args=[response.pk]) in html
    assert reverse("feedback_moderation:dispute", args=[dispute.pk]) in html
    assert "Feedback moderation" in moderator_client.get("/admin/").content.decode()


def test_a_ccs_admin_moderates_too(client, pending):
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    client.force_login(admin)

    page = client.get(version_url(pending))
    html = page.content.decode()

    assert page.status_code == 200
    assert pending.feedback.author.email in html  # the verified identity behind it
    assert "The fixed price of £9,000 helped.</textarea>" in html  # the publish form
    assert '<button type="submit" class="button">Publish</button>' in html
    assert '<button type="submit" class="button serious">Reject</button>' in html


def test_the_moderation_page_shows_the_verified_identity_and_marks_personal_data(
    moderator_client, pending
):
    feedback = pending.feedback
    feedback.display_mode = "pseudonym"
    feedback.save()

    html = moderator_client.get(version_url(pending)).content.decode()

    assert feedback.author.get_full_name() in html
    assert feedback.author.email in html
    assert "Leeds City Council" in html
    assert "Contract awarded through this service" in html
    assert "Backup 2027" in html  # the project of the saved search
    assert "A council" in html  # the public display name
    assert '<mark title="personal data: phone">07700 900123</mark>' in html
    assert '<mark title="personal data: name">Sam</mark>' in html
    assert "Marked for a second look: personal data: name, personal data: phone" in html
    assert "Very good: better than the contract asked" in html
    assert "Not applicable" in html
    # The publish form is prefilled with the author's words.
    assert "The fixed price of £9,000 helped.</textarea>" in html


def test_publishing_as_it_is(moderator_client, pending):
    response = moderator_client.post(
        version_url(pending),
        {
            "action": "publish",
            "went_well_public": pending.went_well.replace("\n", "\r\n"),
            "could_be_better_public": pending.could_be_better,
        },
    )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == ModerationState.PUBLISHED
    assert not pending.redacted
    assert events("feedback.published") == 1


def test_publishing_with_a_redaction_keeps_the_authors_words(moderator_client, pending):
    redacted = "Call Sam on [redacted]. The fixed price of [redacted] helped."

    response = moderator_client.post(
        version_url(pending),
        {
            "action": "publish",
            "went_well_public": redacted,
            "could_be_better_public": pending.could_be_better,
            "redaction_reason": "both",
        },
    )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.redacted) == (ModerationState.PUBLISHED, True)
    assert pending.went_well_public == redacted
    assert pending.redaction_reason == RedactionReason.BOTH
    assert "07700 900123" in pending.went_well
    event = AuditEvent.objects.get(action="feedback.published")
    assert (event.data["redacted"], event.data["redaction_reason"]) == (True, "both")
    public = Client().get(reverse("feedback:supplier", args=[pending.feedback.supplier.slug]))
    assert (
        "Some details were redacted by a moderator because they were personal data "
        "or commercially confidential." in public.content.decode()
    )


def test_a_redaction_needs_its_reason(moderator_client, pending):
    redacted = "Call [redacted] on [redacted]. The fixed price of £9,000 helped."

    response = moderator_client.post(
        version_url(pending),
        {
            "action": "publish",
            "went_well_public": redacted,
            "could_be_better_public": pending.could_be_better,
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Select why you replaced words with [redacted]" in html
    assert f"{redacted}</textarea>" in html  # the moderator's redaction is kept
    pending.refresh_from_db()
    assert (pending.state, pending.redacted) == (ModerationState.PENDING, False)
    assert events("feedback.published") == 0


def test_the_reason_is_asked_with_the_choices_the_public_notice_names(moderator_client, pending):
    html = moderator_client.get(version_url(pending)).content.decode()

    assert "If you redacted words, why?" in html
    assert "Personal data, such as a person&#x27;s name or phone number" in html
    assert "Commercially confidential details" in html


def test_a_redaction_cannot_rewrite_the_authors_words(moderator_client, pending):
    response = moderator_client.post(
        version_url(pending),
        {
            "action": "publish",
            "went_well_public": "Everything was wonderful.",
            "could_be_better_public": pending.could_be_better,
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Only replace words with [redacted]" in html
    assert "Everything was wonderful.</textarea>" in html  # what the moderator typed is kept
    pending.refresh_from_db()
    assert pending.state == ModerationState.PENDING


@pytest.mark.parametrize(
    ("edited", "allowed"),
    [
        ("a b c", True),
        ("a [redacted] c", True),
        ("[redacted] c", True),
        ("a [redacted]", True),
        ("[redacted]", True),
        ("a c", False),
        ("a b", False),
        ("a [redacted] d", False),
        ("x [redacted] c", False),
    ],
)
def test_what_counts_as_a_redaction(edited, allowed):
    assert is_redaction_of(original="a b c", edited=edited) is allowed


def test_rejecting_needs_a_reason_which_is_e_mailed_to_the_author(
    moderator_client, pending, django_capture_on_commit_callbacks
):
    missing = moderator_client.post(version_url(pending), {"action": "reject", "reason": " "})

    assert missing.status_code == 400
    assert "Enter the reason for rejecting the feedback" in missing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = moderator_client.post(
            version_url(pending),
            {"action": "reject", "reason": "It names a member of staff."},
        )

    assert done.status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.moderation_reason) == (
        ModerationState.REJECTED,
        "It names a member of staff.",
    )
    assert events("feedback.rejected") == 1
    (message,) = mail.outbox
    assert message.to == [pending.feedback.author.email]
    assert "It names a member of staff." in message.body
    assert "/feedback-guidelines/" in message.body


def test_a_service_refusal_is_an_error_message_not_a_500(moderator_client, pending, moderator):
    services.feedback_reject(actor=moderator, version=pending, reason="Personal data")
    # The page no longer offers actions, but a stale form can still be posted.
    response = moderator_client.post(
        version_url(pending), {"action": "reject", "reason": "Again"}, follow=False
    )

    assert response.status_code == 400
    assert "This has already been moderated" in response.content.decode()
    assert events("feedback.rejected") == 1


def test_an_unknown_action_is_a_bad_request(moderator_client, pending):
    assert moderator_client.post(version_url(pending), {"action": "delete"}).status_code == 400


def test_earlier_versions_are_shown(moderator_client, published, relationship):
    buyer, _supplier_user, _award = relationship
    update = services.feedback_update(
        actor=buyer, feedback=published, content=content(went_well="At contract end: all good.")
    )

    html = moderator_client.get(version_url(update)).content.decode()

    assert "Other versions of this feedback" in html
    assert "Restores were quick" in html  # version 1


def test_responses_are_published_or_rejected_with_a_reason(
    moderator_client, response, django_capture_on_commit_callbacks
):
    url = reverse("feedback_moderation:response", args=[response.pk])
    page = moderator_client.get(url).content.decode()
    assert "We now send invoices weekly." in page
    assert "Restores were quick" in page  # the feedback it answers

    missing = moderator_client.post(url, {"action": "reject", "reason": ""})
    assert missing.status_code == 400
    assert "Enter the reason for rejecting the response" in missing.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(url, {"action": "reject", "reason": "It names the buyer's staff."})
    response.refresh_from_db()
    assert response.state == ModerationState.REJECTED
    assert events("feedback.response_rejected") == 1
    (message,) = mail.outbox
    assert message.to == [response.author.email]
    assert "It names the buyer's staff." in message.body


def test_publishing_a_response(moderator_client, response):
    url = reverse("feedback_moderation:response", args=[response.pk])

    assert moderator_client.post(url, {"action": "publish"}).status_code == 302
    response.refresh_from_db()
    assert response.state == ModerationState.PUBLISHED
    assert events("feedback.response_published") == 1


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [("upheld", DisputeOutcome.UPHELD), ("not-upheld", DisputeOutcome.NOT_UPHELD)],
)
def test_disputes_are_decided_with_a_public_decision(moderator_client, dispute, outcome, expected):
    url = reverse("feedback_moderation:dispute", args=[dispute.pk])
    page = moderator_client.get(url).content.decode()
    assert "the buyer moved the deadline" in page
    assert "Leeds City Council" in page  # moderators always see the verified identity

    missing = moderator_client.post(url, {"action": "decide", "outcome": outcome})
    assert missing.status_code == 400
    assert "Explain the decision, which is shown publicly" in missing.content.decode()

    done = moderator_client.post(
        url, {"action": "decide", "outcome": outcome, "decision": "We checked the contract."}
    )

    assert done.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.outcome, dispute.decision) == (expected, "We checked the contract.")
    assert AuditEvent.objects.get(action="feedback.dispute_decided").data == {"outcome": expected}


def all_urls(pending, response, dispute) -> list[str]:
    return [
        QUEUE,
        version_url(pending),
        reverse("feedback_moderation:response", args=[response.pk]),
        reverse("feedback_moderation:dispute", args=[dispute.pk]),
    ]


@pytest.mark.parametrize(
    "make_user",
    [SupplierUserFactory, BuyerFactory, None],
    ids=["supplier user", "buyer", "anonymous"],
)
def test_nobody_else_reaches_any_moderation_url(client, pending, response, dispute, make_user):
    if make_user is not None:
        client.force_login(make_user())
    for url in all_urls(pending, response, dispute):
        page = client.get(url)
        assert page.status_code == 302 and "/admin/login/" in page.url, url
        post = client.post(url, {"action": "publish"})
        assert post.status_code == 302, url
    pending.refresh_from_db()
    response.refresh_from_db()
    assert pending.state == response.state == ModerationState.PENDING


def test_admin_users_without_the_moderation_permission_are_turned_away(
    client, pending, response, dispute
):
    from django.contrib.auth.models import Permission

    staff = UserFactory()
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)

    for url in all_urls(pending, response, dispute):
        page = client.get(url)
        assert page.status_code == 302 and page.url == "/admin/", url
    assert client.post(version_url(pending), {"action": "publish"}).status_code == 302
    pending.refresh_from_db()
    assert pending.state == ModerationState.PENDING
    assert "Feedback moderation" not in client.get("/admin/").content.decode()


def test_declared_contracts_show_their_reference(moderator_client, relationship):
    buyer, supplier_user, _award = relationship
    contract = declared_make(buyer=buyer, supplier_user=supplier_user)
    feedback = services.feedback_create(actor=buyer, content=content(), declared_contract=contract)

    html = moderator_client.get(version_url(feedback.versions.get())).content.decode()

    assert "Contract declared by the buyer" in html
    assert "LCC-2025-114" in html
    assert "£10,000 to £100,000" in html

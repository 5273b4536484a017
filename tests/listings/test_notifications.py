"""The supplier hears about CCS's decisions (listings.notifications, sent by the services):
who gets the e-mail, what it says, and that its links open the listing."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError

from listings import services
from tests.factories import CcsReviewerFactory, SupplierUserFactory, listing_make

pytestmark = pytest.mark.django_db

LINK = re.compile(r"^https?://\S+$", re.M)


@pytest.fixture
def team():
    """A supplier with a public contact address, two active users and one who left."""
    owner = SupplierUserFactory(email="owner@backup.example.co.uk")
    supplier = owner.supplier_organisation
    supplier.contact_email = "sales@backup.example.co.uk"
    supplier.save()
    SupplierUserFactory(email="colleague@backup.example.co.uk", supplier_organisation=supplier)
    SupplierUserFactory(
        email="left@backup.example.co.uk", supplier_organisation=supplier, is_active=False
    )
    SupplierUserFactory(email="someone@other.example.co.uk")  # another supplier
    return owner


def links(message) -> list[str]:
    return LINK.findall(message.body)


def assert_links_open(client, message, *, as_user, expected: int) -> list[str]:
    found = links(message)
    assert len(found) == expected
    client.force_login(as_user)
    for link in found:
        assert link.startswith(settings.WAGTAILADMIN_BASE_URL + "/")
        assert client.get(urlsplit(link).path).status_code == 200, link
    return found


def submitted(owner, **kwargs):
    listing = listing_make(supplier_user=owner, **kwargs)
    services.listing_submit(actor=owner, listing=listing)
    return listing


def test_approval_tells_the_whole_team_and_links_to_both_pages(
    client, team, django_capture_on_commit_callbacks
):
    listing = submitted(team)

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_approve(actor=CcsReviewerFactory(), listing=listing)

    [message] = mail.outbox
    assert message.to == [
        "colleague@backup.example.co.uk",
        "owner@backup.example.co.uk",
        "sales@backup.example.co.uk",
    ]
    assert message.subject == "Your listing 'Cloud backup for schools' is approved"
    approved = "CCS has approved version 1 of your listing 'Cloud backup for schools'"
    assert approved in message.body
    assert "Buyers can now find the listing and see it here:" in message.body
    public_link, supplier_link = assert_links_open(client, message, as_user=team, expected=2)
    assert urlsplit(supplier_link).path == f"/supplier/listings/{listing.pk}/"
    assert urlsplit(public_link).path == f"/services/{listing.pk}/"


def test_rejection_gives_the_reviewers_reason_and_what_to_do(
    client, team, django_capture_on_commit_callbacks
):
    listing = submitted(team)

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_reject(
            actor=CcsReviewerFactory(),
            listing=listing,
            reason="Say which UK data centres you use.",
        )

    [message] = mail.outbox
    assert len(message.to) == 3
    assert message.subject == (
        "Your listing 'Cloud backup for schools' needs changes before it can be approved"
    )
    assert "CCS gave this reason:\nSay which UK data centres you use.\n" in message.body
    assert "change the listing so it answers the reason, then submit it" in message.body
    [supplier_link] = assert_links_open(client, message, as_user=team, expected=1)
    assert urlsplit(supplier_link).path == f"/supplier/listings/{listing.pk}/"


def test_a_rejected_change_to_a_published_listing_says_buyers_still_see_the_old_one(
    client, team, django_capture_on_commit_callbacks
):
    listing = listing_make(supplier_user=team, publish=True)
    services.listing_draft_save(actor=team, listing=listing, content={"name": "Renamed"})
    services.listing_submit(actor=team, listing=listing)

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_reject(actor=CcsReviewerFactory(), listing=listing, reason="No.")

    [message] = mail.outbox
    assert "CCS has not approved version 2 of your listing 'Renamed'" in message.body
    assert "Buyers still see the version of your listing CCS approved before:" in message.body
    assert_links_open(client, message, as_user=team, expected=2)


def test_suspension_gives_the_reason_and_no_public_link(
    client, team, django_capture_on_commit_callbacks
):
    listing = listing_make(supplier_user=team, publish=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_suspend(
            actor=CcsReviewerFactory(), listing=listing, reason="A buyer reported a safety problem."
        )

    [message] = mail.outbox
    assert message.subject == "Your listing 'Cloud backup for schools' is suspended"
    assert "Buyers cannot see or buy the service until CCS reinstates the listing." in (
        message.body
    )
    assert "CCS gave this reason:\nA buyer reported a safety problem.\n" in message.body
    [supplier_link] = assert_links_open(client, message, as_user=team, expected=1)
    assert urlsplit(supplier_link).path == f"/supplier/listings/{listing.pk}/"


def test_nothing_is_sent_when_the_decision_is_refused(team, django_capture_on_commit_callbacks):
    listing = submitted(team)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="Enter the reason"),
    ):
        services.listing_reject(actor=CcsReviewerFactory(), listing=listing, reason=" ")

    assert mail.outbox == []


def test_approving_a_change_to_a_suspended_listing_says_buyers_still_cannot_see_it(
    client, team, django_capture_on_commit_callbacks
):
    listing = listing_make(supplier_user=team, publish=True)
    services.listing_suspend(actor=CcsReviewerFactory(), listing=listing, reason="Complaint")
    services.listing_draft_save(actor=team, listing=listing, content={"name": "Renamed"})
    services.listing_submit(actor=team, listing=listing)

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_approve(actor=CcsReviewerFactory(), listing=listing)

    [message] = mail.outbox
    assert "CCS has approved version 2 of your listing 'Renamed'" in message.body
    assert "Your listing is suspended, so buyers cannot see it until CCS reinstates it." in (
        message.body
    )
    assert_links_open(client, message, as_user=team, expected=1)

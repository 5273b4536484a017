"""CCS reviewers work the listing queue in the Wagtail admin: they read what was
submitted and act only through the audited workflow. Nobody else gets in, and
nothing there adds, edits or deletes a listing."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from listings import services
from listings.models import Listing
from listings.vocabulary import ListingStatus, VersionState
from marketplace.accounts.roles import CCS_REVIEWERS_GROUP
from marketplace.core.models import AuditEvent
from tests.factories import (
    BuyerFactory,
    LotFactory,
    SupplierUserFactory,
    UserFactory,
    listing_make,
)
from tests.wagtail_admin import ccs_client_fixture, member_of, messages_of, refused  # noqa: F401

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"listings_admin:{name}", args=args)


@pytest.fixture
def supplier_user():
    return SupplierUserFactory(supplier_organisation__name="Acorn Backup Ltd")


@pytest.fixture
def submitted(supplier_user) -> Listing:
    listing = listing_make(supplier_user=supplier_user)
    services.listing_submit(actor=supplier_user, listing=listing)
    return listing


@pytest.fixture
def published(supplier_user) -> Listing:
    return listing_make(supplier_user=supplier_user, publish=True, name="Cloud backup for colleges")


def status_of(listing: Listing) -> str:
    listing.refresh_from_db()
    return listing.status


def audited(action: str, listing: Listing) -> AuditEvent:
    return AuditEvent.objects.get(action=action, subject_id=str(listing.pk))


def test_the_menu_offers_the_queue_to_reviewers(ccs_client):
    dashboard = ccs_client.get(reverse("wagtailadmin_home"))

    assert "Listings to review" in dashboard.text
    assert url("queue") in dashboard.text


def test_the_queue_shows_each_submission_with_its_flags(ccs_client, supplier_user, published):
    changed = listing_make(supplier_user=supplier_user, publish=True, name="Mail archiving")
    services.listing_draft_save(
        actor=supplier_user, listing=changed, content={"name": "Mail archiving for schools"}
    )
    services.listing_submit(actor=supplier_user, listing=changed)
    copy = listing_make(supplier_user=supplier_user, name="Cloud backup for colleges")
    services.listing_submit(actor=supplier_user, listing=copy)
    listing_make(supplier_user=supplier_user, name="Still a draft")

    response = ccs_client.get(url("queue"))

    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert [listing.pk for listing in rows] == [changed.pk, copy.pk]  # oldest submission first
    text = response.text
    assert "Acorn Backup Ltd" in text
    assert "Mail archiving for schools" in text
    assert changed.lot.framework.name in text
    assert "Change" in text and "New" in text
    assert "Possible duplicate" in text
    assert "Still a draft" not in text
    assert url("review", copy.pk) in text


def test_the_review_page_shows_the_submission_in_full(ccs_client, submitted):
    version = submitted.latest_version
    category = version.categories.get()

    response = ccs_client.get(url("review", submitted.pk))

    assert response.status_code == 200
    for text in (
        version.name,
        version.summary,
        "Nightly automatic backup",
        "Recover lost coursework in minutes",
        category.name,
        "OpenAPI",
        "£1.50 per user",
        "Price per unit",
        "None uploaded",
        "Approve and publish",
        "Reject",
    ):
        assert text in response.text, text
    assert "What changed" not in response.text
    assert "Suspend" not in response.text


def test_a_change_shows_what_changed_against_the_live_version(ccs_client, supplier_user, published):
    services.listing_draft_save(
        actor=supplier_user,
        listing=published,
        content={"summary": "Backup for further education colleges.", "free_trial": True},
    )
    services.listing_submit(actor=supplier_user, listing=published)

    response = ccs_client.get(url("review", published.pk))

    changes = {
        change.label: (change.before, change.after) for change in response.context["changes"]
    }
    assert changes == {
        "Summary": (
            "Automatic nightly backup of school files and e-mail, kept in the UK.",
            "Backup for further education colleges.",
        ),
        "Free trial available": ("No", "Yes"),
    }
    assert "What changed" in response.text
    assert "Buyers see version 1 until you approve this one" in response.text
    history = [(version.number, version.state) for version in response.context["versions"]]
    assert history == [(2, VersionState.SUBMITTED), (1, VersionState.APPROVED)]


def test_approve_publishes_and_is_audited(ccs_client, submitted):
    response = ccs_client.post(url("approve", submitted.pk))

    assert response.status_code == 302
    assert response.url == url("queue")
    assert status_of(submitted) == ListingStatus.PUBLISHED
    assert audited("listing.approved", submitted).actor is not None
    queue = ccs_client.get(response.url)
    assert "approved and published" in " ".join(messages_of(queue))


def test_reject_needs_a_reason_and_keeps_the_listing_waiting(ccs_client, submitted):
    response = ccs_client.post(url("reject", submitted.pk), {"reject-reason": "  "})

    assert response.status_code == 400
    assert "Enter the reason for rejecting the listing" in messages_of(response)
    assert status_of(submitted) == ListingStatus.SUBMITTED
    assert not AuditEvent.objects.filter(action="listing.rejected").exists()


def test_reject_with_a_reason_is_shown_to_the_supplier_and_audited(ccs_client, submitted):
    reason = "Say which regions you deliver in."

    response = ccs_client.post(url("reject", submitted.pk), {"reject-reason": reason})

    assert response.status_code == 302
    assert status_of(submitted) == ListingStatus.REJECTED
    assert submitted.latest_version.review_reason == reason
    assert audited("listing.rejected", submitted).data["reason"] == reason


def test_suspend_needs_a_reason_and_keeps_what_was_typed_elsewhere(ccs_client, published):
    response = ccs_client.post(url("suspend", published.pk), {"suspend-reason": ""})

    assert response.status_code == 400
    assert "Enter the reason for suspending the listing" in messages_of(response)
    assert status_of(published) == ListingStatus.PUBLISHED


def test_suspend_reinstate_and_withdraw_a_published_listing(ccs_client, published):
    reason = "Complaint under investigation."

    response = ccs_client.post(url("suspend", published.pk), {"suspend-reason": reason})
    assert response.status_code == 302
    assert response.url == url("review", published.pk)
    assert status_of(published) == ListingStatus.SUSPENDED
    assert published.status_reason == reason
    assert audited("listing.suspended", published).data["reason"] == reason
    page = ccs_client.get(url("review", published.pk))
    assert "Reinstate" in page.text and "Suspend</button>" not in page.text

    assert ccs_client.post(url("reinstate", published.pk)).status_code == 302
    assert status_of(published) == ListingStatus.PUBLISHED
    assert audited("listing.reinstated", published)

    response = ccs_client.post(url("withdraw", published.pk), {"withdraw-reason": "Duplicate."})
    assert response.status_code == 302
    assert status_of(published) == ListingStatus.WITHDRAWN
    assert audited("listing.withdrawn", published).data["reason"] == "Duplicate."
    assert Listing.objects.filter(pk=published.pk).exists()


def test_a_step_the_status_does_not_allow_is_an_error_message_not_a_500(ccs_client, submitted):
    response = ccs_client.post(url("reinstate", submitted.pk))

    assert response.status_code == 400
    assert "Only a suspended listing can be reinstated" in messages_of(response)


def test_approving_a_near_duplicate_of_a_published_listing_is_refused(
    ccs_client, supplier_user, published
):
    copy = listing_make(
        supplier_user=supplier_user, lot=LotFactory(), name=published.live_version.name
    )
    services.listing_submit(actor=supplier_user, listing=copy)

    review = ccs_client.get(url("review", copy.pk))
    assert "100% the same" in review.text
    assert url("review", published.pk) in review.text

    response = ccs_client.post(url("approve", copy.pk))

    assert response.status_code == 400
    [message] = messages_of(response)
    assert "100% the same as the supplier's published listing" in message
    assert "Reject it and ask the supplier to combine the two" in message
    assert status_of(copy) == ListingStatus.SUBMITTED
    assert not AuditEvent.objects.filter(
        action="listing.approved", subject_id=str(copy.pk)
    ).exists()


def test_the_all_listings_index_filters_by_status_framework_and_supplier(ccs_client, published):
    other = listing_make(name="Payroll for academies")

    everything = ccs_client.get(url("index"))
    assert everything.status_code == 200
    assert {row.pk for row in everything.context["object_list"]} == {published.pk, other.pk}
    assert url("review", published.pk) in everything.text

    for query in (
        {"status": "published"},
        {"framework": published.lot.framework_id},
        {"supplier": published.supplier_id},
    ):
        response = ccs_client.get(url("index"), query)
        assert [row.pk for row in response.context["object_list"]] == [published.pk], query


def test_the_all_listings_index_is_paged_fifty_at_a_time(ccs_client, supplier_user):
    lot = LotFactory()
    for number in range(51):
        listing_make(supplier_user=supplier_user, lot=lot, name=f"Service {number:02d}")

    first = ccs_client.get(url("index"))
    assert len(first.context["object_list"]) == 50
    assert "?p=2" in first.text

    second = ccs_client.get(url("index"), {"p": 2})
    assert len(second.context["object_list"]) == 1


def test_actions_are_post_only_and_need_the_csrf_token(submitted):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_of(CCS_REVIEWERS_GROUP))

    assert client.get(url("approve", submitted.pk)).status_code == 405
    assert client.post(url("approve", submitted.pk)).status_code == 403
    assert status_of(submitted) == ListingStatus.SUBMITTED


def admin_only_user():
    """Admin access alone is not enough: reviewing needs listings.review_listing."""
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.mark.parametrize("who", ["anonymous", "buyer", "owning supplier", "admin access only"])
def test_people_outside_ccs_cannot_reach_the_listing_admin(client, submitted, supplier_user, who):
    users = {
        "buyer": BuyerFactory,
        "owning supplier": lambda: supplier_user,
        "admin access only": admin_only_user,
    }
    if who in users:
        client.force_login(users[who]())

    for page in (url("queue"), url("index"), url("review", submitted.pk)):
        assert refused(client.get(page)), page
    for action in ("approve", "reject", "withdraw"):
        assert refused(client.post(url(action, submitted.pk), {f"{action}-reason": "x"})), action
    assert status_of(submitted) == ListingStatus.SUBMITTED


@pytest.mark.parametrize("view", ["add", "edit", "delete", "inspect", "copy"])
def test_the_listing_admin_has_no_add_edit_or_delete(view):
    with pytest.raises(NoReverseMatch):
        reverse(f"listings_admin:{view}", args=[] if view == "add" else [1])


def test_no_delete_button_or_bulk_delete_even_for_a_superuser(client, published):
    client.force_login(UserFactory(is_superuser=True))

    for page in (url("queue"), url("index"), url("review", published.pk)):
        response = client.get(page)
        assert response.status_code == 200
        assert "/delete/" not in response.text
    assert client.post(f"/admin/listings/{published.pk}/delete/").status_code == 404
    bulk_url = reverse("wagtail_bulk_action", args=["listings", "listing", "delete"])
    client.post(f"{bulk_url}?id={published.pk}")

    assert Listing.objects.filter(pk=published.pk).exists()

"""Two people in one organisation change the same listing: the second is told, and
nothing the first saved is lost (listings.supplier_views.edit with the services)."""

import re
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from listings import services
from listings.models import Listing, ListingVersion
from marketplace.core.models import AuditEvent
from tests.factories import LotFactory, SupplierUserFactory, listing_make
from tests.listings.test_forms import PDF, answers

pytestmark = pytest.mark.django_db

REVISION = re.compile(r'<input type="hidden" name="revision" value="(\d+)"')


@pytest.fixture
def lot():
    return LotFactory()


@pytest.fixture
def colleagues():
    """Two users of the same supplier, each signed in in their own browser."""
    first = SupplierUserFactory()
    second = SupplierUserFactory(supplier_organisation=first.supplier_organisation)
    clients = []
    for user in (first, second):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return first, clients


def edit_url(listing: Listing) -> str:
    return reverse("supplier_listings:edit", kwargs={"pk": listing.pk})


def revision_in(response) -> str:
    return REVISION.search(response.content.decode()).group(1)


def draft_saves(listing: Listing) -> int:
    return AuditEvent.objects.filter(
        subject_id=str(listing.pk), action="listing.draft_saved"
    ).count()


def test_the_second_of_two_editors_is_told_and_keeps_their_answers(colleagues, lot):
    owner, (alice, bob) = colleagues
    listing = listing_make(supplier_user=owner, lot=lot)
    alice_form = alice.get(edit_url(listing))
    bob_form = bob.get(edit_url(listing))

    alice_saved = alice.post(
        edit_url(listing),
        {**answers(lot, name="Backup for academies"), "revision": revision_in(alice_form)},
    )
    ListingVersion.objects.filter(listing=listing).update(
        updated_at=datetime(2026, 3, 4, 14, 5, tzinfo=UTC)
    )
    bob_saved = bob.post(
        edit_url(listing),
        {
            **answers(
                lot, name="Backup for trusts", summary="The summary as the second editor wrote it."
            ),
            "revision": revision_in(bob_form),
        },
    )

    assert alice_saved.status_code == 302
    assert bob_saved.status_code == 409
    page = bob_saved.content.decode()
    latest = listing.latest_version
    assert "There is a problem" in page
    assert (
        "Someone else in your organisation changed this listing at 2:05pm on 4 March 2026, "
        "after you opened this page. Your changes have not been saved yet"
    ) in page
    assert "What to do now" in page
    assert 'value="Backup for trusts"' in page
    assert ">The summary as the second editor wrote it.</textarea>" in page
    assert "Choose your documents again" not in page
    assert latest.name == "Backup for academies"
    assert draft_saves(listing) == 1
    # Saving again is now a choice made knowing about Alice's change.
    assert revision_in(bob_saved) == str(latest.revision)


def test_saving_again_after_the_warning_replaces_the_other_change(colleagues, lot):
    owner, (alice, bob) = colleagues
    listing = listing_make(supplier_user=owner, lot=lot)
    stale = revision_in(bob.get(edit_url(listing)))
    alice.post(edit_url(listing), {**answers(lot, name="Backup for academies"), "revision": stale})
    warned = bob.post(
        edit_url(listing), {**answers(lot, name="Backup for trusts"), "revision": stale}
    )

    again = bob.post(
        edit_url(listing),
        {**answers(lot, name="Backup for trusts"), "revision": revision_in(warned)},
    )

    assert again.status_code == 302
    assert listing.latest_version.name == "Backup for trusts"
    assert draft_saves(listing) == 2


def test_editing_a_published_listing_twice_at_once_makes_one_new_draft(colleagues, lot):
    owner, (alice, bob) = colleagues
    listing = listing_make(supplier_user=owner, lot=lot, publish=True)
    stale = revision_in(alice.get(edit_url(listing)))

    alice.post(edit_url(listing), {**answers(lot, name="Backup for academies"), "revision": stale})
    bob_saved = bob.post(
        edit_url(listing), {**answers(lot, name="Backup for trusts"), "revision": stale}
    )

    assert bob_saved.status_code == 409
    assert [version.name for version in listing.versions.order_by("number")] == [
        "Cloud backup for schools",
        "Backup for academies",
    ]


def test_files_chosen_before_a_conflict_must_be_chosen_again(colleagues, lot):
    owner, (alice, bob) = colleagues
    listing = listing_make(supplier_user=owner, lot=lot)
    stale = revision_in(bob.get(edit_url(listing)))
    alice.post(edit_url(listing), {**answers(lot, name="Backup for academies"), "revision": stale})

    bob_saved = bob.post(
        edit_url(listing),
        {**answers(lot), "revision": stale, "terms": SimpleUploadedFile("terms.pdf", PDF)},
    )

    assert bob_saved.status_code == 409
    assert "Choose your documents again. Files you chose were not kept." in (
        bob_saved.content.decode()
    )
    assert not listing.latest_version.terms


def test_a_form_without_its_revision_is_refused_and_keeps_the_answers(colleagues, lot):
    owner, (alice, _bob) = colleagues
    listing = listing_make(supplier_user=owner, lot=lot)

    response = alice.post(edit_url(listing), answers(lot, name="Backup for academies"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "This page is out of date. Go back to the listing and change it again" in page
    assert 'value="Backup for academies"' in page
    assert listing.latest_version.name == "Cloud backup for schools"
    assert draft_saves(listing) == 0


def test_a_save_by_a_script_in_between_is_a_conflict_too(colleagues, lot):
    owner, (alice, _bob) = colleagues
    listing = listing_make(supplier_user=owner, lot=lot)
    stale = revision_in(alice.get(edit_url(listing)))
    services.listing_draft_save(actor=owner, listing=listing, content={"name": "Imported name"})

    response = alice.post(edit_url(listing), {**answers(lot), "revision": stale})

    assert response.status_code == 409
    assert listing.latest_version.name == "Imported name"

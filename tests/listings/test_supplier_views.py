"""The supplier's listing pages: the journey, who may use them, and bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from listings import services
from listings.models import Listing, ListingVersion
from listings.vocabulary import ListingStatus, VersionState
from marketplace.core.models import AuditEvent, Region
from tests.factories import (
    BuyerFactory,
    CcsReviewerFactory,
    FrameworkFactory,
    LotFactory,
    SupplierUserFactory,
    listing_make,
)
from tests.listings.test_forms import PDF, answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def supplier_user():
    return SupplierUserFactory()


@pytest.fixture
def lot():
    return LotFactory()


@pytest.fixture
def signed_in(client, supplier_user):
    client.force_login(supplier_user)
    return client


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name: str, **kwargs) -> str:
    return reverse(f"supplier_listings:{name}", kwargs=kwargs)


def audit_actions(listing: Listing) -> list[str]:
    return list(
        AuditEvent.objects.filter(subject_id=str(listing.pk), action__startswith="listing.")
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


def test_create_edit_and_submit_a_listing_through_the_pages(signed_in, lot):
    chosen = signed_in.post(url("create"), {"lot": lot.pk})
    assert chosen.status_code == 302
    assert chosen.url == url("create-details", lot_id=lot.pk)

    created = signed_in.post(
        chosen.url,
        {**answers(lot), "terms": SimpleUploadedFile("terms.pdf", PDF)},
    )
    listing = Listing.objects.get()
    assert created.status_code == 302
    assert created.url == url("detail", pk=listing.pk)
    assert listing.latest_version.terms.name.endswith(".pdf")

    edit_page = signed_in.get(url("edit", pk=listing.pk))
    assert edit_page.status_code == 200
    assert "Your current file is" in edit_page.content.decode()

    edited = signed_in.post(
        url("edit", pk=listing.pk), {**answers(lot, name="Cloud backup for MATs"), "revision": 1}
    )
    assert edited.status_code == 302
    version = listing.latest_version
    assert (version.number, version.name) == (1, "Cloud backup for MATs")
    assert version.terms.name.endswith(".pdf"), "an edit without a new file keeps the old one"

    submitted = signed_in.post(url("submit", pk=listing.pk))
    assert submitted.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED
    assert audit_actions(listing) == ["listing.created", "listing.draft_saved", "listing.submitted"]

    page = signed_in.get(url("detail", pk=listing.pk)).content.decode()
    assert "Submitted for review" in page
    assert "Submit for review</button>" not in page


def test_the_index_shows_only_the_organisations_listings_with_their_status(
    signed_in, supplier_user, lot
):
    listing_make(supplier_user=supplier_user, lot=lot, name="Cloud backup for schools")
    published = listing_make(supplier_user=supplier_user, lot=lot, name="Payroll", publish=True)
    services.listing_draft_save(
        actor=supplier_user, listing=published, content={"summary": "Payroll for schools."}
    )
    services.listing_submit(actor=supplier_user, listing=published)
    listing_make(name="Someone else's service")

    response = signed_in.get(url("index"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Cloud backup for schools" in page
    assert "Published \N{EN DASH} changes waiting for review" in page
    assert "Someone else" not in page
    assert f'href="{url("create")}"' in page


def test_a_new_listing_starts_with_the_regions_the_supplier_serves(signed_in, supplier_user, lot):
    supplier_user.supplier_organisation.regions_served.set(["TLC"])

    page = signed_in.get(url("create-details", lot_id=lot.pk)).content.decode()

    assert 'value="TLC" checked' in page
    assert 'value="TLD" checked' not in page
    assert Region.objects.count() == 12


def test_only_lots_of_live_frameworks_can_be_listed_on(signed_in):
    expired = LotFactory(framework=FrameworkFactory(status="expired"))
    planned = LotFactory(framework=FrameworkFactory(planned=True))

    assert signed_in.get(url("create-details", lot_id=expired.pk)).status_code == 404
    assert signed_in.get(url("create-details", lot_id=planned.pk)).status_code == 404
    refused = signed_in.post(url("create"), {"lot": expired.pk})
    assert refused.status_code == 400
    assert (
        f"{expired.framework.name} has expired, so it no longer accepts new listings"
        in refused.content.decode()
    )


def test_an_invalid_listing_is_refused_with_every_message_and_answer_kept(signed_in, lot):
    bad = answers(
        lot,
        name="CRM, HR, payroll, finance",
        summary="Cloud backup that your school's staff restore themselves",
        features="Backup\nbackup",
        buy_online="yes",
        unit_price="",
    )

    response = signed_in.post(url("create-details", lot_id=lot.pk), bad)

    page = response.content.decode()
    assert response.status_code == 400
    assert Listing.objects.count() == 0
    assert page.count("Service name must not be a list of keywords.") == 2  # summary and field
    assert page.count("Feature 2 is the same as feature 1") == 2
    assert page.count("Enter the unit price buyers pay when they buy online") == 2
    assert 'href="#id_name"' in page
    assert "Cloud backup that your school&#39;s staff restore themselves" in page
    assert 'value="CRM, HR, payroll, finance"' in page
    assert 'value="TLC" checked' in page
    assert "<title>Error:" in page


def test_editing_a_published_listing_makes_a_new_draft_and_keeps_the_public_version(
    signed_in, supplier_user, lot
):
    listing = listing_make(supplier_user=supplier_user, lot=lot, publish=True)
    live = listing.live_version

    response = signed_in.post(
        url("edit", pk=listing.pk),
        {**answers(lot, name="Backup for trusts"), "revision": live.revision},
    )

    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.live_version == live
    assert listing.live_version.name == "Cloud backup for schools"
    assert listing.status == ListingStatus.PUBLISHED
    draft = listing.latest_version
    assert (draft.number, draft.state, draft.name) == (2, VersionState.DRAFT, "Backup for trusts")
    page = signed_in.get(url("detail", pk=listing.pk)).content.decode()
    assert "Published \N{EN DASH} changes not yet submitted" in page
    assert "Buyers see the published version" in page
    assert f'href="/services/{listing.pk}/"' in page


def test_a_rejected_version_shows_the_reviewers_reason(signed_in, supplier_user, lot):
    listing = listing_make(supplier_user=supplier_user, lot=lot)
    services.listing_submit(actor=supplier_user, listing=listing)
    services.listing_reject(
        actor=CcsReviewerFactory(), listing=listing, reason="Say which data centres you use"
    )

    page = signed_in.get(url("detail", pk=listing.pk)).content.decode()

    assert "Rejected \N{EN DASH} see the reason" in page
    assert "Say which data centres you use" in page
    assert "Changes needed" in page


def test_near_duplicates_are_flagged_on_the_listing(signed_in, supplier_user, lot):
    listing_make(supplier_user=supplier_user, lot=lot, publish=True)
    twin = listing_make(supplier_user=supplier_user, lot=lot)
    services.listing_submit(actor=supplier_user, listing=twin)

    page = signed_in.get(url("detail", pk=twin.pk)).content.decode()

    assert "100% the same as your listing &#39;Cloud backup for schools&#39;" in page


def test_a_listing_under_review_cannot_be_changed_or_submitted_again(signed_in, supplier_user, lot):
    listing = listing_make(supplier_user=supplier_user, lot=lot)
    services.listing_submit(actor=supplier_user, listing=listing)

    edit = signed_in.get(url("edit", pk=listing.pk))
    again = signed_in.post(url("submit", pk=listing.pk))

    assert edit.status_code == 400
    assert "CCS is reviewing this listing" in edit.content.decode()
    assert again.status_code == 400
    assert "There are no changes to submit" in again.content.decode()
    assert listing.versions.count() == 1


def test_withdrawing_keeps_the_listing_and_its_history(signed_in, supplier_user, lot):
    listing = listing_make(supplier_user=supplier_user, lot=lot, publish=True)

    confirm = signed_in.get(url("withdraw", pk=listing.pk))
    done = signed_in.post(url("withdraw", pk=listing.pk), {"reason": "We no longer offer it"})

    assert confirm.status_code == 200
    assert "Are you sure you want to withdraw this listing?" in confirm.content.decode()
    assert done.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.WITHDRAWN
    assert listing.status_reason == "We no longer offer it"
    assert ListingVersion.objects.filter(listing=listing).count() == 1
    assert audit_actions(listing)[-1] == "listing.withdrawn"
    assert signed_in.post(url("withdraw", pk=listing.pk)).status_code == 400
    assert signed_in.get(url("edit", pk=listing.pk)).status_code == 400
    assert signed_in.post(url("submit", pk=listing.pk)).status_code == 400
    assert "Withdrawn" in signed_in.get(url("index")).content.decode()


def test_a_too_long_withdrawal_reason_is_refused_and_kept(signed_in, supplier_user, lot):
    listing = listing_make(supplier_user=supplier_user, lot=lot)

    response = signed_in.post(url("withdraw", pk=listing.pk), {"reason": "x" * 1001})

    assert response.status_code == 400
    assert "The reason must be 1000 characters or fewer" in response.content.decode()
    listing.refresh_from_db()
    assert listing.status == ListingStatus.DRAFT


def _pages(listing: Listing, lot) -> list[tuple[str, str]]:
    return [
        ("get", url("index")),
        ("get", url("create")),
        ("post", url("create")),
        ("get", url("create-details", lot_id=lot.pk)),
        ("post", url("create-details", lot_id=lot.pk)),
        ("get", url("detail", pk=listing.pk)),
        ("get", url("edit", pk=listing.pk)),
        ("post", url("edit", pk=listing.pk)),
        ("post", url("submit", pk=listing.pk)),
        ("get", url("withdraw", pk=listing.pk)),
        ("post", url("withdraw", pk=listing.pk)),
    ]


def test_another_suppliers_listing_is_not_found(signed_in, lot):
    theirs = listing_make(lot=lot)

    for method, address in _pages(theirs, lot)[5:]:
        response = getattr(signed_in, method)(address, answers(lot) if method == "post" else {})
        assert response.status_code == 404, address
    theirs.refresh_from_db()
    assert theirs.status == ListingStatus.DRAFT
    assert theirs.versions.get().name == "Cloud backup for schools"


def test_buyers_are_refused_every_page(client, lot):
    listing = listing_make(lot=lot)
    client.force_login(BuyerFactory())

    for method, address in _pages(listing, lot):
        assert getattr(client, method)(address).status_code == 403, address


def test_anonymous_visitors_are_sent_to_sign_in(client, lot):
    listing = listing_make(lot=lot)

    for method, address in _pages(listing, lot):
        response = getattr(client, method)(address)
        assert response.status_code == 302, address
        assert response.url.startswith(reverse("accounts:sign-in")), address

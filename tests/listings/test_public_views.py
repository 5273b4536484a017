"""The public listing page: only the approved, live version of a published listing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from listings import services
from tests.factories import CcsReviewerFactory, listing_make, supplier_showcase_make
from tests.public_pages import hidden_listings_make, text, unapproved_edit_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase():
    return supplier_showcase_make()


def test_a_published_listing_shows_everything_a_buyer_needs(client, showcase):
    listing = showcase["listings"][0]
    lot = showcase["lots"][0]

    response = client.get(listing.get_absolute_url())

    page = text(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Case management for housing teams</h1>' in html
    assert "Track housing repairs and complaints" in page  # summary
    assert "officers see every case on one screen" in page  # description
    assert "Online repair reporting" in page and "Fewer missed repair appointments" in page
    assert f'href="/suppliers/{showcase["supplier"].slug}/"' in html
    assert "Supplier: Acorn Digital SME VCSE" in page  # with its badges
    assert 'href="/frameworks/digital-outcomes-7/">Digital Outcomes 7</a>' in html
    assert f"Lot Lot {lot.number}: {lot.name}" in page
    assert lot.categories.first().name in page
    assert "Where the service is delivered North East, Yorkshire and The Humber" in page
    assert "OpenAPI" in page and "WCAG 2.2 (accessibility)" in page
    assert "GOV.UK Notify" in page
    assert "Price £1.50 per user" in page
    assert "Pricing model Price per unit" in page
    assert "Free trial No" in page and "Education pricing Yes" in page
    assert "Pay online by card Yes \N{EN DASH} £25 per user" in page
    assert f"Last approved {listing.live_version.reviewed_at:%-d %B %Y}" in page
    assert "Version 1" in page
    assert "Illustrative demo listing" not in page
    assert "has not published any documents" in page


def test_the_breadcrumbs_lead_to_the_supplier(client, showcase):
    listing = showcase["listings"][0]

    html = client.get(listing.get_absolute_url()).content.decode()

    supplier_url = reverse("suppliers:detail", args=[listing.supplier.slug])
    assert f'<a class="govuk-breadcrumbs__link" href="{supplier_url}">' in html


def test_the_whole_uk_documents_and_the_illustrative_notice(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    listing = listing_make(
        publish=True,
        service_definition=SimpleUploadedFile("definition.pdf", b"%PDF-1.4"),
        price="1250.00",
        price_unit="year",
        pricing_model="subscription",
    )
    listing.is_illustrative = True
    listing.save()

    response = client.get(listing.get_absolute_url())

    page = text(response)
    assert "Where the service is delivered The whole UK" in page
    assert "Price £1,250 per year" in page and "Pay online by card No" in page
    document = reverse(
        "listings:document",
        kwargs={"pk": listing.pk, "number": 1, "kind": "service-definition"},
    )
    assert f'href="{document}">Service definition' in response.content.decode()
    assert "Illustrative demo listing" in page


def test_a_newer_version_waiting_for_review_is_not_shown(client, showcase):
    listing = showcase["listings"][0]
    unapproved_edit_make(
        supplier_user=showcase["supplier_user"], listing=listing, name="Unapproved new name"
    )

    page = text(client.get(listing.get_absolute_url()))

    assert "Case management for housing teams" in page
    assert "Unapproved new name" not in page
    assert "Version 1" in page


def test_an_approved_edit_replaces_the_live_version(client, showcase):
    listing = showcase["listings"][0]
    unapproved_edit_make(
        supplier_user=showcase["supplier_user"], listing=listing, name="Case management v2"
    )
    services.listing_approve(actor=CcsReviewerFactory(), listing=listing)

    page = text(client.get(listing.get_absolute_url()))

    assert "Case management v2" in page and "Version 2" in page


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected"])
def test_a_listing_never_published_is_not_found(client, status):
    listing = listing_make(name="Secret draft service")
    if status != "draft":
        services.listing_submit(actor=listing.created_by, listing=listing)
    if status == "rejected":
        services.listing_reject(actor=CcsReviewerFactory(), listing=listing, reason="Too vague")

    response = client.get(listing.get_absolute_url())

    assert response.status_code == 404
    assert "Page not found" in text(response)
    assert "Secret draft service" not in text(response)


def test_a_listing_withdrawn_before_publication_is_not_found(client):
    listing = listing_make(name="Secret draft service")
    services.listing_withdraw(actor=listing.created_by, listing=listing)

    assert client.get(listing.get_absolute_url()).status_code == 404


def test_suspended_and_withdrawn_listings_say_so_without_their_text(client, showcase):
    hidden = hidden_listings_make(supplier_user=showcase["supplier_user"], lot=showcase["lots"][0])

    suspended = client.get(hidden["suspended"].get_absolute_url())
    withdrawn = client.get(hidden["withdrawn"].get_absolute_url())

    assert suspended.status_code == 404
    assert "This service is not available at the moment" in text(suspended)
    assert "Suspended payroll" not in text(suspended) and "Payroll" not in text(suspended)
    assert withdrawn.status_code == 410
    assert "This service is no longer available" in text(withdrawn)
    assert "printing" not in text(withdrawn).lower()
    assert f'href="/suppliers/{showcase["supplier"].slug}/"' in withdrawn.content.decode()


def test_an_unknown_listing_is_a_404(client):
    assert client.get("/services/999999/").status_code == 404
    assert client.get("/services/not-a-number/").status_code == 404

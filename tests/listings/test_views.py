"""A listing's documents (listings.views.listing_document): public only when the
version is the one buyers see, otherwise only for the supplier and CCS reviewers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve

from listings import services
from tests.factories import (
    BuyerFactory,
    CcsReviewerFactory,
    SupplierUserFactory,
    listing_make,
)

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 the service definition"


@pytest.fixture
def owner():
    return SupplierUserFactory()


def with_document(owner, *, publish: bool):
    return listing_make(
        supplier_user=owner,
        publish=publish,
        service_definition=SimpleUploadedFile("Service definition 2026.pdf", CONTENT),
    )


def document_url(listing, number: int = 1, kind: str = "service-definition") -> str:
    return reverse("listings:document", kwargs={"pk": listing.pk, "number": number, "kind": kind})


def as_role(client, role: str, owner):
    users = {
        "anonymous": None,
        "buyer": BuyerFactory,
        "another supplier": SupplierUserFactory,
        "reviewer": CcsReviewerFactory,
        "own supplier": lambda: SupplierUserFactory(
            supplier_organisation=owner.supplier_organisation
        ),
    }
    if users[role]:
        client.force_login(users[role]())
    return client


def assert_downloaded(response) -> None:
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ('attachment; filename="Service definition 2026.pdf"')


@pytest.mark.parametrize(
    "role", ["anonymous", "buyer", "another supplier", "own supplier", "reviewer"]
)
def test_a_published_listings_document_is_public(client, owner, role):
    listing = with_document(owner, publish=True)

    assert_downloaded(as_role(client, role, owner).get(document_url(listing)))


@pytest.mark.parametrize("role", ["own supplier", "reviewer"])
def test_a_drafts_document_is_for_the_supplier_and_reviewers(client, owner, role):
    listing = with_document(owner, publish=False)

    assert_downloaded(as_role(client, role, owner).get(document_url(listing)))


@pytest.mark.parametrize("role", ["anonymous", "buyer", "another supplier"])
def test_a_drafts_document_is_not_found_by_anyone_else(client, owner, role):
    listing = with_document(owner, publish=False)

    response = as_role(client, role, owner).get(document_url(listing))

    assert response.status_code == 404
    assert CONTENT not in response.content


@pytest.mark.parametrize("role", ["anonymous", "buyer", "another supplier"])
def test_only_the_live_version_of_a_published_listing_is_public(client, owner, role):
    listing = with_document(owner, publish=True)
    services.listing_draft_save(
        actor=owner,
        listing=listing,
        content={"terms": SimpleUploadedFile("Draft terms.pdf", b"%PDF-1.4 draft terms")},
    )
    services.listing_submit(actor=owner, listing=listing)
    client = as_role(client, role, owner)

    assert client.get(document_url(listing, number=2, kind="terms")).status_code == 404
    assert client.get(document_url(listing, number=2)).status_code == 404
    assert_downloaded(client.get(document_url(listing, number=1)))


@pytest.mark.parametrize("role", ["anonymous", "buyer", "another supplier"])
def test_a_suspended_listings_documents_are_not_public(client, owner, role):
    listing = with_document(owner, publish=True)
    services.listing_suspend(actor=CcsReviewerFactory(), listing=listing, reason="Complaint")

    assert as_role(client, role, owner).get(document_url(listing)).status_code == 404


def test_the_supplier_still_opens_a_suspended_listings_document(client, owner):
    listing = with_document(owner, publish=True)
    services.listing_suspend(actor=CcsReviewerFactory(), listing=listing, reason="Complaint")

    assert_downloaded(as_role(client, "own supplier", owner).get(document_url(listing)))


def test_a_document_that_was_not_uploaded_or_a_made_up_kind_is_not_found(client, owner):
    listing = with_document(owner, publish=True)

    assert client.get(document_url(listing, kind="terms")).status_code == 404
    assert client.get(document_url(listing, kind="secrets")).status_code == 404
    assert client.get(document_url(listing, number=9)).status_code == 404


def test_the_media_address_does_not_serve_listing_documents(settings, owner):
    """Even the development server's /media/ route finds nothing by the stored name."""
    listing = with_document(owner, publish=False)
    stored = listing.latest_version.service_definition.name
    request = RequestFactory().get(f"/media/{stored}")

    for path in (stored, f"listings/{stored}"):
        with pytest.raises(Http404):
            serve(request, path, document_root=settings.MEDIA_ROOT)


def test_the_supplier_and_public_pages_link_to_the_checked_address(client, owner):
    listing = with_document(owner, publish=True)
    client.force_login(owner)

    supplier_page = client.get(reverse("supplier_listings:detail", kwargs={"pk": listing.pk}))
    public_page = client.get(listing.get_absolute_url())

    assert (
        f'<a class="govuk-link" href="{document_url(listing)}">Service definition 2026.pdf</a>'
        in supplier_page.content.decode()
    )
    assert f'href="{document_url(listing)}">Service definition</a>' in (
        public_page.content.decode()
    )

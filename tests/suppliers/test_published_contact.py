"""The supplier's published contact: chosen on the profile, audited, and shown on
the public supplier and service pages only as chosen."""

import pytest
from django.urls import reverse

from marketplace.core.models import AuditEvent
from suppliers.models import SupplierOrganisation
from tests.factories import SupplierUserFactory, listing_make
from tests.suppliers.test_forms import profile_answers

pytestmark = pytest.mark.django_db

PROFILE = reverse("supplier_account:profile")
CONTACT = {
    "contact_name": "Priya Shah",
    "contact_email": "bids@acme.example.co.uk",
    "contact_phone": "01632 960 001",
}


@pytest.fixture
def supplier_user(client):
    user = SupplierUserFactory(supplier_organisation__name="Acme Ltd")
    client.force_login(user)
    return user


def test_the_supplier_chooses_which_contact_details_to_publish_and_it_is_audited(
    client, supplier_user
):
    response = client.post(PROFILE, profile_answers(**CONTACT, contact_published=["name", "email"]))

    assert response.status_code == 302
    supplier = SupplierOrganisation.objects.get(pk=supplier_user.supplier_organisation_id)
    assert (
        supplier.publish_contact_name,
        supplier.publish_contact_email,
        supplier.publish_contact_phone,
    ) == (True, True, False)
    event = AuditEvent.objects.get(action="supplier.profile_updated")
    assert event.data["contact_published"] == ["name", "email"]
    assert event.actor == supplier_user


def test_the_profile_form_shows_which_details_are_published(client, supplier_user):
    client.post(PROFILE, profile_answers(**CONTACT, contact_published=["phone"]))

    page = client.get(PROFILE).content.decode()

    assert 'name="contact_published" type="checkbox" value="phone" checked' in page
    assert 'name="contact_published" type="checkbox" value="email" checked' not in page


def test_publishing_a_detail_that_is_blank_is_refused_and_nothing_saved(client, supplier_user):
    response = client.post(
        PROFILE,
        profile_answers(contact_name="Priya Shah", contact_published=["name", "email"]),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a contact e-mail address to show it to buyers, or do not select it" in page
    assert 'value="Priya Shah"' in page  # the answers are kept
    supplier = SupplierOrganisation.objects.get(pk=supplier_user.supplier_organisation_id)
    assert (supplier.contact_name, supplier.publish_contact_name) == ("", False)


def test_an_unknown_choice_is_refused(client, supplier_user):
    response = client.post(PROFILE, profile_answers(**CONTACT, contact_published=["address"]))

    assert response.status_code == 400
    assert "Select contact details from the list" in response.content.decode()


@pytest.fixture
def published_listing():
    user = SupplierUserFactory(
        supplier_organisation__name="Acme Ltd",
        supplier_organisation__contact_name="Priya Shah",
        supplier_organisation__contact_email="bids@acme.example.co.uk",
        supplier_organisation__contact_phone="01632 960 001",
    )
    return listing_make(supplier_user=user, publish=True)


def pages(client, listing) -> list[str]:
    supplier_url = reverse("suppliers:detail", kwargs={"slug": listing.supplier.slug})
    return [
        client.get(url).content.decode()
        for url in (supplier_url, reverse("listings:detail", kwargs={"pk": listing.pk}))
    ]


def test_published_details_are_shown_on_the_supplier_and_service_pages(client, published_listing):
    SupplierOrganisation.objects.filter(pk=published_listing.supplier_id).update(
        publish_contact_email=True, publish_contact_phone=True
    )

    for page in pages(client, published_listing):
        assert "Contact Acme Ltd" in page
        assert 'href="mailto:bids@acme.example.co.uk"' in page
        assert 'href="tel:01632960001">01632 960 001</a>' in page
        assert "Priya Shah" not in page  # the name was not chosen


def test_nothing_is_shown_when_nothing_is_published(client, published_listing):
    supplier_page, listing_page = pages(client, published_listing)

    for page in (supplier_page, listing_page):
        assert "bids@acme.example.co.uk" not in page
        assert "01632 960 001" not in page
        assert "Priya Shah" not in page
    assert "Contact Acme Ltd" not in supplier_page
    # The service page still offers a question through the site.
    assert "Sign in as a buyer to ask Acme Ltd a question" in listing_page

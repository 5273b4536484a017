"""Buyer organisations in the CCS admin: one in use is kept, with a reason, never a 500."""

import pytest

from marketplace.accounts.models import BuyerOrganisation
from tests.factories import BuyerFactory, BuyerOrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = "/admin/snippets/accounts/buyerorganisation/"


@pytest.fixture
def superuser_client(client):
    # Only a superuser holds the delete permission (the CCS groups do not).
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def delete_url(organisation) -> str:
    return f"{LIST}delete/{organisation.pk}/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_organisation_people_belong_to_is_kept_with_a_reason(superuser_client, method):
    buyer = BuyerFactory(buyer_organisation__name="Leeds City Council")

    response = getattr(superuser_client, method)(delete_url(buyer.buyer_organisation))

    assert (response.status_code, response.url) == (302, LIST)
    shown = superuser_client.get(LIST).content.decode()
    assert (
        "Leeds City Council cannot be deleted because it has 1 person who belongs to it." in shown
    )
    assert "Organisations that people belong to or have used are kept." in shown
    assert BuyerOrganisation.objects.filter(name="Leeds City Council").exists()


def test_the_bulk_delete_keeps_it_too(superuser_client):
    buyer = BuyerFactory(buyer_organisation__name="Leeds City Council")

    response = superuser_client.post(
        f"/admin/bulk/accounts/buyerorganisation/delete/?id={buyer.buyer_organisation.pk}"
    )

    assert response.status_code == 302
    assert BuyerOrganisation.objects.filter(name="Leeds City Council").exists()


def test_an_unused_organisation_can_be_deleted(superuser_client):
    typo = BuyerOrganisationFactory(name="Leeds Citty Council")

    response = superuser_client.post(delete_url(typo))

    assert response.status_code == 302
    assert not BuyerOrganisation.objects.filter(pk=typo.pk).exists()


def test_ccs_edits_an_organisations_domains(client):
    from django.contrib.auth.models import Group

    from marketplace.accounts.roles import CCS_ADMINS_GROUP

    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    client.force_login(admin)
    organisation = BuyerOrganisationFactory(name="Department for Education")

    response = client.post(
        f"{LIST}edit/{organisation.pk}/",
        {
            "name": "Department for Education",
            "slug": organisation.slug,
            "sector": "central-government",
            "email_domains": " @Education.gov.uk\n\ndfe.gov.uk\neducation.gov.uk",
        },
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.domain_list == ["education.gov.uk", "dfe.gov.uk"]


def test_a_malformed_domain_is_refused_with_a_message(client):
    from django.contrib.auth.models import Group

    from marketplace.accounts.roles import CCS_ADMINS_GROUP

    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    client.force_login(admin)
    organisation = BuyerOrganisationFactory(name="Department for Education")

    response = client.post(
        f"{LIST}edit/{organisation.pk}/",
        {
            "name": "Department for Education",
            "slug": organisation.slug,
            "sector": "central-government",
            "email_domains": "education.gov.uk, dfe.gov.uk",
        },
    )

    assert response.status_code == 200
    assert "Enter domains like education.gov.uk, one a line" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.email_domains == ""

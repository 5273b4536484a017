"""CCS finds supplier organisations in the Wagtail admin and verifies them through
the audited service. Suppliers own their profiles: nobody adds, edits or deletes
them there, and nobody outside CCS gets in."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from marketplace.accounts.roles import CCS_ADMINS_GROUP
from marketplace.core.models import AuditEvent
from suppliers.models import SizeBand, SupplierOrganisation, VcseType
from tests.factories import (
    BuyerFactory,
    SupplierOrganisationFactory,
    SupplierUserFactory,
    UserFactory,
)
from tests.wagtail_admin import ccs_client_fixture, member_of, messages_of, refused  # noqa: F401

pytestmark = pytest.mark.django_db


def url(view: str, *args) -> str:
    return reverse(f"wagtailsnippets_suppliers_supplierorganisation:{view}", args=args)


@pytest.fixture
def supplier():
    return SupplierOrganisationFactory(name="Acorn Backup Ltd", companies_house_number="01234567")


def names(response) -> set[str]:
    return {str(supplier.name) for supplier in response.context["object_list"]}


def test_ccs_lists_searches_and_filters_suppliers(ccs_client, supplier):
    SupplierOrganisationFactory(name="Big Systems plc", size_band=SizeBand.LARGE, verified=True)
    SupplierOrganisationFactory(name="Kind Code CIC", vcse_type=VcseType.CIC)

    assert names(ccs_client.get(url("list"))) >= {"Acorn Backup Ltd", "Big Systems plc"}
    assert names(ccs_client.get(url("list"), {"q": "acorn"})) == {"Acorn Backup Ltd"}
    assert names(ccs_client.get(url("list"), {"verified": "true"})) == {"Big Systems plc"}
    assert names(ccs_client.get(url("list"), {"size_band": "large"})) == {"Big Systems plc"}
    assert names(ccs_client.get(url("list"), {"vcse": "true"})) == {"Kind Code CIC"}
    assert "Kind Code CIC" not in names(ccs_client.get(url("list"), {"vcse": "false"}))


def test_the_inspect_page_offers_verification_and_nothing_else(ccs_client, supplier):
    response = ccs_client.get(url("inspect", supplier.pk))

    assert response.status_code == 200
    assert "01234567" in response.text
    assert "Mark as verified" in response.text
    assert url("verify", supplier.pk) in response.text
    for gone in ("/edit/", "/delete/", "/copy/"):
        assert gone not in response.text


def test_verifying_sets_the_flag_and_time_and_is_audited(ccs_client, supplier):
    confirm = ccs_client.get(url("verify", supplier.pk))
    assert confirm.status_code == 200
    assert "Yes, mark as verified" in confirm.text

    response = ccs_client.post(url("verify", supplier.pk), {"verified": "true"})

    assert response.status_code == 302
    assert response.url == url("inspect", supplier.pk)
    supplier.refresh_from_db()
    assert supplier.verified and supplier.verified_at is not None
    event = AuditEvent.objects.get(action="supplier.verified", subject_id=str(supplier.pk))
    assert event.actor is not None
    assert "is now verified" in " ".join(messages_of(ccs_client.get(response.url)))


def test_removing_verification_is_audited_and_a_repeat_post_does_not_flip_it(ccs_client, supplier):
    ccs_client.post(url("verify", supplier.pk), {"verified": "true"})
    assert "Remove verification" in ccs_client.get(url("inspect", supplier.pk)).text

    ccs_client.post(url("verify", supplier.pk), {"verified": "false"})
    ccs_client.post(url("verify", supplier.pk), {"verified": "false"})

    supplier.refresh_from_db()
    assert not supplier.verified and supplier.verified_at is None
    assert AuditEvent.objects.filter(action="supplier.verification_removed").count() == 2


def test_a_post_without_a_choice_is_a_400_with_a_message(ccs_client, supplier):
    response = ccs_client.post(url("verify", supplier.pk), {})

    assert response.status_code == 400
    assert messages_of(response) == ["Choose whether to verify the organisation"]
    supplier.refresh_from_db()
    assert not supplier.verified


def staff_who_can_only_look():
    """In the admin and able to see suppliers, but not to change them."""
    user = UserFactory()
    group = Group.objects.create(name="Lookers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_supplierorganisation"),
    )
    user.groups.add(group)
    return user


@pytest.mark.parametrize("who", ["anonymous", "buyer", "supplier", "looker"])
def test_only_ccs_can_verify(client, supplier, who):
    users = {
        "buyer": BuyerFactory,
        "supplier": lambda: SupplierUserFactory(supplier_organisation=supplier),
        "looker": staff_who_can_only_look,
    }
    if who in users:
        client.force_login(users[who]())

    assert refused(client.get(url("verify", supplier.pk)))
    assert refused(client.post(url("verify", supplier.pk), {"verified": "true"}))
    if who != "looker":
        assert refused(client.get(url("list")))
        assert refused(client.get(url("inspect", supplier.pk)))
    supplier.refresh_from_db()
    assert not supplier.verified
    assert not AuditEvent.objects.filter(action="supplier.verified").exists()


@pytest.mark.parametrize("superuser", [False, True], ids=["ccs-admin", "superuser"])
def test_nobody_adds_edits_or_deletes_a_supplier_in_the_admin(client, supplier, superuser):
    client.force_login(UserFactory(is_superuser=True) if superuser else member_of(CCS_ADMINS_GROUP))

    assert refused(client.get(url("add")))
    assert refused(client.post(url("add"), {"name": "Sneaky Ltd"}))
    assert refused(client.get(url("edit", supplier.pk)))
    assert refused(client.post(url("edit", supplier.pk), {"name": "Renamed Ltd"}))
    assert refused(client.get(url("delete", supplier.pk)))
    assert refused(client.post(url("delete", supplier.pk)))
    bulk_url = reverse("wagtail_bulk_action", args=["suppliers", "supplierorganisation", "delete"])
    client.post(f"{bulk_url}?id={supplier.pk}")

    supplier.refresh_from_db()
    assert supplier.name == "Acorn Backup Ltd"
    assert not SupplierOrganisation.objects.filter(name="Sneaky Ltd").exists()
    listing_page = client.get(url("list"))
    assert listing_page.status_code == 200
    for gone in ("/delete/", "/edit/", url("add")):
        assert gone not in listing_page.text

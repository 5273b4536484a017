"""Supplier writes: derived facts, own-organisation only, and nothing deleted."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.core.models import AuditEvent
from suppliers import services
from suppliers.models import SupplyChainPartnership
from tests.factories import PASSWORD, BuyerFactory, SupplierUserFactory

pytestmark = pytest.mark.django_db


def test_registration_derives_band_and_region_and_waits_for_confirmation(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.supplier_register(
            organisation={
                "name": "Pennine Digital Co-operative Ltd",
                "companies_house_number": "01234567",
                "staff_headcount": 12,
                "turnover": Decimal(900_000),
                "vcse_type": "co-operative",
                "head_office_postcode": "LS1 4AP",
            },
            email="ada@pennine.example.coop",
            full_name="Ada Lovelace",
            password=PASSWORD,
        )
    supplier = user.supplier_organisation
    assert (supplier.size_band, supplier.head_office_region_id) == ("small", "TLE")
    assert supplier.identifier == "GB-COH-01234567"
    assert supplier.is_vcse and supplier.is_sme and not supplier.verified
    assert not user.is_active
    assert [m.to for m in mailoutbox] == [["ada@pennine.example.coop"]]
    assert AuditEvent.objects.filter(action="supplier.registered").count() == 1


def test_profile_update_rederives_the_band_for_own_organisation_only():
    member = SupplierUserFactory()
    supplier = member.supplier_organisation
    services.supplier_profile_update(
        actor=member,
        supplier=supplier,
        changes={"staff_headcount": 300, "turnover": Decimal(1_000_000)},
    )
    supplier.refresh_from_db()
    assert supplier.size_band == "large"
    for outsider in (SupplierUserFactory(), BuyerFactory()):
        with pytest.raises(PermissionDenied):
            services.supplier_profile_update(actor=outsider, supplier=supplier, changes={})


def test_partnerships_end_but_are_never_deleted():
    member = SupplierUserFactory()
    partner = SupplierUserFactory().supplier_organisation
    partnership = services.partnership_create(
        actor=member,
        supplier=member.supplier_organisation,
        partner=partner,
        role="subcontractor",
        statement="They run our out-of-hours support desk under a three-year agreement.",
    )
    with pytest.raises(ValidationError):
        services.partnership_create(
            actor=member,
            supplier=member.supplier_organisation,
            partner=partner,
            role="subcontractor",
            statement="Again",
        )
    with pytest.raises(ValidationError):
        services.partnership_create(
            actor=member,
            supplier=member.supplier_organisation,
            partner=member.supplier_organisation,
            role="prime",
            statement="Ourselves",
        )
    with pytest.raises(PermissionDenied):
        services.partnership_end(actor=SupplierUserFactory(), partnership=partnership)
    services.partnership_end(actor=member, partnership=partnership)
    partnership.refresh_from_db()
    assert partnership.ended_at is not None
    assert SupplyChainPartnership.objects.filter(pk=partnership.pk).exists()

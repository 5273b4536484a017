import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError

from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP, Role
from tests.factories import (
    BuyerFactory,
    SupplierOrganisationFactory,
    SupplierUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_each_kind_of_user_has_its_role():
    reviewer = UserFactory()
    reviewer.groups.add(Group.objects.get(name=CCS_REVIEWERS_GROUP))
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))

    assert BuyerFactory().role == Role.BUYER
    assert SupplierUserFactory().role == Role.SUPPLIER
    assert reviewer.role == Role.CCS_REVIEWER
    assert admin.role == Role.CCS_ADMIN
    assert UserFactory(is_superuser=True).role == Role.CCS_ADMIN


def test_a_user_cannot_belong_to_a_buyer_and_a_supplier_at_once():
    buyer = BuyerFactory()
    buyer.supplier_organisation = SupplierOrganisationFactory()

    with pytest.raises(IntegrityError):
        buyer.save()


def test_the_ccs_groups_can_reach_the_admin_and_only_admins_edit_the_allow_list():
    admins = Group.objects.get(name=CCS_ADMINS_GROUP)
    reviewers = Group.objects.get(name=CCS_REVIEWERS_GROUP)

    admin_perms = set(admins.permissions.values_list("codename", flat=True))
    reviewer_perms = set(reviewers.permissions.values_list("codename", flat=True))

    assert {"access_admin", "change_allowedbuyerdomain"} <= admin_perms
    assert "access_admin" in reviewer_perms
    assert "change_allowedbuyerdomain" not in reviewer_perms

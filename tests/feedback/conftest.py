"""Buyers with a recorded relationship to a supplier: the only people who may write."""

from datetime import date
from decimal import Decimal

import pytest

from direct_award import services as direct_award
from feedback import services
from tests.factories import BuyerFactory, SupplierUserFactory, UserFactory, listing_make


def award_make(*, buyer, listing):
    project = direct_award.project_create(actor=buyer, name="Backup 2027")
    saved = direct_award.saved_search_create(
        actor=buyer, project=project, query_string="q=backup", description="backup"
    )
    (entry,) = direct_award.saved_search_end(
        actor=buyer, saved_search=saved, listing_ids=[listing.pk]
    )
    return direct_award.outcome_record(
        actor=buyer,
        saved_search=saved,
        kind="awarded",
        awarded_entry=entry,
        value=Decimal(12000),
        start_date=date(2026, 4, 1),
        end_date=date(2027, 3, 31),
    )


def declared_make(*, buyer, supplier_user):
    """A contract the buyer's organisation declares with the supplier."""
    return services.declared_contract_create(
        actor=buyer,
        supplier=supplier_user.supplier_organisation,
        reference="LCC-2025-114",
        value_band="10k-100k",
        start_date=date(2025, 6, 1),
    )


def content(**overrides):
    values = {
        "overall": 4,
        "quality": 5,
        "timeliness": 3,
        "value": 4,
        "communication": None,
        "social_value": None,
        "would_use_again": True,
        "went_well": "Restores were quick and the team explained everything.",
        "could_be_better": "Invoices arrived late.",
    }
    values.update(overrides)
    return values


@pytest.fixture
def moderator():
    from django.contrib.auth.models import Group

    from marketplace.accounts.roles import CCS_REVIEWERS_GROUP

    user = UserFactory(email="moderator@ccs.example.gov.uk")
    user.groups.add(Group.objects.get(name=CCS_REVIEWERS_GROUP))
    return user


@pytest.fixture
def relationship(db):
    """A buyer whose organisation awarded a contract to a supplier."""
    supplier_user = SupplierUserFactory()
    listing = listing_make(supplier_user=supplier_user, publish=True)
    buyer = BuyerFactory(buyer_organisation__name="Leeds City Council")
    award = award_make(buyer=buyer, listing=listing)
    return buyer, supplier_user, award


@pytest.fixture
def published(relationship, moderator):
    buyer, _supplier_user, award = relationship
    feedback = services.feedback_create(actor=buyer, content=content(), award=award)
    services.feedback_publish(actor=moderator, version=feedback.versions.get())
    return feedback

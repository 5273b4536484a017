"""Saved searches: own organisation only, frozen shortlists and outcomes (the
downloads are read back in test_exports)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from direct_award import selectors, services
from direct_award.models import MAX_RESULTS_TO_END
from listings import services as listing_services
from marketplace.core.models import AuditEvent
from tests.factories import (
    BuyerFactory,
    CcsReviewerFactory,
    SupplierUserFactory,
    listing_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended_search():
    buyer = BuyerFactory()
    supplier_user = SupplierUserFactory(
        supplier_organisation__contact_email="bids@backup.example.co.uk"
    )
    first = listing_make(supplier_user=supplier_user, publish=True)
    second = listing_make(publish=True, name="School payroll service")
    project = services.project_create(actor=buyer, name="Backup for 2027")
    saved = services.saved_search_create(
        actor=buyer, project=project, query_string="q=backup", description="backup"
    )
    services.saved_search_end(actor=buyer, saved_search=saved, listing_ids=[second.pk, first.pk])
    return buyer, saved, supplier_user, first, second


def test_a_buyer_sees_only_their_own_organisations_projects(ended_search):
    buyer, saved, *_ = ended_search
    colleague = BuyerFactory(buyer_organisation=buyer.buyer_organisation)
    stranger = BuyerFactory()
    assert list(selectors.projects_for(user=colleague)) == [saved.project]
    assert selectors.saved_search_get(user=colleague, pk=saved.pk) == saved
    assert list(selectors.projects_for(user=stranger)) == []
    assert selectors.saved_search_get(user=stranger, pk=saved.pk) is None
    assert selectors.project_get(user=SupplierUserFactory(), pk=saved.project.pk) is None
    with pytest.raises(PermissionDenied):
        services.saved_search_create(
            actor=stranger, project=saved.project, query_string="", description=""
        )


def test_ending_freezes_the_exact_versions_in_order(ended_search):
    buyer, saved, supplier_user, first, _second = ended_search
    # The supplier changes the listing after the search ended, and CCS approves it.
    listing_services.listing_draft_save(
        actor=supplier_user, listing=first, content={"name": "Renamed backup service"}
    )
    listing_services.listing_submit(actor=supplier_user, listing=first)
    listing_services.listing_approve(actor=CcsReviewerFactory(), listing=first)

    names = [entry.listing_version.name for entry in saved.shortlist.all()]
    assert names == ["School payroll service", "Cloud backup for schools"]
    with pytest.raises(ValidationError, match="already ended"):
        services.saved_search_end(actor=buyer, saved_search=saved, listing_ids=[first.pk])


def test_a_search_with_too_many_results_cannot_end():
    buyer = BuyerFactory()
    project = services.project_create(actor=buyer, name="Everything")
    saved = services.saved_search_create(
        actor=buyer, project=project, query_string="", description="all"
    )
    with pytest.raises(ValidationError, match="Refine it to 100 results or fewer"):
        services.saved_search_end(
            actor=buyer, saved_search=saved, listing_ids=list(range(MAX_RESULTS_TO_END + 1))
        )
    with pytest.raises(ValidationError, match="no results"):
        services.saved_search_end(actor=buyer, saved_search=saved, listing_ids=[])


def test_recording_an_award(ended_search):
    buyer, saved, supplier_user, first, _second = ended_search
    entry = saved.shortlist.get(listing=first)
    with pytest.raises(ValidationError) as excinfo:
        services.outcome_record(
            actor=buyer,
            saved_search=saved,
            kind="awarded",
            awarded_entry=entry,
            value=None,
            start_date=date(2027, 4, 1),
            end_date=date(2027, 3, 1),
        )
    assert excinfo.value.message_dict == {
        "value": ["Enter the contract value, like 25000"],
        "end_date": ["The end date must be after the start date"],
    }
    outcome = services.outcome_record(
        actor=buyer,
        saved_search=saved,
        kind="awarded",
        awarded_entry=entry,
        value=Decimal("24000"),
        start_date=date(2027, 4, 1),
        end_date=date(2028, 3, 31),
    )
    assert outcome.supplier == supplier_user.supplier_organisation
    assert list(
        selectors.awards_between(
            buyer_organisation_id=buyer.buyer_organisation_id,
            supplier_id=supplier_user.supplier_organisation_id,
        )
    ) == [outcome]
    with pytest.raises(ValidationError, match="already been recorded"):
        services.outcome_record(actor=buyer, saved_search=saved, kind="cancelled")
    assert AuditEvent.objects.filter(action__startswith="saved_search.").count() == 3


def test_an_outcome_needs_an_ended_search_and_the_right_buyer():
    buyer = BuyerFactory()
    project = services.project_create(actor=buyer, name="Open")
    saved = services.saved_search_create(
        actor=buyer, project=project, query_string="", description="all"
    )
    with pytest.raises(ValidationError, match="End the search"):
        services.outcome_record(actor=buyer, saved_search=saved, kind="cancelled")
    with pytest.raises(PermissionDenied):
        services.outcome_record(actor=BuyerFactory(), saved_search=saved, kind="cancelled")
    with pytest.raises(PermissionDenied):
        services.project_create(actor=SupplierUserFactory(), name="Not a buyer")

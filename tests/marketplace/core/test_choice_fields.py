"""Ids taken from input: one that cannot name a row is the field's own message and a
400 page with the answers kept, never a database error."""

import html

import pytest
from django.test import override_settings

from frameworks.models import BuyingOrganisation
from listings.models import Listing
from marketplace.core.choice_fields import (
    CheckedModelChoiceField,
    CheckedModelMultipleChoiceField,
)
from suppliers.models import Accreditation
from tests.factories import FrameworkFactory, LotFactory, SupplierUserFactory
from tests.listings.test_forms import answers as listing_answers
from tests.suppliers.test_forms import profile_answers

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

HUGE = "99999999999999999999999"
IMPOSSIBLE = [
    HUGE,  # beyond any database integer: OverflowError on SQLite
    "2147483648",  # beyond PostgreSQL's integer
    "-1",
    "12abc",
    "\N{ARABIC-INDIC DIGIT ONE}",  # int() reads it as 1
    "1\x00",
    "",
]


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def error_summary_says(page: str, message: str) -> bool:
    summary = page.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return message in summary


@pytest.mark.parametrize("value", IMPOSSIBLE)
def test_a_value_that_cannot_be_an_id_gets_the_fields_message(value):
    accreditation = Accreditation.objects.first()
    one = CheckedModelChoiceField(
        queryset=Accreditation.objects.all(),
        error_messages={"invalid_choice": "Select an accreditation from the list"},
    )
    several = CheckedModelMultipleChoiceField(queryset=Accreditation.objects.all())

    assert one.clean(str(accreditation.pk)) == accreditation
    assert list(several.clean([str(accreditation.pk)])) == [accreditation]
    with pytest.raises(Exception) as refused:
        one.clean(value)
    assert refused.value.messages == [
        "This field is required." if value == "" else "Select an accreditation from the list"
    ]
    with pytest.raises(Exception) as refused:
        several.clean([str(accreditation.pk), value])
    assert refused.value.messages == ["Select from the options listed"]


@override_settings(SEARCH_ENGINE="database")
def test_the_frameworks_filter_refuses_a_huge_owner_and_keeps_the_other_answers(client):
    FrameworkFactory(name="Cloud Compute", status="live")
    owner = BuyingOrganisation.objects.get()

    response = client.get("/frameworks/", {"owner": [str(owner.pk), HUGE], "status": "live"})

    page = page_of(response)
    assert response.status_code == 400
    assert error_summary_says(page, "Select buying organisations from the list")
    assert 'value="live" checked' in page
    assert "Cloud Compute" in page  # the unfiltered list, not an empty page


def test_the_supplier_profile_refuses_a_huge_accreditation_and_changes_nothing(client):
    supplier_user = SupplierUserFactory(supplier_organisation__name="Acme Ltd")
    client.force_login(supplier_user)

    response = client.post(
        "/supplier/profile/",
        profile_answers(
            name="Acme Renamed Ltd", accreditations=[HUGE], head_office_postcode="M1 1AE"
        ),
    )

    page = page_of(response)
    supplier = supplier_user.supplier_organisation
    supplier.refresh_from_db()
    assert response.status_code == 400
    assert error_summary_says(page, "Select accreditations from the list")
    assert 'value="Acme Renamed Ltd"' in page  # the answers are kept
    assert 'value="M1 1AE"' in page
    assert supplier.name == "Acme Ltd"
    assert list(supplier.accreditations.all()) == []


def test_a_new_listing_refuses_a_huge_category_and_creates_nothing(client):
    lot = LotFactory(framework__status="live")
    client.force_login(SupplierUserFactory())

    response = client.post(
        f"/supplier/listings/new/{lot.pk}/",
        listing_answers(lot, name="Backup for trusts", categories=[HUGE]),
    )

    page = page_of(response)
    assert response.status_code == 400
    assert error_summary_says(page, "Select only categories listed for this lot")
    assert 'value="Backup for trusts"' in page
    assert Listing.objects.count() == 0

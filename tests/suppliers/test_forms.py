"""The supplier forms: each message a person can see, and what a valid form hands on."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from suppliers.forms import (
    NOT_VCSE,
    WHOLE_UK,
    AcceptInvitationForm,
    InvitationForm,
    PartnershipForm,
    SupplierProfileForm,
    SupplierRegistrationForm,
)
from suppliers.models import Accreditation, SupplierInvitation
from tests.factories import SupplierOrganisationFactory, SupplierUserFactory

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "name": "Northern Digital Co-operative Ltd",
    "trading_name": "Northern Digital",
    "companies_house_number": "1234567",
    "charity_number": "",
    "staff_headcount": "12",
    "turnover": "£1,200,000",
    "balance_sheet_total": "",
    "vcse_type": "co-operative",
    "head_office_postcode": "ls1 4ap",
    "full_name": "Priya Shah",
    "email": "Priya@Northern-Digital.example.co.uk",
    "password": "a long and unusual passphrase",
}

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def errors(form) -> dict[str, list[str]]:
    form.is_valid()
    return {field: list(messages) for field, messages in form.errors.items()}


def test_a_valid_registration_is_normalised_for_the_service():
    form = SupplierRegistrationForm(REGISTRATION)

    assert form.is_valid(), form.errors
    answers = form.organisation_answers()
    assert answers["companies_house_number"] == "01234567"
    assert answers["head_office_postcode"] == "LS1 4AP"
    assert answers["turnover"] == Decimal("1200000")
    assert answers["balance_sheet_total"] is None
    assert form.cleaned_data["email"] == "priya@northern-digital.example.co.uk"
    assert "email" not in answers and "password" not in answers


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "companies_house_number",
            "ABC",
            "Enter a Companies House number in the correct format, like 01234567 or SC123456",
        ),
        (
            "charity_number",
            "12",
            "Enter a charity number in the correct format, like 1234567, SC012345 or NIC100001",
        ),
        ("head_office_postcode", "not a postcode", "Enter a full UK postcode, like SW1A 2AA"),
        (
            "head_office_postcode",
            "JE2 3AB",
            "Enter a postcode in England, Scotland, Wales or Northern Ireland",
        ),
        ("staff_headcount", "twelve", "Enter your staff headcount as a whole number, like 12"),
        ("turnover", "lots", "Enter your annual turnover in whole pounds, like 250000"),
        ("name", "", "Enter the legal name of your organisation"),
        ("vcse_type", "", "Select the type of VCSE, or select Not a VCSE"),
        (
            "email",
            "priya",
            "Enter an e-mail address in the correct format, like name@example.co.uk",
        ),
        (
            "password",
            "short",
            "This password is too short. It must contain at least 12 characters.",
        ),
    ],
)
def test_each_wrong_answer_gets_its_own_message(field, value, message):
    assert errors(SupplierRegistrationForm({**REGISTRATION, field: value}))[field] == [message]


def test_a_companies_house_or_charity_number_is_needed():
    form = SupplierRegistrationForm(
        {**REGISTRATION, "companies_house_number": "", "charity_number": ""}
    )

    assert errors(form) == {
        "companies_house_number": ["Enter your Companies House number or your charity number"]
    }


def test_a_charity_number_alone_is_enough():
    form = SupplierRegistrationForm(
        {**REGISTRATION, "companies_house_number": "", "charity_number": "sc 012345"}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["charity_number"] == "SC012345"


def test_turnover_or_balance_sheet_is_needed():
    form = SupplierRegistrationForm({**REGISTRATION, "turnover": "", "balance_sheet_total": ""})

    assert errors(form) == {
        "turnover": ["Enter your annual turnover or your balance sheet total, or both"]
    }


def test_not_a_vcse_is_stored_blank():
    form = SupplierRegistrationForm({**REGISTRATION, "vcse_type": NOT_VCSE})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["vcse_type"] == ""


def test_a_registered_email_or_organisation_name_is_refused():
    SupplierUserFactory(
        email="priya@northern-digital.example.co.uk",
        supplier_organisation__name="NORTHERN DIGITAL CO-OPERATIVE LTD",
    )

    found = errors(SupplierRegistrationForm(REGISTRATION))

    assert found["email"] == [
        "An account with this e-mail address already exists. Sign in instead."
    ]
    assert found["name"][0].startswith("An organisation with this name is already registered")


def test_a_name_that_would_share_an_address_is_refused():
    SupplierOrganisationFactory(name="Northern Digital Co-operative Ltd.")

    assert "name" in errors(SupplierRegistrationForm(REGISTRATION))


def profile_answers(**overrides) -> dict:
    answers = {
        "name": "Acme Ltd",
        "companies_house_number": "01234567",
        "staff_headcount": "8",
        "turnover": "900000",
        "vcse_type": NOT_VCSE,
        "head_office_postcode": "M1 1AE",
        "regions": ["TLD", "TLE"],
        "accreditations": [Accreditation.objects.get(slug="cyber-essentials").pk],
        "commitments": ["offers_apprenticeships"],
        "website": "www.acme.example.co.uk",
    }
    answers.update(overrides)
    return answers


def test_the_profile_form_starts_from_the_organisation():
    supplier = SupplierOrganisationFactory(serves_whole_uk=True, real_living_wage_employer=True)

    form = SupplierProfileForm(supplier=supplier)

    assert form.initial["name"] == supplier.name
    assert form.initial["regions"] == [WHOLE_UK]
    assert form.initial["vcse_type"] == NOT_VCSE
    assert form.initial["commitments"] == ["real_living_wage_employer"]


def test_the_profile_form_hands_on_model_fields():
    supplier = SupplierOrganisationFactory(name="Acme Ltd")

    form = SupplierProfileForm(profile_answers(), supplier=supplier)

    assert form.is_valid(), form.errors
    changes = form.changes()
    assert sorted(region.code for region in changes["regions_served"]) == ["TLD", "TLE"]
    assert changes["serves_whole_uk"] is False
    assert [a.slug for a in changes["accreditations"]] == ["cyber-essentials"]
    assert changes["offers_apprenticeships"] is True
    assert changes["real_living_wage_employer"] is False
    assert changes["website"] == "https://www.acme.example.co.uk"
    assert "code_of_conduct_file" not in changes  # nothing uploaded: the stored file stays


def test_the_whole_uk_replaces_single_regions():
    form = SupplierProfileForm(
        profile_answers(regions=[WHOLE_UK, "TLD"]), supplier=SupplierOrganisationFactory()
    )

    assert form.is_valid(), form.errors
    assert form.changes()["serves_whole_uk"] is True
    assert form.changes()["regions_served"] == []


def test_the_profile_may_keep_its_own_name_but_not_take_another():
    supplier = SupplierOrganisationFactory(name="Acme Ltd")
    SupplierOrganisationFactory(name="Other Ltd")

    assert SupplierProfileForm(profile_answers(), supplier=supplier).is_valid()
    assert errors(SupplierProfileForm(profile_answers(name="other ltd"), supplier=supplier))[
        "name"
    ] == ["Another organisation is already registered with this name"]


def upload(name: str, content: bytes) -> dict:
    return {"code_of_conduct_file": SimpleUploadedFile(name, content)}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("conduct.docx", b"PK\x03\x04 a word file", "The code of conduct must be a PDF"),
        ("conduct.pdf", b"<html>not really a pdf</html>", "The code of conduct must be a PDF"),
        ("conduct.pdf", b"", "The selected file is empty"),
        ("conduct.pdf", PDF + b"0" * (5 * 1024 * 1024), "The file must be smaller than 5 MB"),
    ],
    ids=["word file", "renamed file", "empty", "too big"],
)
def test_the_code_of_conduct_must_be_a_small_pdf(name, content, message):
    form = SupplierProfileForm(
        profile_answers(), upload(name, content), supplier=SupplierOrganisationFactory()
    )

    assert errors(form) == {"code_of_conduct_file": [message]}


def test_a_pdf_code_of_conduct_is_accepted():
    form = SupplierProfileForm(
        profile_answers(), upload("Conduct.PDF", PDF), supplier=SupplierOrganisationFactory()
    )

    assert form.is_valid(), form.errors
    assert form.changes()["code_of_conduct_file"].name == "Conduct.PDF"


def test_a_profile_url_in_the_wrong_format_is_explained():
    form = SupplierProfileForm(
        profile_answers(website="not a web address"), supplier=SupplierOrganisationFactory()
    )

    assert errors(form) == {
        "website": ["Enter a web address in the correct format, like https://www.example.co.uk"]
    }


def test_inviting_someone_twice_is_refused():
    user = SupplierUserFactory()
    supplier = user.supplier_organisation
    SupplierInvitation.objects.create(supplier=supplier, email="sam@example.co.uk", invited_by=user)

    found = errors(InvitationForm({"email": "Sam@Example.co.uk"}, supplier=supplier))

    assert found["email"][0].startswith("You have already invited this person")


def test_accepting_for_an_address_that_now_has_an_account_is_refused():
    SupplierUserFactory(email="sam@example.co.uk")

    form = AcceptInvitationForm(
        {"full_name": "Sam Jones", "password": "a long and unusual passphrase"},
        email="sam@example.co.uk",
    )

    assert errors(form)["__all__"] == [
        "An account with this e-mail address already exists. Sign in instead."
    ]


def test_a_supplier_cannot_choose_itself_as_a_partner():
    supplier = SupplierOrganisationFactory()
    other = SupplierOrganisationFactory()

    form = PartnershipForm(supplier=supplier)

    assert list(form.fields["partner"].queryset) == [other]
    found = errors(
        PartnershipForm(
            {"partner": supplier.pk, "role": "subcontractor", "statement": "We work together"},
            supplier=supplier,
        )
    )
    assert found == {"partner": ["Choose a supplier from the list"]}

"""The supplier's listing form: every rule's message reaches the right field."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from listings.forms import WHOLE_UK, ChooseLotForm, ListingForm
from tests.factories import FrameworkFactory, LotFactory, category_make

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%fake but well-formed enough to pass the signature check\n"
ODT = b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.text"


def answers(lot, **overrides) -> dict:
    data = {
        "name": "Cloud backup for schools",
        "summary": "Automatic nightly backup of school files and e-mail, kept in the UK.",
        "description": "We copy your files and mailboxes every night to two UK data centres.",
        "features": "Nightly automatic backup\n\nSelf-service restore\n",
        "benefits": "Recover lost coursework in minutes",
        "categories": [str(lot.categories.order_by("pk").first().pk)],
        "regions": ["TLC", "TLD"],
        "open_standards": ["openapi", "csv"],
        "integrations": ["govuk-notify"],
        "price": "£1,250.50",
        "price_unit": "user",
        "pricing_model": "per-unit",
        "offers": ["education_pricing"],
        "buy_online": "no",
        "unit_price": "",
    }
    data.update(overrides)
    return data


def bound(lot, files=None, **overrides) -> ListingForm:
    return ListingForm(answers(lot, **overrides), files or {}, lot=lot)


@pytest.fixture
def lot():
    return LotFactory(max_categories=3)


def test_honest_answers_become_the_content_the_services_expect(lot):
    form = bound(lot)

    assert form.is_valid(), form.errors
    content = form.content()
    assert content["price"] == Decimal("1250.50")
    assert content["features"] == ["Nightly automatic backup", "Self-service restore"]
    assert content["regions"] == ["TLC", "TLD"]
    assert content["serves_whole_uk"] is False
    assert content["free_trial"] is False
    assert content["education_pricing"] is True
    assert content["buy_online"] is False
    assert content["unit_price"] is None
    # Nothing uploaded: the documents are left out, so an edit keeps the old ones.
    assert "service_definition" not in content
    assert "terms" not in content


def test_the_whole_uk_is_a_region_choice_that_sets_the_flag(lot):
    form = bound(lot, regions=[WHOLE_UK])

    assert form.is_valid(), form.errors
    assert form.content()["serves_whole_uk"] is True
    assert form.content()["regions"] == []


LONG = " ".join(f"word{n}" for n in range(501))
ELEVEN_LINES = "\n".join(f"Thing number {n}" for n in range(1, 12))
ELEVEN_WORDS = "one two three four five six seven eight nine ten eleven"

# Every message in listings/validation.py, from the answer that provokes it.
TEXT_RULES = [
    ("name", "", "Enter a service name"),
    ("name", "x" * 101, "Service name must be 100 characters or fewer"),
    ("name", "CRM, HR, payroll, finance", "Service name must not be a list of keywords."),
    (
        "name",
        "Cloud clouds cloud backup",
        "Service name uses 'cloud' 3 times. Use any one word no more than 2 times",
    ),
    ("summary", "", "Enter a summary"),
    ("summary", "word " * 51, "Summary must be 50 words or fewer"),
    ("summary", "CRM, HR, payroll, finance, pensions", "Summary must not be a list of keywords."),
    (
        "summary",
        "Backup for schools: backup every night, backup files, backup mail.",
        "Summary uses 'backup' 4 times. Use any one word no more than 3 times",
    ),
    ("description", "", "Enter a description"),
    ("description", LONG, "Description must be 500 words or fewer"),
    (
        "description",
        "Backup. " * 11,
        "Description uses 'backup' 11 times. Use any one word no more than 10 times",
    ),
    ("features", ELEVEN_LINES, "Enter no more than 10 features"),
    ("features", ELEVEN_WORDS, "Feature 1 must be 10 words or fewer"),
    ("features", "Nightly backup\nNightly  backup!", "Feature 2 is the same as feature 1"),
    ("benefits", ELEVEN_LINES, "Enter no more than 10 benefits"),
    ("benefits", f"Fast restore\n{ELEVEN_WORDS}", "Benefit 2 must be 10 words or fewer"),
    ("benefits", "Saves time\nsaves time", "Benefit 2 is the same as benefit 1"),
]


@pytest.mark.parametrize(("field", "value", "message"), TEXT_RULES)
def test_every_anti_stuffing_message_is_shown_on_its_field(lot, field, value, message):
    form = bound(lot, **{field: value})

    assert not form.is_valid()
    assert any(error.startswith(message) for error in form.errors[field]), form.errors


def test_the_categories_are_capped_at_the_lots_limit():
    categories = [category_make() for _ in range(4)]
    lot = LotFactory(max_categories=3, categories=categories)

    form = bound(lot, categories=[str(c.pk) for c in categories])

    assert form.errors["categories"] == ["Select no more than 3 categories"]


def test_a_lot_without_a_limit_takes_every_category():
    categories = [category_make() for _ in range(4)]
    lot = LotFactory(max_categories=None, categories=categories)

    assert bound(lot, categories=[str(c.pk) for c in categories]).is_valid()


def test_a_category_from_another_lot_is_refused(lot):
    elsewhere = category_make()

    form = bound(lot, categories=[str(elsewhere.pk)])

    assert form.errors["categories"] == ["Select only categories listed for this lot"]


def test_at_least_one_category_and_one_region_are_needed(lot):
    form = bound(lot, categories=[], regions=[])

    assert form.errors["categories"] == ["Select at least one category"]
    assert form.errors["regions"] == [
        "Select the regions where you deliver the service, or the whole UK"
    ]


def test_buying_online_needs_a_unit_price(lot):
    form = bound(lot, buy_online="yes", unit_price="")

    assert form.errors["unit_price"] == ["Enter the unit price buyers pay when they buy online"]
    assert bound(lot, buy_online="yes", unit_price="£12.00", unit_name="mailbox").is_valid()


def test_buying_online_needs_a_unit_name_and_sensible_quantities(lot):
    form = bound(
        lot, buy_online="yes", unit_price="12", unit_name="", min_quantity="10", max_quantity="5"
    )

    assert form.errors["unit_name"] == ["Enter what one unit is called, like mailbox"]
    assert form.errors["max_quantity"] == ["The most units must be no fewer than the fewest units"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "The fewest units must be 1 or more"),
        ("1.5", "The fewest units must be a whole number, like 1"),
        ("2000000", "The fewest units must be 1,000,000 or fewer"),
    ],
)
def test_a_bad_fewest_units_is_explained(lot, value, message):
    form = bound(lot, buy_online="yes", unit_price="12", unit_name="mailbox", min_quantity=value)

    assert form.errors["min_quantity"] == [message]


def test_only_a_supplier_whose_stripe_account_takes_payments_may_sell_online(lot):
    from orders.models import ConnectedAccount
    from tests.factories import SupplierOrganisationFactory

    supplier = SupplierOrganisationFactory()
    data = answers(lot, buy_online="yes", unit_price="12", unit_name="mailbox")

    refused = ListingForm(data, {}, lot=lot, supplier=supplier)
    refused.full_clean()  # forms validate lazily: before the account exists
    account = ConnectedAccount.objects.create(supplier=supplier, stripe_account_id="acct_1")
    still_refused = ListingForm(data, {}, lot=lot, supplier=supplier)
    still_refused.full_clean()
    account.charges_enabled = True
    account.save()
    allowed = ListingForm(data, {}, lot=lot, supplier=supplier)

    message = (
        "Buyers can pay online only once your organisation has connected a Stripe account "
        "that can take card payments. Connect one from your account page, or select no"
    )
    assert refused.errors["buy_online"] == [message]
    assert still_refused.errors["buy_online"] == [message]
    assert allowed.is_valid()
    assert (
        allowed.content()["unit_name"],
        allowed.content()["min_quantity"],
        allowed.content()["max_quantity"],
    ) == ("mailbox", 1, None)
    assert ListingForm(answers(lot), {}, lot=lot, supplier=SupplierOrganisationFactory()).is_valid()


def test_a_unit_price_is_dropped_when_buyers_cannot_pay_online(lot):
    form = bound(lot, buy_online="no", unit_price="12")

    assert form.is_valid()
    assert form.content()["unit_price"] is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter the price in pounds"),
        ("about ten", "The price must be a number of pounds, like 1.50"),
        ("1.505", "Enter the price in pounds and pence, like 1.50"),
        ("-1", "The price must be £0 or more"),
        ("12345678901", "The price must be £9,999,999,999.99 or less"),
    ],
)
def test_price_messages_say_how_to_write_a_price(lot, value, message):
    assert bound(lot, price=value).errors["price"] == [message]


def test_the_pricing_questions_must_be_answered(lot):
    form = bound(lot, price_unit="", pricing_model="", buy_online="")

    assert form.errors["price_unit"] == ["Select what the price is for, like per user"]
    assert form.errors["pricing_model"] == ["Select how the service is priced"]
    assert form.errors["buy_online"] == [
        "Select yes if buyers can pay for the service online by card"
    ]


NOT_A_DOCUMENT = "The terms and conditions must be a PDF or ODT file"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("terms.docx", PDF), NOT_A_DOCUMENT),
        (("terms.pdf", b"MZ\x90\x00 a program renamed"), NOT_A_DOCUMENT),
        (("terms.pdf", b""), "The selected file is empty"),
    ],
    ids=["wrong extension", "renamed file", "empty file"],
)
def test_documents_must_be_pdf_or_odt(lot, upload, message):
    name, body = upload
    form = bound(lot, files={"terms": SimpleUploadedFile(name, body)})

    assert form.errors["terms"] == [message]


def test_documents_have_a_size_limit(lot):
    too_big = PDF + b"0" * (10 * 1024 * 1024)
    form = bound(lot, files={"service_definition": SimpleUploadedFile("def.pdf", too_big)})

    assert form.errors["service_definition"] == ["The service definition must be smaller than 10MB"]


def test_pdf_and_odt_documents_are_accepted(lot):
    files = {
        "service_definition": SimpleUploadedFile("definition.pdf", PDF),
        "terms": SimpleUploadedFile("terms.odt", ODT),
    }
    form = bound(lot, files=files)

    assert form.is_valid(), form.errors
    assert form.content()["terms"].name == "terms.odt"


def test_choose_lot_offers_only_lots_of_live_procured_frameworks():
    live = LotFactory()
    LotFactory(framework=FrameworkFactory(status="expired"))
    LotFactory(framework=FrameworkFactory(planned=True))

    lots = list(ChooseLotForm().fields["lot"].queryset)

    assert lots == [live]
    assert ChooseLotForm({}).errors["lot"] == ["Select the framework lot your service is for"]


# The categories as a tree ---------------------------------------------------------------------


@pytest.fixture
def lot_with_repeated_names():
    """Two groups that each hold an "Email" category, as the G-Cloud software lot does."""
    hosting, software = category_make("Hosting"), category_make("Software")
    children = [
        category_make("Email", parent=hosting),
        category_make("Backup", parent=hosting),
        category_make("Email", parent=software),
    ]
    return LotFactory(max_categories=2, categories=children), children


def boxes(form: ListingForm) -> list[tuple[str, str, str, bool]]:
    """(group, label, group said after the label, ticked) for every box of the tree."""
    return [
        (group["summary"], item["text"], item["context"], item["checked"])
        for group in form.category_groups()
        for item in group["items"]
    ]


def test_categories_are_grouped_by_parent_so_repeated_names_are_told_apart(
    lot_with_repeated_names,
):
    lot, _children = lot_with_repeated_names
    form = ListingForm(lot=lot)

    assert boxes(form) == [
        ("Hosting", "Backup", "Hosting", False),
        ("Hosting", "Email", "Hosting", False),
        ("Software", "Email", "Software", False),
    ]
    assert [group["open"] for group in form.category_groups()] == [False, False]


def test_a_form_with_errors_keeps_the_chosen_categories_ticked_in_open_groups(
    lot_with_repeated_names,
):
    lot, (_hosting_email, _backup, software_email) = lot_with_repeated_names
    form = bound(lot, name="", categories=[str(software_email.pk)])

    assert not form.is_valid()
    assert "name" in form.errors
    assert boxes(form)[2] == ("Software", "Email", "Software", True)
    assert [group["open"] for group in form.category_groups()] == [False, True]


def test_the_lots_category_limit_still_applies_to_the_tree(lot_with_repeated_names):
    lot, children = lot_with_repeated_names
    form = bound(lot, categories=[str(child.pk) for child in children])

    assert form.errors["categories"] == ["Select no more than 2 categories"]
    assert [ticked for *_, ticked in boxes(form)] == [True, True, True]


def test_one_group_is_shown_as_a_plain_list(lot):
    form = ListingForm(lot=lot)

    assert [group["summary"] for group in form.category_groups()] == [""]

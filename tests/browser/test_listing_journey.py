"""A supplier lists a service in a real browser, by keyboard alone and without
JavaScript; and the supplier's listing pages pass axe with and without it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from listings import services
from listings.models import Listing
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import (
    press_and_wait,
    sign_in,
    sign_in_by_keyboard,
    tab_to,
    type_into,
)
from tests.factories import (
    CcsReviewerFactory,
    LotFactory,
    SupplierUserFactory,
    category_make,
    listing_make,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def supplier_user():
    return SupplierUserFactory(email="owner@backup.example.co.uk")


@pytest.fixture
def lot():
    return LotFactory(name="Cloud software", categories=[category_make("Backup and recovery")])


def test_a_supplier_lists_a_service_by_keyboard_without_javascript(
    page_without_js, live_server, supplier_user, lot
):
    page = page_without_js
    page.goto(live_server.url + "/supplier/listings/")
    assert page.locator("h1").inner_text() == "Sign in"
    sign_in_by_keyboard(page, supplier_user.email)
    assert page.locator("h1").inner_text() == "Your listings"

    tab_to(page, "a:has-text('Create a listing')")
    press_and_wait(page, "Enter")
    tab_to(page, f"input[name=lot][value='{lot.pk}']")
    page.keyboard.press("Space")
    tab_to(page, "button:has-text('Continue')")
    press_and_wait(page, "Enter")
    assert page.locator("h1").inner_text() == "Describe your service"

    type_into(page, "#id_name", "Cloud backup for schools")
    type_into(page, "#id_summary", "Nightly backup of school files and e-mail, kept in the UK.")
    type_into(page, "#id_description", "We copy your files every night to two UK data centres.")
    type_into(page, "#id_features", "Nightly automatic backup\nSelf-service restore")
    type_into(page, "#id_benefits", "Recover lost coursework in minutes")
    tab_to(page, "#id_categories")
    page.keyboard.press("Space")
    tab_to(page, "input[name=regions][value='whole-uk']")
    page.keyboard.press("Space")
    type_into(page, "#id_price", "1.50")
    tab_to(page, "#id_price_unit")
    page.keyboard.press("ArrowDown")  # from "Choose a unit" to "per user"
    tab_to(page, "#id_pricing_model")
    page.keyboard.press("Space")
    tab_to(page, "#id_buy_online")
    page.keyboard.press("ArrowRight")  # arrow keys move through a radio group: "No"
    tab_to(page, "button:has-text('Save as draft')")
    press_and_wait(page, "Enter")

    assert page.locator("h1").inner_text() == "Cloud backup for schools"
    assert page.locator("#listing-status").inner_text() == "Status: Draft"
    listing = Listing.objects.get()
    version = listing.latest_version
    assert (version.price_unit, version.pricing_model, version.buy_online) == (
        "user",
        "fixed",
        False,
    )
    assert version.serves_whole_uk

    tab_to(page, "button:has-text('Submit for review')")
    press_and_wait(page, "Space")
    assert page.locator("#listing-status").inner_text() == "Status: Submitted for review"

    # CCS approves it (their review screens are in the Wagtail admin).
    services.listing_approve(actor=CcsReviewerFactory(), listing=listing)

    page.reload()
    assert page.locator("#listing-status").inner_text() == "Status: Published"
    public_link = page.locator("a:has-text('See your listing as buyers see it')")
    assert public_link.get_attribute("href") == f"/services/{listing.pk}/"


@pytest.fixture
def grouped_lot():
    """A lot whose categories sit in two groups that both hold an "Email" category."""
    hosting, software = category_make("Hosting"), category_make("Software")
    return LotFactory(
        name="Cloud software",
        categories=[
            category_make("Email", parent=hosting),
            category_make("Backup", parent=hosting),
            category_make("Email", parent=software),
        ],
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_the_supplier_listing_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, supplier_user, lot, grouped_lot, javascript
):
    browser_page = page if javascript else page_as_without_js
    # A listing with the most to show: published with a document, then changed, and
    # the change rejected.
    listing = listing_make(
        supplier_user=supplier_user,
        lot=lot,
        publish=True,
        service_definition=SimpleUploadedFile("Service definition.pdf", b"%PDF-1.4"),
    )
    services.listing_draft_save(
        actor=supplier_user, listing=listing, content={"summary": "Backup for every school."}
    )
    services.listing_submit(actor=supplier_user, listing=listing)
    services.listing_reject(actor=CcsReviewerFactory(), listing=listing, reason="Say where.")
    sign_in(browser_page, live_server.url, supplier_user.email)

    pages = {
        "your listings": "/supplier/listings/",
        "choose a lot": "/supplier/listings/new/",
        "listing form": f"/supplier/listings/new/{lot.pk}/",
        "listing form, categories in groups": f"/supplier/listings/new/{grouped_lot.pk}/",
        "listing detail": f"/supplier/listings/{listing.pk}/",
        "withdraw": f"/supplier/listings/{listing.pk}/withdraw/",
    }
    for name, path in pages.items():
        browser_page.goto(live_server.url + path)
        assert browser_page.locator("h1").count() == 1, name
        assert axe_violations(browser_page) == [], name

    browser_page.goto(live_server.url + pages["listing form"])
    browser_page.fill("#id_name", "CRM, HR, payroll, finance")
    browser_page.click("button:has-text('Save as draft')")
    browser_page.wait_for_load_state()
    assert browser_page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(browser_page) == [], "listing form with errors"

    # A colleague saves a change while this page is open: the save here is refused.
    browser_page.goto(live_server.url + f"/supplier/listings/{listing.pk}/edit/")
    services.listing_draft_save(
        actor=supplier_user,
        listing=listing,
        content={"summary": "A colleague's change."},
        revision=listing.latest_version.revision,
    )
    browser_page.fill("#id_name", "Backup for trusts")
    browser_page.click("button:has-text('Save as draft')")
    browser_page.wait_for_load_state()
    summary = browser_page.locator(".govuk-error-summary")
    assert "Someone else in your organisation changed this listing at" in summary.inner_text()
    assert browser_page.input_value("#id_name") == "Backup for trusts"
    assert axe_violations(browser_page) == [], "listing form after an edit conflict"


def test_the_listing_form_groups_categories_and_keeps_them_after_an_error(
    page_without_js, live_server, supplier_user, grouped_lot
):
    page = page_without_js
    sign_in(page, live_server.url, supplier_user.email)
    page.goto(live_server.url + f"/supplier/listings/new/{grouped_lot.pk}/")

    assert page.locator("summary").all_inner_texts() == ["Hosting", "Software"]
    assert page.locator("details[open]").count() == 0
    page.locator("summary:has-text('Software')").click()
    page.locator("details[open] label:has-text('Email')").click()
    page.click("button:has-text('Save as draft')")
    page.wait_for_load_state()

    assert page.locator(".govuk-error-summary").is_visible()
    opened = page.locator("details[open]")
    assert opened.locator("summary").inner_text() == "Software"
    assert opened.locator("input[name=categories]:checked").count() == 1
    assert page.locator("input[name=categories]:checked").count() == 1

"""The public supplier and listing pages in a real browser, with and without JavaScript."""

import pytest

from suppliers import services
from tests.browser.conftest import axe_violations
from tests.factories import supplier_showcase_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def showcase():
    showcase = supplier_showcase_make()
    # The profile's guidelines section in its "follows" state.
    services.guidelines_declare(actor=showcase["supplier_user"], supplier=showcase["supplier"])
    return showcase


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_public_supplier_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, showcase, javascript
):
    browser_page = page if javascript else page_as_without_js
    pages = {
        "A to Z": "/suppliers/",
        "A to Z, one letter": "/suppliers/?letter=A",
        "supplier profile": f"/suppliers/{showcase['supplier'].slug}/",
        "listing": showcase["listings"][0].get_absolute_url(),
        "supply-chain guidelines": "/supply-chain-guidelines/",
    }
    for name, path in pages.items():
        browser_page.goto(live_server.url + path)
        assert browser_page.locator("h1").count() == 1, name
        assert axe_violations(browser_page) == [], name


def test_a_buyer_goes_from_a_letter_to_a_supplier_to_a_service_without_javascript(
    page_without_js, live_server, showcase
):
    page = page_without_js
    page.goto(live_server.url + "/frameworks/")
    page.click(".govuk-service-navigation a:has-text('Suppliers')")
    page.get_by_role("link", name="Suppliers starting with A", exact=True).click()
    assert page.locator("#results-count").inner_text() == "1 supplier starting with A"

    page.click("a:has-text('Acorn Digital')")
    assert page.locator("h1").inner_text() == "Acorn Digital"
    page.click("a:has-text('Case management for housing teams')")
    assert page.locator("h1").inner_text() == "Case management for housing teams"

    page.click("a:has-text('Digital Outcomes 7')")
    assert page.locator("#listing-count").inner_text() == "2 live service listings"

"""The site shell in a real browser: accessibility with and without JavaScript,
keyboard use, and the sign-in journey with JavaScript off."""

from decimal import Decimal

import pytest

from marketplace.core.models import Region
from search.request import PAGE_SIZE as SEARCH_PAGE_SIZE
from search.services import search_entries_rebuild
from strategies.models import PipelineEntry
from strategies.services import PlannedEntry, strategy_save
from strategies.views import PER_PAGE as PIPELINE_PER_PAGE
from suppliers.views import PER_PAGE as SUPPLIERS_PER_PAGE
from tests.browser.conftest import axe_violations
from tests.factories import (
    PASSWORD,
    BuyerFactory,
    BuyingOrganisationFactory,
    CcsReviewerFactory,
    LotFactory,
    SupplierOrganisationFactory,
)
from tests.search.catalogue import offer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "home": "/",
    "content page": "/accessibility-statement/",
    "sign in": "/account/sign-in/",
    "create a buyer account": "/account/register/",
    "reset password": "/account/password-reset/",
    "page not found": "/no-such-page/",
}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_accessibility_violations_with_javascript(page, live_server, path):
    page.goto(live_server.url + path)

    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_accessibility_violations_without_javascript(page_as_without_js, live_server, path):
    page = page_as_without_js
    page.goto(live_server.url + path)

    assert not page.evaluate("document.body.classList.contains('js-enabled')")
    assert axe_violations(page) == []


def test_a_sign_in_error_page_has_no_accessibility_violations(page, live_server):
    page.goto(live_server.url + "/account/sign-in/")
    page.fill("#id_email", "someone@leeds.gov.uk")
    page.fill("#id_password", "wrong")
    page.click("button:has-text('Sign in')")

    assert page.locator(".govuk-error-summary").is_visible()
    # GOV.UK Frontend moves focus to the error summary so screen readers announce it.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert axe_violations(page) == []


def test_a_bad_sign_in_without_javascript_shows_the_error_and_keeps_the_email(
    page_without_js, live_server
):
    BuyerFactory(email="buyer@leeds.gov.uk")
    page = page_without_js
    page.goto(live_server.url + "/account/sign-in/")
    page.fill("#id_email", "buyer@leeds.gov.uk")
    page.fill("#id_password", "not my password")
    page.click("button:has-text('Sign in')")

    assert page.title().startswith("Error: Sign in")
    summary = page.locator(".govuk-error-summary")
    assert "The e-mail address or password is not right" in summary.inner_text()
    assert page.input_value("#id_email") == "buyer@leeds.gov.uk"
    assert page.input_value("#id_password") == ""


def test_a_buyer_signs_in_and_out_by_keyboard_alone(page, live_server):
    buyer = BuyerFactory(email="keyboard@leeds.gov.uk")
    page.goto(live_server.url + "/account/sign-in/")

    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    page.focus("#id_email")
    page.keyboard.type(buyer.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/account/")
    assert page.locator("h1").inner_text() == "Your account"
    page.locator("button:has-text('Sign out')").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/sign-out/")
    assert "You have signed out" in page.locator("main").inner_text()


# Paged lists: the pagination component only appears with more than one page of
# results, so each list gets enough data for three pages and is scanned on pages 1 and 2.


@pytest.fixture
def paged_lists(settings):
    settings.SEARCH_ENGINE = "database"
    lot = LotFactory()
    reviewer = CcsReviewerFactory()
    for number in range(2 * SEARCH_PAGE_SIZE + 1):
        offer(lot=lot, reviewer=reviewer, name=f"Cloud hosting service {number:02}")
    search_entries_rebuild()
    SupplierOrganisationFactory.create_batch(2 * SUPPLIERS_PER_PAGE + 1)
    region = Region.objects.get(code="TLI")
    strategy_save(
        organisation=BuyingOrganisationFactory(name="Alpha Purchasing", slug="alpha"),
        financial_year=2026,
        entries=[
            PlannedEntry(
                PipelineEntry(
                    title=f"Planned procurement {number:03}",
                    value_amount=Decimal("90000"),
                    value_band="",
                    suitable_for_sme=True,
                    reference=f"A-{number}",
                ),
                [],
                [region],
            )
            for number in range(2 * PIPELINE_PER_PAGE + 1)
        ],
    )


PAGED_LISTS = {
    "search results": "/search/?q=hosting",
    "suppliers A to Z": "/suppliers/",
    "procurement pipeline": "/strategies/pipeline/?suitable=sme",
    "opportunities for small suppliers": "/strategies/opportunities/",
}


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_paged_lists_have_no_accessibility_violations_on_pages_1_and_2(
    page, page_as_without_js, live_server, paged_lists, javascript
):
    browser_page = page if javascript else page_as_without_js
    for name, path in PAGED_LISTS.items():
        for number in (1, 2):
            separator = "&" if "?" in path else "?"
            browser_page.goto(f"{live_server.url}{path}{separator}page={number}")
            where = f"{name}, page {number}"
            links = browser_page.locator(".govuk-pagination__item a")
            assert links.count() == 3, where
            labels = [links.nth(i).get_attribute("aria-label") for i in range(3)]
            assert labels == ["Page 1", "Page 2", "Page 3"], where
            current = browser_page.locator(".govuk-pagination__item--current a")
            assert current.get_attribute("aria-label") == f"Page {number}", where
            assert axe_violations(browser_page) == [], where

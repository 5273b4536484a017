"""The site shell in a real browser: accessibility with and without JavaScript,
keyboard use, and the sign-in journey with JavaScript off."""

from decimal import Decimal

import pytest

from marketplace.core.models import HomePage, Region
from search.request import PAGE_SIZE as SEARCH_PAGE_SIZE
from search.services import search_entries_rebuild
from strategies.models import PipelineEntry
from strategies.page_views import PER_PAGE as PIPELINE_PER_PAGE
from strategies.services import PlannedEntry, strategy_save
from suppliers.views import PER_PAGE as SUPPLIERS_PER_PAGE
from tests.browser.conftest import axe_violations
from tests.factories import (
    PASSWORD,
    BuyerFactory,
    BuyingOrganisationFactory,
    CcsReviewerFactory,
    LotFactory,
    SupplierOrganisationFactory,
    UserFactory,
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

    page.wait_for_url(live_server.url + "/")
    assert page.locator("#next-steps").inner_text() == "Your next steps"
    page.goto(live_server.url + "/account/")
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
    refusals = watch_for_csp_violations(browser_page)
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
    # The pipeline's scrolling table keeps its inline style under the policy.
    assert refusals == []


# The Content-Security-Policy: GOV.UK Frontend must still start under it.

RECORD_CSP_VIOLATIONS = """
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
        window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
"""


def watch_for_csp_violations(page) -> list[str]:
    """Chromium reports each refusal in the console as well as by the event."""
    refusals: list[str] = []

    def record(message):
        if "Content Security Policy" in message.text:
            refusals.append(message.text)

    page.on("console", record)
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    return refusals


def sign_in(page, base_url: str, email: str, next_path: str = "") -> None:
    page.goto(f"{base_url}/account/sign-in/" + (f"?next={next_path}" if next_path else ""))
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button:has-text('Sign in')")


def test_gov_uk_frontend_starts_under_the_content_security_policy(page, live_server, settings):
    settings.SEARCH_ENGINE = "database"
    console_errors = watch_for_csp_violations(page)
    pages = ["/", "/search/?q=backup", "/strategies/pipeline/", "/no-such-page/"]
    for path in pages:
        response = page.goto(live_server.url + path)
        assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"], path
        assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')"), path
        assert page.evaluate("window.cspViolations") == [], path

    page.goto(live_server.url + "/account/sign-in/")
    # The password input's own script marks it started and reveals its Show button.
    assert page.locator("[data-govuk-password-input-init]").count() == 1
    page.fill("#id_password", "secret")
    page.click("button:has-text('Show')")
    assert page.get_attribute("#id_password", "type") == "text"
    assert page.evaluate("window.cspViolations") == []
    assert console_errors == []


def test_the_wagtail_admin_works_under_its_own_policy(page, live_server):
    admin = UserFactory(email="admin@ccs.example.gov.uk", is_superuser=True)
    console_errors = watch_for_csp_violations(page)
    sign_in(page, live_server.url, admin.email)
    assert page.url == live_server.url + "/admin/"

    home = HomePage.objects.get()
    for path in ["/admin/", "/admin/pages/", f"/admin/pages/{home.pk}/edit/", "/admin/users/"]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "'unsafe-inline'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.cspViolations") == [], path
    assert console_errors == []


# Sign-in lands each kind of user on their next steps; a buyer's are on the home page.


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_a_buyers_home_page_has_no_accessibility_violations(
    page, page_as_without_js, live_server, javascript
):
    browser_page = page if javascript else page_as_without_js
    buyer = BuyerFactory(email="next@leeds.gov.uk")

    sign_in(browser_page, live_server.url, buyer.email)
    # Without JavaScript the test's router follows the redirects itself, so the
    # address bar would still show the sign-in page: ask for the landing page.
    browser_page.goto(live_server.url + "/")

    assert browser_page.locator("#next-steps").inner_text() == "Your next steps"
    assert axe_violations(browser_page) == []

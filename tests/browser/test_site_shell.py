"""The site shell in a real browser: accessibility with and without JavaScript,
keyboard use, and the sign-in journey with JavaScript off."""

import pytest

from tests.browser.conftest import axe_violations
from tests.factories import PASSWORD, BuyerFactory

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

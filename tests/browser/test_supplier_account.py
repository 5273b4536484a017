"""The supplier's own area in a real browser: registering by keyboard without
JavaScript, and no accessibility violations on any of its pages."""

import re

import pytest

from suppliers import services
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import keyboard_type, press_and_wait
from tests.factories import (
    PASSWORD,
    SupplierOrganisationFactory,
    SupplierUserFactory,
    partnership_make,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(base_url + "/account/sign-in/")
    page.locator("#id_email").focus()
    keyboard_type(page, email)
    page.keyboard.type(PASSWORD)
    press_and_wait(page)


def test_a_supplier_registers_confirms_and_edits_its_profile_by_keyboard_without_javascript(
    page_without_js, live_server, mailoutbox
):
    page = page_without_js
    page.goto(live_server.url + "/account/sign-in/")
    page.get_by_role("link", name="register as a supplier").focus()
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Register as a supplier"

    page.locator("#id_name").focus()
    keyboard_type(page, "Keyboard Co-operative Ltd", "", "1234567", "", "7", "450,000", "")
    # The VCSE radios are one stop: Space picks the first, arrows move the choice.
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    keyboard_type(page, "ls1 4ap", "Kim Doe", "kim@keyboard-coop.example.co.uk")
    page.keyboard.type(PASSWORD)
    press_and_wait(page)  # Enter in the password field sends the form

    assert page.locator("h1").inner_text() == "Check your e-mail", page.locator(
        ".govuk-error-summary"
    ).all_inner_texts()
    (message,) = mailoutbox
    confirm = re.search(r"https?://[^/\s]+(/account/confirm/\S+/)", message.body).group(1)
    page.goto(live_server.url + confirm)
    sign_in(page, live_server.url, "kim@keyboard-coop.example.co.uk")
    page.get_by_role("link", name="Your organisation", exact=True).focus()
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Keyboard Co-operative Ltd"
    assert page.get_by_text("Co-operative", exact=True).count() == 1
    assert page.get_by_text("Micro (an SME)").count() == 1

    page.get_by_role("link", name="Edit your profile").focus()
    press_and_wait(page)
    page.locator("#id_staff_headcount").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("40")
    page.get_by_label("The whole UK").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save profile").focus()
    press_and_wait(page)

    assert page.get_by_text("Your profile has been saved. Your size is: Small.").count() == 1
    assert page.get_by_text("The whole UK").count() == 1


@pytest.fixture
def supplier_area():
    """A supplier with a teammate, an open invitation, and partnerships in every state:
    one to answer, one confirmed, one waiting for the partner and one declined."""
    user = SupplierUserFactory(
        email="owner@acme.example.co.uk", supplier_organisation__name="Acme Ltd"
    )
    SupplierUserFactory(supplier_organisation=user.supplier_organisation)
    supplier = user.supplier_organisation
    invitation = services.supplier_invitation_create(
        actor=user, supplier=supplier, email="new@acme.example.co.uk"
    )
    services.partnership_propose(
        actor=user,
        supplier=supplier,
        partner=SupplierOrganisationFactory(name="Bolt Hosting Ltd"),
        role="subcontractor",
        statement="They host our case-management service.",
    )
    prime = SupplierUserFactory(supplier_organisation__name="Big Prime plc")
    to_answer = services.partnership_propose(
        actor=prime,
        supplier=prime.supplier_organisation,
        partner=supplier,
        role="subcontractor",
        statement="Acme runs user research for us.",
    )
    confirmed = partnership_make(
        supplier_user=user, partner=SupplierOrganisationFactory(name="Cog Data Ltd")
    )
    declined = SupplierUserFactory(supplier_organisation__name="Dial Design Ltd")
    services.partnership_decline(
        actor=declined,
        partnership=services.partnership_propose(
            actor=user,
            supplier=supplier,
            partner=declined.supplier_organisation,
            role="prime",
            statement="They led our bid.",
        ),
    )
    return user, services.invitation_token(invitation=invitation), to_answer, confirmed


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_supplier_account_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, supplier_area, javascript
):
    browser_page = page if javascript else page_as_without_js
    user, token, to_answer, confirmed = supplier_area
    public_pages = {
        "register": "/supplier/register/",
        "accept invitation": f"/supplier/invitation/{token}/",
        "bad invitation": "/supplier/invitation/damaged/",
    }
    for name, path in public_pages.items():
        browser_page.goto(live_server.url + path)
        assert browser_page.locator("h1").count() == 1, name
        assert axe_violations(browser_page) == [], name

    # The register page with every error showing.
    browser_page.goto(live_server.url + "/supplier/register/")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Register").click()
    assert browser_page.locator(".govuk-error-summary").count() == 1
    assert axe_violations(browser_page) == [], "register with errors"

    sign_in(browser_page, live_server.url, user.email)
    answer = f"partners/{to_answer.pk}/answer/"
    for name in (
        "",
        "profile/",
        "team/",
        "partners/",
        answer,
        f"partners/{confirmed.pk}/end/",
        "supply-chain-guidelines/",
    ):
        browser_page.goto(f"{live_server.url}/supplier/{name}")
        assert browser_page.locator("h1").count() == 1, name
        assert axe_violations(browser_page) == [], name or "dashboard"

    # Answering without choosing, then declaring: the error and the declared states.
    browser_page.goto(f"{live_server.url}/supplier/{answer}")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Send answer").click()
    assert browser_page.locator(".govuk-error-summary").count() == 1
    assert axe_violations(browser_page) == [], "answer with an error"
    browser_page.goto(f"{live_server.url}/supplier/supply-chain-guidelines/")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Declare that we follow these guidelines").click()
    assert browser_page.get_by_text("Your public profile now says so.").count() == 1
    assert axe_violations(browser_page) == [], "guidelines declared"

"""A buyer asks a supplier a question from the service page and reads the answer, by
keyboard alone and without JavaScript; the service page (with the supplier's contact
and how to buy), the question form, both lists and a thread pass axe."""

import pytest

from frameworks.models import RouteToMarket
from questions import services
from questions.models import Question
from suppliers.models import SupplierOrganisation
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import press_and_wait, sign_in, sign_in_by_keyboard, tab_to, type_into
from tests.factories import (
    BuyerFactory,
    FrameworkFactory,
    LotFactory,
    SupplierUserFactory,
    listing_make,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def buyer():
    return BuyerFactory(
        email="ann.buyer@school.example.gov.uk",
        full_name="Ann Buyer",
        buyer_organisation__name="Hilltop School",
    )


@pytest.fixture
def supplier_user():
    return SupplierUserFactory(
        email="sam@acme.example.co.uk",
        supplier_organisation__name="Acme Ltd",
        supplier_organisation__contact_name="Priya Shah",
        supplier_organisation__contact_email="bids@acme.example.co.uk",
        supplier_organisation__contact_phone="01632 960 001",
        supplier_organisation__publish_contact_name=True,
        supplier_organisation__publish_contact_email=True,
    )


@pytest.fixture
def listing(supplier_user):
    framework = FrameworkFactory(
        name="G-Cloud 14", slug="g-cloud-14", route_to_market=RouteToMarket.DIRECT_AWARD
    )
    lot = LotFactory(framework=framework, number="2", name="Cloud software")
    return listing_make(supplier_user=supplier_user, lot=lot, publish=True, name="Cloud backup")


def test_a_buyer_asks_the_supplier_answers_and_the_buyer_reads_it_by_keyboard_without_javascript(
    browser, page_without_js, live_server, buyer, supplier_user, listing
):
    page = page_without_js
    page.goto(f"{live_server.url}/services/{listing.pk}/")
    contact = page.locator("#contact + .govuk-summary-list").inner_text()
    assert "Priya Shah" in contact
    assert "bids@acme.example.co.uk" in contact
    assert "01632" not in page.locator("main").inner_text()  # the phone is not published
    tab_to(page, "a:has-text('Sign in as a buyer to ask Acme Ltd a question')")
    press_and_wait(page)
    sign_in_by_keyboard(page, buyer.email)
    assert page.locator("h1").inner_text() == "Ask Acme Ltd a question"

    type_into(page, "#id_text", "Does the backup include e-mail?")
    tab_to(page, "button:has-text('Send question')")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Your question to Acme Ltd"
    assert "Your question has been sent to Acme Ltd" in (
        page.locator(".govuk-notification-banner").inner_text()
    )

    context = browser.new_context(java_script_enabled=False)
    supplier_page = context.new_page()
    supplier_page.goto(f"{live_server.url}/account/sign-in/")
    sign_in_by_keyboard(supplier_page, supplier_user.email)
    assert supplier_page.locator("h1").inner_text() == "Acme Ltd"
    tab_to(supplier_page, "a:has-text('Questions from buyers')")
    press_and_wait(supplier_page)
    row = supplier_page.locator("tbody tr").first.inner_text()
    assert "Hilltop School" in row
    assert "Not answered" in row
    tab_to(supplier_page, "tbody a:has-text('Does the backup include e-mail?')")
    press_and_wait(supplier_page)
    assert supplier_page.locator("h1").inner_text() == "Question from Hilltop School"
    assert "Ann Buyer" not in supplier_page.content()
    assert buyer.email not in supplier_page.content()
    type_into(supplier_page, "#id_text", "Yes: mailboxes are backed up every night.")
    tab_to(supplier_page, "button:has-text('Send answer')")
    press_and_wait(supplier_page)
    assert "Your answer has been sent" in (
        supplier_page.locator(".govuk-notification-banner").inner_text()
    )
    context.close()

    page.goto(f"{live_server.url}/account/")
    tab_to(page, "a:has-text('Your questions to suppliers')")
    press_and_wait(page)
    assert "Answered" in page.locator("tbody tr").first.inner_text()
    tab_to(page, "tbody a:has-text('Does the backup include e-mail?')")
    press_and_wait(page)
    assert "Yes: mailboxes are backed up every night." in page.locator("main").inner_text()


def _check(page, name: str) -> None:
    assert page.locator("h1").count() == 1, name
    assert axe_violations(page) == [], name


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_the_question_pages_have_no_accessibility_violations(
    browser, page, page_as_without_js, live_server, buyer, supplier_user, listing, javascript
):
    browser_page = page if javascript else page_as_without_js
    answered = services.question_ask(actor=buyer, listing=listing, text="Is there a trial?")
    services.question_answer(actor=supplier_user, question=answered, text="Yes, 30 days.")
    waiting = services.question_ask(actor=buyer, listing=listing, text="Does it back up e-mail?")
    service_page = f"/services/{listing.pk}/"

    browser_page.goto(live_server.url + service_page)
    _check(browser_page, "service page, signed out")
    sign_in(browser_page, live_server.url, buyer.email)
    for name, path in {
        "service page, buyer": service_page,
        "question form": f"/buyer/questions/ask/{listing.pk}/",
        "buyer's questions": "/buyer/questions/",
        "buyer's thread": f"/buyer/questions/{answered.pk}/",
    }.items():
        browser_page.goto(live_server.url + path)
        _check(browser_page, name)
    browser_page.goto(live_server.url + f"/buyer/questions/ask/{listing.pk}/")
    browser_page.click("button:has-text('Send question')")
    browser_page.wait_for_load_state()
    assert browser_page.locator(".govuk-error-summary").is_visible()
    _check(browser_page, "question form with errors")

    browser_page.context.clear_cookies()
    sign_in(browser_page, live_server.url, supplier_user.email)
    for name, path in {
        "supplier's questions": "/supplier/questions/",
        "supplier's thread, waiting": f"/supplier/questions/{waiting.pk}/",
        "supplier's thread, answered": f"/supplier/questions/{answered.pk}/",
        "supplier profile": "/supplier/profile/",
        "supplier page": f"/suppliers/{listing.supplier.slug}/",
    }.items():
        browser_page.goto(live_server.url + path)
        _check(browser_page, name)
    assert Question.objects.count() == 2
    assert SupplierOrganisation.objects.get(pk=listing.supplier_id).publish_contact_email

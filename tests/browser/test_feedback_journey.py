"""Open feedback in a real browser: a buyer writes it, a moderator publishes it,
the supplier replies, and the public reads both, by keyboard and without
JavaScript; and every feedback page type passes axe with and without it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback import services
from feedback.models import Feedback, SupplierResponse
from feedback.selectors import relationships_open_for_feedback
from marketplace.core.models import Region
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import (
    press_and_wait,
    sign_in,
    sign_in_by_keyboard,
    tab_to,
    type_into,
)
from tests.factories import BuyerFactory, SupplierUserFactory, listing_make
from tests.feedback import conftest as feedback_fixtures
from tests.feedback.conftest import award_make, content

moderator = feedback_fixtures.moderator  # the same fixture as the feedback tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def contract():
    """A council that awarded a contract, through this service, to a backup supplier."""
    supplier_user = SupplierUserFactory(
        email="owner@backup.example.co.uk", supplier_organisation__name="Backup Ltd"
    )
    listing = listing_make(supplier_user=supplier_user, publish=True)
    buyer = BuyerFactory(
        email="buyer@leeds.example.gov.uk", buyer_organisation__name="Leeds City Council"
    )
    return buyer, supplier_user, award_make(buyer=buyer, listing=listing)


def publish_in_admin(browser, live_server, moderator, path: str) -> str:
    """A moderator signs in, opens the item in the Wagtail admin and presses Publish,
    by keyboard with JavaScript off. Returns what the item's page showed."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/account/sign-in/")
    sign_in_by_keyboard(page, moderator.email)
    page.goto(live_server.url + path)
    seen = page.locator("main").inner_text()
    tab_to(page, "button:has-text('Publish')")
    press_and_wait(page, "Enter")
    context.close()
    return seen


def test_write_moderate_publish_and_reply_by_keyboard_without_javascript(
    page_without_js, browser, live_server, contract, moderator
):
    buyer, supplier_user, _award = contract
    supplier = supplier_user.supplier_organisation
    page = page_without_js

    # The buyer leaves feedback.
    page.goto(f"{live_server.url}/feedback/suppliers/{supplier.slug}/write/")
    assert page.locator("h1").inner_text() == "Sign in"
    sign_in_by_keyboard(page, buyer.email)
    assert page.locator("h1").inner_text() == "Leave feedback"
    assert page.locator("input[name=relationship]").first.is_checked()  # their one contract
    tab_to(page, "#id_overall")  # the first level, "Exceptional"
    page.keyboard.press("ArrowDown")  # arrow keys move through a radio group: "Very good"
    tab_to(page, "#id_would_use_again")
    page.keyboard.press("Space")  # "Yes"
    type_into(page, "#id_went_well", "Restores were quick and the team explained everything.")
    tab_to(page, "#id_display_mode")
    page.keyboard.press("Space")  # show the organisation's name
    tab_to(page, "button:has-text('Send feedback')")
    press_and_wait(page, "Enter")
    assert page.locator("h1").inner_text() == "Feedback sent"
    assert "checked by a moderator before it is published" in page.locator("main").inner_text()

    # A moderator publishes it in the Wagtail admin, also without JavaScript.
    feedback = Feedback.objects.get()
    version = feedback.versions.get()
    assert (version.overall, version.would_use_again) == (4, True)
    seen = publish_in_admin(
        browser, live_server, moderator, f"/admin/feedback-moderation/feedback/{version.pk}/"
    )
    assert "Leeds City Council" in seen  # moderators see the verified identity
    version.refresh_from_db()
    assert version.state == "published"

    # The supplier replies.
    supplier_context = browser.new_context(java_script_enabled=False)
    supplier_page = supplier_context.new_page()
    supplier_page.goto(f"{live_server.url}/feedback/about-you/")
    sign_in_by_keyboard(supplier_page, supplier_user.email)
    assert supplier_page.locator("h1").inner_text() == "Feedback about you"
    tab_to(supplier_page, "a:has-text('Respond')")
    press_and_wait(supplier_page, "Enter")
    assert supplier_page.locator("h1").inner_text() == "Respond to feedback"
    type_into(supplier_page, "#id_text", "Thank you. We now send invoices on the first day.")
    tab_to(supplier_page, "button:has-text('Send response')")
    press_and_wait(supplier_page, "Enter")
    assert "waiting for a moderator" in supplier_page.locator("main").inner_text()
    supplier_context.close()

    # A moderator publishes the reply in the admin; the public reads both.
    response = SupplierResponse.objects.get()
    publish_in_admin(
        browser, live_server, moderator, f"/admin/feedback-moderation/responses/{response.pk}/"
    )
    response.refresh_from_db()
    assert response.state == "published"
    public_context = browser.new_context(java_script_enabled=False)
    public_page = public_context.new_page()
    public_page.goto(f"{live_server.url}/feedback/suppliers/{supplier.slug}/")
    text = public_page.locator("main").inner_text()
    public_context.close()
    assert "From Leeds City Council" in text
    assert "Restores were quick and the team explained everything." in text
    assert "Response from Backup Ltd" in text
    assert "Thank you. We now send invoices on the first day." in text
    assert "Rated 4.0 out of 5 from 1 review" in text
    assert buyer.email not in text and buyer.full_name not in text


def _yorkshire() -> Region:
    # The regions come from a data migration. A transactional test's flush removes
    # them, and serialized_rollback does not always put them back here: with
    # Playwright's event loop in the test thread, Django can hand the test a
    # database connection that never held the serialized copy. So make sure.
    region, _ = Region.objects.get_or_create(
        code="TLE",
        defaults={"nuts1_code": "UKE", "name": "Yorkshire and The Humber", "country": "England"},
    )
    return region


def _everything_to_show(contract, moderator):
    """Feedback with an update, a reply, a decided dispute and an illustrative label;
    a second, pseudonymous feedback with nothing yet; and an open contract."""
    buyer, supplier_user, award = contract
    listing = award.awarded_entry.listing
    first = services.feedback_create(actor=buyer, content=content(), award=award)
    services.feedback_publish(actor=moderator, version=first.versions.get())
    services.feedback_update(
        actor=buyer, feedback=first, content=content(overall=3, went_well="Slower at the end.")
    )
    services.feedback_publish(
        actor=moderator,
        version=first.versions.get(number=2),
        went_well_public="Slower at the end. [redacted]",
        redaction_reason="personal-data",
    )
    reply = services.response_create(actor=supplier_user, feedback=first, text="We fixed it.")
    services.response_moderate(actor=moderator, response=reply, publish=True)
    dispute = services.dispute_raise(
        actor=supplier_user, version=first.versions.get(number=2), reason="Not slower."
    )
    services.dispute_decide(actor=moderator, dispute=dispute, upheld=False, decision="It stands.")
    Feedback.objects.filter(pk=first.pk).update(is_illustrative=True)

    other = BuyerFactory(buyer_organisation__name="Bradford Council")
    second = services.feedback_create(
        actor=other,
        award=award_make(buyer=other, listing=listing),
        content=content(overall=2),
        display_mode="pseudonym",
        pseudonym_region=_yorkshire(),
    )
    services.feedback_publish(actor=moderator, version=second.versions.get())
    award_make(buyer=buyer, listing=listing)  # a second contract, open for feedback
    # A third that starts next year: listed as not started, with the day it opens.
    services.declared_contract_create(
        actor=buyer,
        supplier=supplier_user.supplier_organisation,
        reference="LCC-NEXT",
        value_band="over-1m",
        start_date=timezone.localdate() + timedelta(days=365),
    )
    return first, second


def _future_contract_only(supplier) -> str:
    """A buyer whose one contract with the supplier has not started; their e-mail."""
    buyer = BuyerFactory(buyer_organisation__name="Wakefield Council")
    services.declared_contract_create(
        actor=buyer,
        supplier=supplier,
        reference="WMDC-9",
        value_band="10k-100k",
        start_date=timezone.localdate() + timedelta(days=90),
    )
    return buyer.email


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_every_feedback_page_type_has_no_accessibility_violations(
    page, page_as_without_js, live_server, contract, moderator, javascript
):
    browser_page = page if javascript else page_as_without_js
    buyer, supplier_user, award = contract
    supplier = supplier_user.supplier_organisation
    first, second = _everything_to_show(contract, moderator)

    def check(name: str, path: str | None = None) -> None:
        if path:
            browser_page.goto(live_server.url + path)
        assert browser_page.locator("h1").count() == 1, name
        assert axe_violations(browser_page) == [], name

    def send(button: str) -> None:
        browser_page.click(f"button:has-text('{button}')")
        browser_page.wait_for_load_state()
        assert browser_page.locator(".govuk-error-summary").is_visible()

    check("public supplier feedback", f"/feedback/suppliers/{supplier.slug}/")
    assert "because they were personal data" in browser_page.locator("main").inner_text()
    check("supplier profile with the summary", f"/suppliers/{supplier.slug}/")
    check("service page with the summary", f"/services/{award.awarded_entry.listing_id}/")
    assert "for the supplier as a whole" in browser_page.locator("main").inner_text()
    check("filtered", f"/feedback/suppliers/{supplier.slug}/?dimension=communication")
    check("listing feedback", f"/feedback/services/{award.awarded_entry.listing_id}/")
    check("open data", "/feedback/data/")

    sign_in(browser_page, live_server.url, buyer.email)
    check("write", f"/feedback/suppliers/{supplier.slug}/write/")
    assert (
        "This contract is not listed because it has not started yet"
        in browser_page.locator("main").inner_text()
    )
    send("Send feedback")
    check("write with errors")
    check("declare", f"/feedback/suppliers/{supplier.slug}/declare/")
    send("Continue")
    check("declare with errors")
    browser_page.fill("#id_start_date", "1")
    browser_page.fill("#id_start_date-month", "1")
    browser_page.fill("#id_start_date-year", "\u0661\u0662\u0663\u0664")
    send("Continue")
    check("declare with an implausible year")
    assert "must be between 1 January 2000 and" in browser_page.locator("main").inner_text()
    check("confirmation", f"/feedback/{first.pk}/sent/")
    check("your feedback", "/feedback/yours/")
    check("update", f"/feedback/{first.pk}/update/")
    check("withdraw confirmation", f"/feedback/{first.pk}/versions/2/withdraw/")

    browser_page.context.clear_cookies()
    sign_in(browser_page, live_server.url, supplier_user.email)
    check("about you", "/feedback/about-you/")
    check("respond", f"/feedback/{second.pk}/respond/")
    check("dispute", f"/feedback/{second.pk}/dispute/")
    send("Send dispute")
    check("dispute with errors")

    browser_page.context.clear_cookies()
    sign_in(browser_page, live_server.url, BuyerFactory().email)
    check("no contract: who can leave feedback", f"/feedback/suppliers/{supplier.slug}/write/")

    browser_page.context.clear_cookies()
    sign_in(browser_page, live_server.url, _future_contract_only(supplier))
    check("contract not started yet", f"/feedback/suppliers/{supplier.slug}/write/")
    assert browser_page.locator("h1").inner_text() == (
        "You can leave feedback once your contract has started"
    )

    # The moderator's page for a waiting feedback: marked names, the redaction reason.
    (open_award,) = relationships_open_for_feedback(user=buyer, supplier_id=supplier.pk)["awards"]
    waiting = services.feedback_create(
        actor=buyer, award=open_award, content=content(went_well="Our manager Priya Shah helped.")
    )
    browser_page.context.clear_cookies()
    sign_in(browser_page, live_server.url, moderator.email)
    check("moderation", f"/admin/feedback-moderation/feedback/{waiting.versions.get().pk}/")
    assert browser_page.locator("mark[title='personal data: name']").inner_text() == "Priya Shah"
    assert browser_page.locator("input[name=redaction_reason]").count() == 3

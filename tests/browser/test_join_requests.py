"""Joining a buyer organisation in a real browser: a member approves by keyboard
without JavaScript, and every page of the journey has no accessibility violations,
with and without JavaScript."""

import re
import time

import pytest
from django.core import signing

from marketplace.accounts import services
from marketplace.accounts.models import AllowedBuyerDomain, BuyerOrganisationJoinRequest, User
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import press_and_wait, sign_in, sign_in_by_keyboard, tab_to
from tests.factories import BuyerFactory, BuyerOrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def dfe_member():
    # Transactional tests start without the allow-list the data migration seeds.
    AllowedBuyerDomain.objects.get_or_create(domain="gov.uk")
    organisation = BuyerOrganisationFactory(
        name="Department for Education", email_domains="education.gov.uk"
    )
    return BuyerFactory(
        email="ann@education.gov.uk", full_name="Ann Member", buyer_organisation=organisation
    )


def waiting_person(organisation, email: str, name: str) -> User:
    """Someone who asked to join and confirmed their address."""
    person = UserFactory(email=email, full_name=name)
    BuyerOrganisationJoinRequest.objects.create(user=person, organisation=organisation)
    return person


def test_a_member_approves_a_request_by_keyboard_without_javascript(
    page_without_js, live_server, dfe_member
):
    page = page_without_js
    person = waiting_person(dfe_member.buyer_organisation, "sam@education.gov.uk", "Sam Jones")
    page.goto(live_server.url + "/account/sign-in/")
    sign_in_by_keyboard(page, dfe_member.email)

    tab_to(page, "a[href='/account/join-requests/']")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Requests to join Department for Education"
    tab_to(page, "button[value='approve']")
    # Its accessible name says whom it approves.
    approve = page.get_by_role("button", name="Approve Sam Jones", exact=True)
    assert approve.evaluate("button => button === document.activeElement")
    press_and_wait(page)

    assert page.get_by_text("Sam Jones now belongs to Department for Education").count() == 1
    assert page.get_by_text("Nobody is waiting to join Department for Education.").count() == 1
    assert User.objects.get(pk=person.pk).buyer_organisation == dfe_member.buyer_organisation


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_join_request_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, dfe_member, mailoutbox, javascript
):
    browser_page = page if javascript else page_as_without_js
    organisation = dfe_member.buyer_organisation
    waiting_person(organisation, "sam@education.gov.uk", "Sam Jones")
    refused = waiting_person(organisation, "ray@education.gov.uk", "Ray Refused")
    services.join_request_refuse(actor=dfe_member, join_request=refused.join_requests.get())

    # Asking to join: the form refusing another domain, then "check your e-mail".
    browser_page.goto(live_server.url + "/account/register/")
    browser_page.fill("#id_email", "pat@leeds.gov.uk")
    browser_page.fill("#id_full_name", "Pat Newcomer")
    browser_page.fill("#id_organisation_name", "Department for Education")
    browser_page.get_by_label("Central government").check()
    browser_page.fill("#id_password", "a long and unusual passphrase")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Create account").click()
    assert browser_page.get_by_text("Only people with an e-mail address at").count() == 2
    assert axe_violations(browser_page) == [], "another domain refused"
    browser_page.fill("#id_email", "pat@education.gov.uk")
    browser_page.fill("#id_password", "a long and unusual passphrase")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Create account").click()
    assert browser_page.locator("h1").inner_text() == "Check your e-mail"
    assert axe_violations(browser_page) == [], "check your e-mail"
    link = re.search(r"https?://[^/\s]+(/account/confirm/\S+/)", mailoutbox[-1].body).group(1)
    browser_page.goto(live_server.url + link)
    assert browser_page.get_by_text("We have asked the people who decide").count() == 1
    assert axe_violations(browser_page) == [], "e-mail confirmed, waiting"

    # The waiting person's account page, and the refused person's.
    browser_page.goto(live_server.url + "/account/sign-in/")
    browser_page.fill("#id_email", "pat@education.gov.uk")
    browser_page.fill("#id_password", "a long and unusual passphrase")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Sign in").click()
    assert browser_page.get_by_text("You are waiting to join Department for Education").count() == 1
    assert axe_violations(browser_page) == [], "account, waiting"
    browser_page.context.clear_cookies()
    sign_in(browser_page, live_server.url, refused.email)
    assert (
        browser_page.get_by_text(
            "Your request to join Department for Education was refused"
        ).count()
        == 1
    )
    assert axe_violations(browser_page) == [], "account, refused"

    # The member's page of requests, with people waiting and a decision made.
    browser_page.context.clear_cookies()
    sign_in(browser_page, live_server.url, dfe_member.email)
    browser_page.goto(live_server.url + "/account/join-requests/")
    assert browser_page.locator("button[value='approve']").count() == 2
    assert axe_violations(browser_page) == [], "requests to join"


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_an_expired_confirmation_link_page_has_no_accessibility_violations(
    page, page_as_without_js, live_server, javascript, monkeypatch
):
    browser_page = page if javascript else page_as_without_js
    person = UserFactory(email="late@leeds.gov.uk", is_active=False, email_verified_at=None)
    four_days_ago = time.time() - 4 * 24 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: four_days_ago)
    token = services.user_confirmation_token(user=person)
    monkeypatch.undo()

    browser_page.goto(f"{live_server.url}/account/confirm/{token}/")

    assert browser_page.locator("h1").inner_text() == "This link has expired"
    assert axe_violations(browser_page) == []

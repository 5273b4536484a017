"""'Did you mean' in a real browser: axe with and without JavaScript, and the link
followed by keyboard alone, keeping the buyer's filter."""

import pytest

from search.services import search_entries_rebuild
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import press_and_wait, tab_to, type_into
from tests.search.catalogue import offer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "did you mean, one word": "/search/?q=pyroll&region=TLC",
    "did you mean, no results": "/search/?q=cyber+securty+firewal",
}


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_ENGINE = "database"
    made = [
        offer(name="Payroll for schools", regions=("TLC",)),
        offer(name="Payroll bureau", regions=("TLD",)),
        offer(name="Managed firewall", summary="Cyber security for councils."),
    ]
    search_entries_rebuild()
    return made


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_did_you_mean_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, catalogue, javascript
):
    browser_page = page if javascript else page_as_without_js
    for name, path in PAGES.items():
        browser_page.goto(live_server.url + path)
        assert browser_page.locator("#did-you-mean").count() == 1, name
        assert axe_violations(browser_page) == [], name


def test_a_buyer_follows_did_you_mean_by_keyboard_without_javascript(
    page_without_js, live_server, catalogue
):
    page = page_without_js
    page.goto(live_server.url + "/search/?region=TLC")
    type_into(page, "#id_q", "pyroll")
    press_and_wait(page)

    assert page.locator("#did-you-mean").inner_text() == "Did you mean payroll?"

    tab_to(page, "#did-you-mean a")
    press_and_wait(page)

    assert page.locator("#id_q").input_value() == "payroll"
    assert page.locator("#did-you-mean").count() == 0
    assert page.locator("#results-count").inner_text() == "1 service found"
    assert "Remove filter: North East" in page.locator("#chosen-filters").inner_text()
    assert page.locator("#search-results").inner_text().startswith("Payroll for schools")

"""The buyer's search pages in a real browser: axe on every page type, with and without
JavaScript, and a guided journey by keyboard alone without JavaScript."""

import pytest

from search.services import search_entries_rebuild
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import press_and_wait, tab_to
from tests.search.catalogue import catalogue_make, offer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "results": "/search/?q=hosting&region=TLI",
    "no results": "/search/?q=telephony&region=TLI",
    "errors": "/search/?q=hosting&price_min=lots&page=0",
    "guides": "/search/guides/",
    "guide": "/search/guides/council/",
    "guide with errors": "/search/guides/council/?need=website&answered=yes",
    # The one backup service is in the North West: the guide offers the next steps.
    "guide with no services": "/search/guides/school/?need=backup&region=TLC&kind=any&answered=yes",
    "guide results": "/search/?region=TLD&q=backup",
}


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_ENGINE = "database"
    made = catalogue_make()
    backup = offer(name="Cloud backup for schools", size="small", regions=("TLD",))
    search_entries_rebuild()
    return made, backup


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_search_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, catalogue, javascript
):
    browser_page = page if javascript else page_as_without_js
    for name, path in PAGES.items():
        browser_page.goto(live_server.url + path)
        assert browser_page.locator("h1").count() == 1, name
        assert axe_violations(browser_page) == [], name


def test_a_buyer_follows_a_guide_to_a_listing_by_keyboard_without_javascript(
    page_without_js, live_server, catalogue
):
    _, backup = catalogue
    page = page_without_js
    page.goto(live_server.url + "/search/guides/")

    tab_to(page, "a:has-text('A school or academy')")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Find services for a school or academy"

    tab_to(page, "input[name=need][value=email]")  # Tab enters a radio group at its first radio
    page.keyboard.press("ArrowDown")  # website
    page.keyboard.press("ArrowDown")  # backup
    tab_to(page, "input[name=region][value=anywhere]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=kind][value=any]")
    page.keyboard.press("ArrowDown")  # only SMEs
    tab_to(page, "button:has-text('Show services')")
    press_and_wait(page)

    assert page.locator("h1").inner_text() == "Find a service"
    assert page.locator("#id_q").input_value() == "backup"
    assert page.locator("#results-count").inner_text() == "1 service found"
    assert page.locator("#chosen-filters").inner_text().count("Remove") == 2

    tab_to(page, "input[name=region][value=TLD]")  # narrow further: delivered in the North West
    page.keyboard.press("Space")
    tab_to(page, "button:has-text('Apply filters')")
    press_and_wait(page)
    assert page.locator("#results-count").inner_text() == "1 service found"
    assert "Remove filter: North West" in page.locator("#chosen-filters").inner_text()

    tab_to(page, f"#search-results a[href='/services/{backup.pk}/']")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Cloud backup for schools"

"""A buyer's plain words in a real browser, without JavaScript and by keyboard:
nothing matches every word, so the page says which words the services shown
match; the buyer narrows by region served and small businesses and opens a
listing. axe-core on the relaxed results and a category suggestion.

Filters are found by their visible labels (and the query parameter they send),
not by where they sit on the page, so a redesigned filter panel keeps the test.
"""

import pytest

from search.services import search_entries_rebuild
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import press_and_wait, tab_to
from tests.search.catalogue import catalogue_make, offer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# No listing holds "viruses": the words are the buyer's, not the catalogue's.
QUERY = "stop viruses reaching our office network"
NOTICE = (
    "No services match all of your words. Showing services that match "
    "'stop', 'reaching', 'office' and 'network'."
)
FIREWALL = {
    "summary": "Stops attacks reaching your office network, managed for you.",
    "description": "We run the firewall and watch it day and night.",
}
MOST_TABS = 400


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_ENGINE = "database"
    made = catalogue_make()
    wanted = offer(name="Managed firewall", size="small", regions=("TLD",), **FIREWALL)
    offer(name="Firewall for London offices", size="small", regions=("TLI",), **FIREWALL)
    offer(name="Enterprise firewall", size="large", regions=("TLD",), **FIREWALL)
    search_entries_rebuild()
    return made, wanted


def _focus(page, locator) -> None:
    """Press Tab until ``locator`` has the focus, as a keyboard user reaches it."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def _checkbox(page, name: str, label: str):
    """The box sending ``name`` whose visible label has ``label`` ("North West (2)"):
    "North West" also labels a head-office box, which sends another name."""
    for found in page.locator("label").filter(has_text=label).all():
        box = page.locator(f"[id='{found.get_attribute('for')}'][name={name}]")
        if box.count() == 1:
            return box
    raise AssertionError(f"No {name} box labelled {label}")


def test_plain_words_relax_then_filters_then_a_listing_by_keyboard_without_javascript(
    page_without_js, live_server, catalogue
):
    _, wanted = catalogue
    page = page_without_js
    page.goto(live_server.url + "/search/")

    tab_to(page, "#id_q")
    page.keyboard.type(QUERY)
    press_and_wait(page)

    assert page.locator("#relaxed-notice").inner_text() == NOTICE
    assert page.locator("#results-count").inner_text() == "3 services found"

    _focus(page, _checkbox(page, "region", "North West"))
    page.keyboard.press("Space")
    _focus(page, _checkbox(page, "size", "small or medium"))
    page.keyboard.press("Space")
    # The Apply button that follows the region, size and social value groups: the
    # next one a keyboard user reaches (the panel has one after each group).
    _focus(page, page.get_by_role("button", name="Apply filters").first)
    press_and_wait(page)

    assert page.locator("#relaxed-notice").inner_text() == NOTICE
    assert page.locator("#results-count").inner_text() == "1 service found"
    chosen = page.locator("#chosen-filters").inner_text()
    assert "North West" in chosen and "small or medium" in chosen.lower()

    tab_to(page, f"#search-results a[href='/services/{wanted.pk}/']")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Managed firewall"


PAGES = {
    "results": "/search/?q=firewall",
    "relaxed results": f"/search/?q={QUERY.replace(' ', '+')}",
    "category suggestion": "/search/?q=telephony",
}


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_relaxed_results_and_suggestions_have_no_accessibility_violations(
    page, page_as_without_js, live_server, catalogue, javascript
):
    browser_page = page if javascript else page_as_without_js
    for name, path in PAGES.items():
        browser_page.goto(live_server.url + path)
        assert axe_violations(browser_page) == [], name
    browser_page.goto(live_server.url + PAGES["category suggestion"])
    suggestion = browser_page.locator("#category-suggestions")
    # The link's hidden words name the category for screen reader users listing links.
    assert " ".join(suggestion.inner_text().split()) == (
        "Looking for Telephony? 1 service in Telephony"
    )
    telephony = catalogue[0].child_one
    link = suggestion.get_by_role("link", name="1 service in Telephony")
    assert link.get_attribute("href") == f"/search/?category={telephony.slug}"

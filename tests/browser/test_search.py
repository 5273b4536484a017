"""The buyer's search pages in a real browser: axe on every page type, with and without
JavaScript; a guided journey and the filter panel by keyboard alone without JavaScript."""

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
    "no filters": "/search/",
    "filters chosen, a category open": "/search/?region=TLD&size=small&category={child}",
    "paged": "/search/?page=2",
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
    backup = offer(
        name="Cloud backup for schools",
        size="small",
        regions=("TLD",),
        lot=made.lot_one,
        categories=[made.child_two],
    )
    for number in range(16):  # 21 services: two pages
        offer(name=f"Managed service {number:02}", lot=made.lot_two, categories=[made.other])
    search_entries_rebuild()
    return made, backup


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_search_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, catalogue, javascript
):
    browser_page = page if javascript else page_as_without_js
    child = catalogue[0].child_two.slug
    for name, path in PAGES.items():
        browser_page.goto(live_server.url + path.format(child=child))
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


def test_a_buyer_filters_by_region_size_and_a_category_by_keyboard_without_javascript(
    page_without_js, live_server, catalogue
):
    made, backup = catalogue
    page = page_without_js
    page.goto(live_server.url + "/search/")

    tab_to(page, "a:has-text('Filter results')")  # results first; the filters one link away
    press_and_wait_for_focus(page)
    tab_to(page, "input[name=region][value=TLD]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=size][value=small]")
    page.keyboard.press("Space")
    tab_to(page, "summary:has-text('Communications')")
    page.keyboard.press("Enter")  # opens the group: a details element needs no script
    tab_to(page, f"input[name=category][value='{made.child_two.slug}']")
    page.keyboard.press("Space")
    tab_to(page, "details[open] button:has-text('Apply filters')")  # the group's own button
    press_and_wait(page)

    assert page.locator("#results-count").inner_text() == "2 services found"
    chosen = page.locator("#chosen-filters").inner_text()
    assert "Remove filter: North West" in chosen
    assert "Remove filter: Small (fewer than 50 staff)" in chosen
    assert "Remove filter: Communications: Messaging" in chosen
    assert page.locator(f"input[name=category][value='{made.child_two.slug}']").is_checked()
    assert page.locator("input[name=region][value=TLD]").is_checked()
    tab_to(page, f"#search-results a[href='/services/{backup.pk}/']")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Cloud backup for schools"


def press_and_wait_for_focus(page) -> None:
    """Follow an in-page link: the next Tab starts from its target."""
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#filters'")

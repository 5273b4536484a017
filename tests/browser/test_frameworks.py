"""The framework map's public pages in a real browser, with and without JavaScript."""

import pytest

from tests.browser.conftest import axe_violations
from tests.frameworks.conftest import framework_map_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "index": "/frameworks/?status=live&sector=health",
    "framework": "/frameworks/g-cloud-iii/",
    "map": "/frameworks/map/",
    "open data": "/frameworks/data/",
}


@pytest.fixture
def demo_map():
    framework_map_load()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_framework_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, demo_map, javascript
):
    browser_page = page if javascript else page_as_without_js
    for name, path in PAGES.items():
        browser_page.goto(live_server.url + path)
        assert browser_page.locator("h1").count() == 1, name
        assert axe_violations(browser_page) == [], name


def test_a_buyer_filters_frameworks_without_javascript(page_without_js, live_server, demo_map):
    page = page_without_js
    page.goto(live_server.url + "/frameworks/")
    page.select_option("#id_category", label="Telecoms and networks")
    page.check("input[name=status][value=live]")
    page.click("button:has-text('Apply filters')")

    assert page.locator("#results-count").inner_text() == "3 frameworks"
    page.click("a:has-text('PSN Connectivity')")
    assert page.locator("h1").inner_text() == "PSN Connectivity"

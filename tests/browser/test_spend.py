"""The spend page in a real browser: no accessibility violations at desktop and
phone width, with and without JavaScript, with figures, for an empty year and
with an error; the year is chosen without JavaScript."""

import os

import pytest

from tests.browser.conftest import axe_violations
from tests.ocds.data import marketplace_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "with figures": "/spend/?year=2026-27",
    "target not met": "/spend/?year=2025-26",
    "with an error": "/spend/?year=1999-00",
    "publication policy": "/api/v1/ocds/publication-policy/",
}
WIDTHS = {"desktop": 1280, "phone": 375}
# Set SPEND_SCREENSHOTS=/some/dir to keep screenshots to look at.
SHOTS = os.environ.get("SPEND_SCREENSHOTS", "")


@pytest.fixture
def marketplace(transactional_db):
    return marketplace_make()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_spend_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, marketplace, javascript
):
    browser_page = page if javascript else page_as_without_js
    for width_name, width in WIDTHS.items():
        browser_page.set_viewport_size({"width": width, "height": 900})
        for name, url in PAGES.items():
            browser_page.goto(live_server.url + url)
            if SHOTS and javascript:
                browser_page.screenshot(
                    path=f"{SHOTS}/spend-{name.replace(' ', '-')}-{width}.png", full_page=True
                )
            assert axe_violations(browser_page) == [], f"{name} at {width_name} width"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_an_empty_year_has_no_accessibility_violations(
    page, page_as_without_js, live_server, transactional_db, javascript
):
    browser_page = page if javascript else page_as_without_js
    for width in WIDTHS.values():
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.goto(live_server.url + "/spend/")
        if SHOTS and javascript:
            browser_page.screenshot(path=f"{SHOTS}/spend-empty-{width}.png", full_page=True)
        assert browser_page.locator("#no-spend").is_visible()
        assert axe_violations(browser_page) == [], f"empty year at {width}"


def test_a_year_is_chosen_without_javascript(page_without_js, live_server, marketplace):
    page_without_js.goto(live_server.url + "/spend/")
    page_without_js.get_by_label("Financial year").select_option(label="2025 to 2026")
    page_without_js.get_by_role("button", name="Show this year").click()

    assert "year=2025-26" in page_without_js.url
    assert (
        page_without_js.locator("#sme-target")
        .inner_text()
        .startswith("!\nWarning\nThe target of 25% of spend")
    )

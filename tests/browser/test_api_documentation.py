"""The API documentation page in a real browser, with and without JavaScript, on a
desktop and a phone: no accessibility violations, and the examples scroll inside
their own focusable regions rather than widening the page."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_the_api_documentation_has_no_accessibility_violations(
    page, page_as_without_js, live_server, javascript, width
):
    browser_page = page if javascript else page_as_without_js
    browser_page.set_viewport_size({"width": width, "height": 900})
    response = browser_page.goto(live_server.url + "/api/")

    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == "Open data API"
    # Nothing makes the page itself scroll sideways (WCAG 1.4.10 reflow).
    page_width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width
    assert axe_violations(browser_page) == []

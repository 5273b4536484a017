"""The community guidelines for feedback in a real browser, with and without JavaScript."""

import pytest

from feedback.services import GUIDELINES_PATH
from tests.browser.conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_the_guidelines_have_no_accessibility_violations(
    page, page_as_without_js, live_server, javascript
):
    browser_page = page if javascript else page_as_without_js
    response = browser_page.goto(live_server.url + GUIDELINES_PATH)

    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == "Community guidelines for feedback"
    # The details block opens by keyboard or click, and without JavaScript too.
    browser_page.locator("summary").first.click()
    assert browser_page.locator("text=labelled as illustrative").is_visible()
    assert axe_violations(browser_page) == []

"""The framework map's public pages in a real browser, with and without JavaScript."""

import pytest

from tests.browser.conftest import axe_violations
from tests.frameworks.conftest import demo_day_pin, framework_map_load

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
def demo_map(monkeypatch):
    demo_day_pin(monkeypatch)
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


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
def test_the_map_never_scrolls_sideways_its_coverage_table_does(page, live_server, demo_map, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/frameworks/map/")

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    region = page.locator("[role=region][aria-labelledby=coverage]")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # the table is wider
    region.focus()
    page.keyboard.press("ArrowRight")
    # Polled from Python: wait_for_function evaluates a string in the page, which the
    # site's Content-Security-Policy (no 'unsafe-eval') rightly refuses.
    for _ in range(40):
        if region.evaluate("el => el.scrollLeft") > 0:
            break
        page.wait_for_timeout(50)
    assert region.evaluate("el => el.scrollLeft") > 0, "the arrow key scrolls the table"


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_the_admin_dashboard_panel_has_no_accessibility_violations(
    page, page_as_without_js, live_server, javascript
):
    from django.contrib.auth.models import Group

    from marketplace.accounts.roles import CCS_ADMINS_GROUP
    from tests.browser.keyboard import sign_in
    from tests.factories import UserFactory

    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=CCS_ADMINS_GROUP))
    browser_page = page if javascript else page_as_without_js
    sign_in(browser_page, live_server.url, admin.email)
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.goto(live_server.url + "/admin/")

    assert browser_page.get_by_role("heading", name="Waiting for CCS").count() == 1
    assert axe_violations(browser_page) == []

"""A buyer saves a search, ends it, downloads the shortlist and records an award, by
keyboard alone and without JavaScript; and the saved-search pages pass axe."""

import csv
from pathlib import Path

import pytest

from direct_award import services
from direct_award.models import Outcome, SavedSearch
from search.services import search_entries_rebuild
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import (
    keyboard_type,
    press_and_wait,
    sign_in_by_keyboard,
    tab_to,
    type_into,
)
from tests.factories import BuyerFactory, LotFactory, category_make
from tests.search.catalogue import offer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _database_search(settings):
    settings.SEARCH_ENGINE = "database"  # no engine index needed


@pytest.fixture
def buyer():
    return BuyerFactory(email="buyer@school.example.gov.uk")


@pytest.fixture
def backup_listings():
    lot = LotFactory(categories=[category_make("Backup and recovery")])
    listings = [
        offer(lot=lot, name="Cloud backup for schools", price="5.00"),
        offer(lot=lot, name="Backup for councils", price="9.00"),
    ]
    search_entries_rebuild()
    return listings


def test_a_buyer_saves_ends_downloads_and_records_by_keyboard_without_javascript(
    page_without_js, live_server, buyer, backup_listings
):
    page = page_without_js
    page.goto(live_server.url + "/buyer/searches/save/?q=backup&sort=price")
    assert page.locator("h1").inner_text() == "Sign in"
    sign_in_by_keyboard(page, buyer.email)
    assert page.locator("h1").inner_text() == "Save your search"

    type_into(page, "#id_name", "Backup for 2027")
    tab_to(page, "button:has-text('Save search')")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Saved search"
    assert page.locator("#result-count").inner_text() == "2 services match this search now."

    tab_to(page, "a:has-text('End search and download results')")
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Are you sure you want to end this search?"
    tab_to(page, "button:has-text('End search')")
    press_and_wait(page)
    assert (
        "Your shortlist has 2 services" in page.locator(".govuk-notification-banner").inner_text()
    )

    tab_to(page, "a:has-text('as a CSV file')")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
    rows = list(csv.reader(Path(download.value.path()).read_text().splitlines()))
    assert [row[1] for row in rows] == [
        "Service",
        "Cloud backup for schools",
        "Backup for councils",
    ]

    tab_to(page, "a:has-text('Tell us the outcome')")
    press_and_wait(page)
    tab_to(page, "input[name=kind][value=awarded]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=awarded_entry]")  # the first service of the shortlist
    page.keyboard.press("Space")
    tab_to(page, "#id_value")
    keyboard_type(page, "24000", "1", "4", "2027", "31", "3")
    page.keyboard.type("2028")
    tab_to(page, "button:has-text('Save outcome')")
    press_and_wait(page)

    assert page.locator("h1").inner_text() == "Saved search"
    assert "Contract awarded" in page.locator("main").inner_text()
    outcome = Outcome.objects.get()
    assert outcome.awarded_entry.listing == backup_listings[0]
    assert str(outcome.start_date) == "2027-04-01"


def _check(page, name: str) -> None:
    assert page.locator("h1").count() == 1, name
    assert axe_violations(page) == [], name


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_the_saved_search_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, buyer, backup_listings, javascript
):
    browser_page = page if javascript else page_as_without_js
    project = services.project_create(actor=buyer, name="Backup for 2027")
    open_search = services.saved_search_create(
        actor=buyer, project=project, query_string="q=backup", description="'backup'"
    )
    ended = services.saved_search_create(
        actor=buyer, project=project, query_string="q=backup", description="'backup'"
    )
    services.saved_search_end(
        actor=buyer, saved_search=ended, listing_ids=[listing.pk for listing in backup_listings]
    )
    browser_page.goto(live_server.url + "/account/sign-in/")
    sign_in_by_keyboard(browser_page, buyer.email)

    pages = {
        "save (choose a project)": "/buyer/searches/save/?q=backup&region=TLD&size=sme",
        "projects": "/buyer/projects/",
        "project": f"/buyer/projects/{project.pk}/",
        "saved search, open": f"/buyer/searches/{open_search.pk}/",
        "end confirmation": f"/buyer/searches/{open_search.pk}/end/",
        "saved search, ended": f"/buyer/searches/{ended.pk}/",
        "outcome form": f"/buyer/searches/{ended.pk}/outcome/",
    }
    for name, path in pages.items():
        browser_page.goto(live_server.url + path)
        _check(browser_page, name)

    browser_page.click("input[name=kind][value=awarded]")
    browser_page.fill("#id_start_date", "40")
    browser_page.click("button:has-text('Save outcome')")
    browser_page.wait_for_load_state()
    assert browser_page.locator(".govuk-error-summary").is_visible()
    _check(browser_page, "outcome form with errors")

    browser_page.goto(live_server.url + pages["save (choose a project)"])
    assert "backup\N{RIGHT SINGLE QUOTATION MARK} \N{MIDDLE DOT} North West" in (
        browser_page.locator(".govuk-inset-text").inner_text()
    )
    browser_page.click("input[name=project][value=new]")
    browser_page.click("button:has-text('Save search')")
    browser_page.wait_for_load_state()
    assert browser_page.locator(".govuk-error-summary").is_visible()
    _check(browser_page, "save with errors")
    assert SavedSearch.objects.count() == 2

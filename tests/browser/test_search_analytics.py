"""Search analytics and Recommended by CCS in a real browser: the admin report and
a search page showing recommended services pass axe-core, with and without JavaScript."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from marketplace.accounts.models import BuyerSector
from marketplace.accounts.roles import CCS_REVIEWERS_GROUP
from search.models import RecommendedListing, SearchDailyCount
from search.services import search_entries_rebuild
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import sign_in
from tests.factories import UserFactory
from tests.search.catalogue import offer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def counts():
    today = timezone.localdate()
    for query, sector, searches, zero, relaxed in (
        ("payroll", "", 9, 0, 0),
        ("text parents", BuyerSector.EDUCATION, 6, 6, 0),
        ("cloud migration", BuyerSector.HEALTH, 3, 0, 3),
        ("=cmd|' /C calc'!A0", "", 2, 2, 0),
    ):
        SearchDailyCount.objects.create(
            day=today - timedelta(days=1),
            query=query,
            filters="region=TLC&size=small" if query == "payroll" else "",
            sector=sector,
            searches=searches,
            zero_results=zero,
            relaxed=relaxed,
            last_result_count=0 if zero else 7,
        )


@pytest.fixture
def reviewer():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=CCS_REVIEWERS_GROUP))
    return user


@pytest.mark.parametrize("which", ["page", "page_as_without_js"])
def test_the_analytics_report_passes_axe(request, which, live_server, counts, reviewer):
    browser_page = request.getfixturevalue(which)
    sign_in(browser_page, live_server.url, reviewer.email)
    for label, query in (
        ("most frequent", ""),
        ("found nothing, schools", "?show=zero&sector=education"),
        ("bad dates", "?date_from=2026-12-01&date_to=2026-11-01"),
    ):
        browser_page.goto(f"{live_server.url}/admin/search-analytics/{query}")
        assert axe_violations(browser_page) == [], label
    browser_page.goto(f"{live_server.url}/admin/search-analytics/?show=zero")
    assert browser_page.locator("table.listing tbody tr").count() == 2
    assert browser_page.locator("h1").inner_text() == "Search analytics"


@pytest.mark.parametrize("which", ["page", "page_as_without_js"])
def test_a_search_with_recommended_services_passes_axe(request, which, live_server, settings):
    settings.SEARCH_ENGINE = "database"
    browser_page = request.getfixturevalue(which)
    sms = offer(name="School text messaging")
    portal = offer(name="Parent portal")
    search_entries_rebuild()
    RecommendedListing.objects.create(query="text parents", listing=sms, order=1)
    RecommendedListing.objects.create(query="text parents", listing=portal, order=2)

    browser_page.goto(f"{live_server.url}/search/?q=Text+parents")

    block = browser_page.locator("#recommended")
    assert block.locator("h2").inner_text() == "Recommended by CCS"
    assert block.locator("h3").all_inner_texts() == ["School text messaging", "Parent portal"]
    assert axe_violations(browser_page) == []

"""Recommended by CCS: the published services CCS recommends for a buyer's words,
shown above the results; never a withdrawn or suspended one, never a switched-off one."""

import re

import pytest

from listings.services import listing_suspend, listing_withdraw
from search.models import RecommendedListing
from search.services import search_entries_rebuild
from tests.factories import CcsReviewerFactory
from tests.search.catalogue import offer

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.SEARCH_ENGINE = "database"


@pytest.fixture
def listings():
    made = {
        "sms": offer(name="School text messaging"),
        "portal": offer(name="Parent portal"),
        "old": offer(name="Old pager service"),
    }
    search_entries_rebuild()
    return made


def recommended_names(response) -> list[str]:
    html = response.content.decode()
    block = re.search(r'<section[^>]*id="recommended".*?</section>', html, re.S)
    return (
        re.findall(
            r'<h3[^>]*><a class="govuk-link" href="/services/\d+/">([^<]+)</a>', block.group(0)
        )
        if block
        else []
    )


def test_recommended_services_show_above_the_results_in_ccs_order(client, listings):
    RecommendedListing.objects.create(query="text parents", listing=listings["portal"], order=2)
    RecommendedListing.objects.create(query="text parents", listing=listings["sms"], order=1)

    response = client.get(URL, {"q": "Text  Parents"})

    html = response.content.decode()
    assert recommended_names(response) == ["School text messaging", "Parent portal"]
    assert "Recommended by CCS" in html
    assert html.index('id="recommended"') < html.index('id="results-count"')


def test_a_withdrawn_suspended_or_switched_off_recommendation_is_never_shown(client, listings):
    reviewer = CcsReviewerFactory()
    for key in ("sms", "portal", "old"):
        RecommendedListing.objects.create(query="text parents", listing=listings[key])
    listing_withdraw(actor=reviewer, listing=listings["old"])
    listing_suspend(actor=reviewer, listing=listings["portal"], reason="Under investigation")

    response = client.get(URL, {"q": "text parents"})
    assert recommended_names(response) == ["School text messaging"]

    RecommendedListing.objects.filter(listing=listings["sms"]).update(active=False)
    response = client.get(URL, {"q": "text parents"})
    assert recommended_names(response) == []
    assert "Recommended by CCS" not in response.content.decode()


def test_other_words_show_no_recommendations(client, listings):
    RecommendedListing.objects.create(query="text parents", listing=listings["sms"])

    assert recommended_names(client.get(URL, {"q": "text parents please"})) == []
    assert recommended_names(client.get(URL, {"q": "text"})) == []

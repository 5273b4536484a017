"""How to buy, on every service page: the route for the framework and lot, the steps,
and a way to start a saved search for the lot in a project."""

import datetime

import pytest
from django.urls import reverse

from frameworks.models import Framework, RouteToMarket
from tests.factories import BuyerFactory, FrameworkFactory, LotFactory, listing_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    framework = FrameworkFactory(
        name="G-Cloud 14",
        slug="g-cloud-14",
        route_to_market=RouteToMarket.DIRECT_AWARD,
        how_to_buy="Use the G-Cloud call-off contract.",
    )
    lot = LotFactory(framework=framework, number="2", slug="cloud-software", name="Cloud software")
    return listing_make(lot=lot, publish=True)


def page_of(client, listing) -> str:
    response = client.get(reverse("listings:detail", kwargs={"pk": listing.pk}))
    assert response.status_code == 200
    return response.content.decode()


SAVE_URL = "/buyer/searches/save/?framework=g-cloud-14&amp;lot=g-cloud-14%2Fcloud-software"


def test_a_direct_award_service_says_so_and_lists_the_steps(client, listing):
    page = page_of(client, listing)

    assert "Buy this service by direct award from G-Cloud 14, Lot 2: Cloud software." in page
    assert "Use the G-Cloud call-off contract." in page
    assert page.count('class="govuk-task-list__item') == 4
    assert "End your search to freeze your shortlist" in page
    # The first step searches this lot.
    assert 'href="/search/?framework=g-cloud-14&amp;lot=g-cloud-14%2Fcloud-software"' in page


def test_a_signed_in_buyer_can_save_a_search_for_the_lot_to_a_project(client, listing):
    client.force_login(BuyerFactory())

    page = page_of(client, listing)

    assert "Save a search for this lot to a project" in page
    assert f'href="{SAVE_URL}"' in page


def test_an_anonymous_visitor_is_asked_to_sign_in_as_a_buyer_to_save(client, listing):
    page = page_of(client, listing)

    assert (
        f'<a class="govuk-link" href="{SAVE_URL}">Sign in as a buyer to save a search for '
        "this lot to a project</a>" in page
    )
    # The link leads through sign-in straight to saving the search.
    response = client.get(SAVE_URL.replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_further_competition_service_explains_the_competition(client, listing):
    Framework.objects.filter(slug="g-cloud-14").update(
        route_to_market=RouteToMarket.FURTHER_COMPETITION
    )

    page = page_of(client, listing)

    assert "Buy this service through a further competition on G-Cloud 14" in page
    assert "Run the further competition" in page


def test_a_service_on_an_expired_framework_says_it_cannot_be_bought_and_offers_no_steps(
    client, listing
):
    Framework.objects.filter(slug="g-cloud-14").update(
        live_from=datetime.date(2020, 1, 1), expires=datetime.date(2022, 1, 1)
    )

    page = page_of(client, listing)

    assert "You cannot buy through G-Cloud 14 now. Its status is: Expired." in page
    assert "govuk-task-list" not in page
    assert "Save a search for this lot" not in page

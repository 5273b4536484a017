"""The strategy pages' sub-pages (RoutablePageMixin routes in models/pages.py,
views in page_views.py): each answers at the address it had as a Django view,
says who may use it, is linked from where it was, and keeps children from
taking its slug."""

import re

import pytest
from django.core.exceptions import ValidationError

from strategies.models import OrganisationStrategyIndexPage, StrategyIndexPage
from strategies.selectors import strategy_route_url
from tests.factories import SupplierUserFactory

pytestmark = pytest.mark.django_db

INDEX_ROUTES = {
    "pipeline": "/strategies/pipeline/",
    "opportunities": "/strategies/opportunities/",
    "open-data": "/strategies/data/",
    "alerts": "/strategies/alerts/",
}


def hrefs(response) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', response.content.decode()))


@pytest.mark.parametrize("name", sorted(INDEX_ROUTES))
def test_each_sub_page_of_the_index_keeps_its_address(name):
    assert strategy_route_url(name=name) == INDEX_ROUTES[name]


@pytest.mark.parametrize(
    "url, heading",
    [
        ("/strategies/pipeline/", "Search planned procurements"),
        ("/strategies/opportunities/", "Opportunities for small suppliers"),
        ("/strategies/data/", "Pipeline data"),
    ],
)
def test_the_public_sub_pages_answer_anyone(client, strategies, url, heading):
    response = client.get(url)

    assert response.status_code == 200
    assert f">{heading}</h1>" in re.sub(r"\s+", " ", response.content.decode())


def test_the_index_links_to_its_sub_pages(client, strategies):
    links = hrefs(client.get("/strategies/"))

    assert {"/strategies/pipeline/", "/strategies/opportunities/", "/strategies/data/"} <= links


def test_the_comparison_answers_under_each_organisation_and_is_linked(client, strategies):
    organisation_page = client.get("/strategies/alpha/")
    strategy_page = client.get("/strategies/alpha/2026-27/")
    comparison = client.get("/strategies/alpha/compare/")

    assert "/strategies/alpha/compare/" in hrefs(organisation_page)
    assert "/strategies/alpha/compare/?earlier=2025&amp;later=2026" in hrefs(strategy_page)
    assert comparison.status_code == 200


def test_an_unpublished_organisation_has_no_comparison(client, strategies):
    strategies["later"].get_parent().unpublish()

    assert client.get("/strategies/alpha/compare/").status_code == 404


def test_the_supplier_dashboard_links_to_the_alerts(client):
    client.force_login(SupplierUserFactory())

    assert "/strategies/alerts/" in hrefs(client.get("/supplier/"))


@pytest.mark.parametrize("page_class", [StrategyIndexPage, OrganisationStrategyIndexPage])
def test_every_sub_page_says_who_may_use_it(page_class):
    """As the URLconf walk does for Django views (tests/marketplace/accounts):
    a route without an access decorator fails here."""
    routes = [
        route
        for route in page_class.get_subpage_urls()
        if route.callback.__name__ != "index_route"  # the page itself, served by Wagtail
    ]

    assert routes
    undeclared = [route.name for route in routes if not getattr(route.callback, "access", None)]
    assert undeclared == []


@pytest.mark.parametrize("slug", ["pipeline", "opportunities", "data", "alerts"])
def test_an_organisation_index_may_not_take_a_sub_pages_slug(organisations, slug):
    index = organisations[0].strategy_index
    index.slug = slug

    with pytest.raises(ValidationError) as error:
        index.full_clean()

    assert error.value.message_dict["slug"] == [f"“{slug}” is used by the service; choose another"]


def test_an_organisation_index_may_take_any_other_slug(organisations):
    index = organisations[0].strategy_index
    index.slug = "pipelines-of-alpha"

    index.full_clean()  # no error
    assert index.slug == "pipelines-of-alpha"

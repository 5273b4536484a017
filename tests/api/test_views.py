"""Each endpoint's fields, and that nothing private ever appears in any of them."""

import json

import pytest
from django.urls import reverse

from tests.api.conftest import DRAFT_NAME, HIDDEN_BUYER, PRIVATE_WORDS, WITHDRAWN_WORDS

pytestmark = pytest.mark.django_db

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()


def test_frameworks_list_each_framework_with_its_lots_and_their_categories(client, world):
    body = _get(client, reverse("api:frameworks"))
    framework = world.lot.framework

    assert body["licence"] == OGL
    (item,) = body["results"]
    assert item["slug"] == framework.slug
    assert item["name"] == framework.name
    assert item["owner"] == {"slug": framework.owner.slug, "name": framework.owner.name}
    assert item["status"] == "live"
    assert item["lots"] == [
        {
            "slug": world.lot.slug,
            "number": world.lot.number,
            "name": world.lot.name,
            "description": "",
            "categories": [world.child.slug],
        }
    ]
    detail = _get(client, reverse("api:framework", args=[framework.slug]))
    assert detail == item


def test_the_category_tree_nests_children_under_their_parent(client, world):
    body = _get(client, reverse("api:categories"))

    assert body == [
        {
            "slug": world.parent.slug,
            "name": "Software",
            "cpv_codes": [],
            "children": [
                {
                    "slug": world.child.slug,
                    "name": "Backup software",
                    "cpv_codes": [],
                    "children": [],
                }
            ],
        }
    ]


def test_a_supplier_shows_its_identifiers_size_vcse_regions_and_feedback_figures(client, world):
    supplier = world.supplier_user.supplier_organisation

    body = _get(client, reverse("api:supplier", args=[supplier.slug]))

    assert body["identifier"] == "GB-COH-01234567"
    assert body["identifiers"] == [
        {"scheme": "GB-COH", "id": "01234567"},
        {"scheme": "GB-CHC", "id": "1123456"},
    ]
    assert (body["size"], body["is_sme"], body["vcse"], body["vcse_type"]) == (
        "small",
        True,
        True,
        "charity",
    )
    assert body["head_office_region"] == "TLE"
    assert body["regions_served"] == ["TLC", "TLE"]
    # Two published feedback count (overall 4 and 2); the pending and withdrawn do not.
    assert body["feedback"]["reviews"] == 2
    overall = body["feedback"]["dimensions"][0]
    assert (overall["dimension"], overall["mean"], overall["count"]) == ("overall", 3.0, 2)
    assert "contact_email" not in body
    assert [item["slug"] for item in _get(client, reverse("api:suppliers"))["results"]] == [
        supplier.slug
    ]


def test_listings_show_only_the_live_version_of_published_listings(client, world):
    body = _get(client, reverse("api:listings"))

    (item,) = body["results"]
    assert item["id"] == world.listing.pk
    assert item["version"] == 1
    assert item["name"] == "Cloud backup for schools"
    assert item["price"] == "1.50"
    assert item["lot"] == f"{world.lot.framework.slug}/{world.lot.slug}"
    assert item["categories"] == [world.child.slug]
    assert item["supplier"]["slug"] == world.supplier_user.supplier_organisation.slug
    assert _get(client, reverse("api:listing", args=[world.listing.pk])) == item
    assert client.get(reverse("api:listing", args=[world.withdrawn.pk])).status_code == 404
    filtered = _get(client, reverse("api:listings") + "?supplier=nobody")
    assert filtered["results"] == []


def test_feedback_lists_only_published_feedback_and_describes_a_pseudonymous_buyer(client, world):
    body = _get(client, reverse("api:feedback"))

    assert [item["id"] for item in body["results"]] == [
        world.published.pk,
        world.pseudonymous.pk,
    ]
    named, described = body["results"]
    assert named["from_name"] == "Leeds City Council"
    assert named["current"]["ratings"]["overall"] == 4
    assert described["from_name"] == "A council in Yorkshire and The Humber"
    assert "author" not in named


def test_strategies_and_pipeline_entries(client, world):
    strategies = _get(client, reverse("api:strategies"))["results"]
    pipeline = _get(client, reverse("api:pipeline"))["results"]

    assert [(s["financial_year"], s["pipeline_entries"]) for s in strategies] == [(2026, 2)]
    assert strategies[0]["organisation"] == {"slug": "leeds-purchasing", "name": "Leeds Purchasing"}
    hosting = pipeline[0]
    assert (hosting["reference"], hosting["title"], hosting["value_amount"]) == (
        "L-1",
        "Hosting move",
        "1500000.00",
    )
    assert hosting["regions"] == ["TLE"]
    assert hosting["categories"] == [world.child.slug]
    assert hosting["suitable_for_sme"] is True
    assert hosting["strategy"] == world.strategy.pk


def test_awards_name_supplier_buyer_value_dates_and_listing_version(client, world):
    awards = _get(client, reverse("api:awards"))["results"]

    first = awards[0]
    assert first["id"] == world.award.pk
    assert first["supplier"]["slug"] == world.supplier_user.supplier_organisation.slug
    assert first["buyer_organisation"]["name"] == "Leeds City Council"
    assert (first["listing_id"], first["listing_version"]) == (world.listing.pk, 1)
    assert (first["value"], first["start_date"], first["end_date"]) == (
        "12000.00",
        "2026-04-01",
        "2027-03-31",
    )
    assert "recorded_by" not in first


PUBLIC_ENDPOINTS = [
    "api:frameworks",
    "api:categories",
    "api:suppliers",
    "api:listings",
    "api:search",
    "api:feedback",
    "api:strategies",
    "api:pipeline",
    "api:awards",
    "api:orders",
]


def test_nothing_private_appears_in_any_endpoint(client, world):
    supplier = world.supplier_user.supplier_organisation
    pages = {name: client.get(reverse(name)).content.decode() for name in PUBLIC_ENDPOINTS}
    pages["supplier"] = client.get(reverse("api:supplier", args=[supplier.slug])).content.decode()
    pages["listing"] = client.get(reverse("api:listing", args=[world.listing.pk])).content.decode()
    everything = "\n".join(pages.values())

    for private in (DRAFT_NAME, PRIVATE_WORDS, WITHDRAWN_WORDS, "Old thing"):
        assert private not in everything
    # No author, reviewer or moderator by name, and no e-mail address or phone number at all.
    for person in ("Bea Buyer", "Harriet Hidden", "Olive Other", "Sam Supplier", "Morag"):
        assert person not in everything
    assert "@" not in everything
    assert "0113 496 0000" not in everything
    # The organisation behind the pseudonym is never in the feedback or supplier figures.
    for name in ("api:feedback", "supplier", "api:suppliers"):
        assert HIDDEN_BUYER not in pages[name]
    assert json.loads(pages["api:feedback"])["results"][1]["from_name"] != HIDDEN_BUYER

"""Paid card orders as OCDS award and contract releases: valid against the 1.1.5
schemas, valued before VAT, dated when paid; an unpaid order never appears."""

import pytest

from ocds.validation import package_errors
from tests.ocds.data import ORDER_PERSON, ORDER_STRIPE_IDS

pytestmark = pytest.mark.django_db

PREFIX = "ocds-xxxxxx"


def releases_of(package, ocid):
    return {
        release["tag"][0]: release for release in package["releases"] if release["ocid"] == ocid
    }


def test_a_paid_order_is_a_valid_award_and_contract(client, card_orders):
    order = card_orders["paid"]
    ocid = f"{PREFIX}-order-{order.pk}"

    package = client.get("/api/v1/ocds/releases/").json()

    assert package_errors(package, kind="release") == []
    releases = releases_of(package, ocid)
    assert sorted(releases) == ["award", "contract"]
    [award] = releases["award"]["awards"]
    # 10 mailboxes at £25 before VAT: £250, not the £300 the buyer paid with VAT.
    assert award["value"] == {"amount": 250.0, "currency": "GBP"}
    assert award["title"] == "School mailboxes"
    assert award["description"] == "10 at £25.00 per mailbox, before VAT"
    assert award["date"] == "2026-05-04T11:00:00Z"  # noon in London, summer time
    assert award["items"][0]["id"] == f"listing-{order.listing_id}-version-1"
    assert award["suppliers"] == [{"id": "GB-COH-07654321", "name": "School Mailboxes Ltd"}]
    buyer = next(p for p in releases["award"]["parties"] if "buyer" in p["roles"])
    assert buyer["name"] == "Valley Primary School"
    assert releases["award"]["tender"]["procurementMethodDetails"].startswith(
        "Bought and paid for by card from "
    )
    [contract] = releases["contract"]["contracts"]
    assert (contract["awardID"], contract["value"]["amount"]) == (award["id"], 250.0)


def test_a_paid_orders_record_is_valid_and_names_nobody(client, card_orders):
    ocid = f"{PREFIX}-order-{card_orders['paid'].pk}"

    response = client.get(f"/api/v1/ocds/records/{ocid}/")

    assert response.status_code == 200
    package = response.json()
    assert package_errors(package, kind="record") == []
    assert [r["tag"] for r in package["records"][0]["releases"]] == [["award"], ["contract"]]
    body = response.content.decode()
    for private in [ORDER_PERSON, card_orders["buyer"].email, *ORDER_STRIPE_IDS]:
        assert private not in body


def test_an_unpaid_order_never_appears(client, card_orders):
    ocid = f"{PREFIX}-order-{card_orders['unpaid'].pk}"

    package = client.get("/api/v1/ocds/releases/").json()
    record = client.get(f"/api/v1/ocds/records/{ocid}/")

    assert releases_of(package, ocid) == {}
    assert len(package["releases"]) == 2 * 2  # the two paid orders only
    assert record.status_code == 404


def test_an_order_is_in_the_bulk_file_of_the_year_it_was_paid(client, card_orders):
    placed_in_march = f"{PREFIX}-order-{card_orders['paid_in_april'].pk}"

    earlier = client.get("/api/v1/ocds/releases/2025-26.json")
    current = client.get("/api/v1/ocds/releases/2026-27.json").json()

    # Placed on 31 March 2026, the last day of 2025-26, but paid on 1 April 2026.
    assert earlier.status_code == 404
    assert package_errors(current, kind="release") == []
    assert {r["ocid"] for r in current["releases"]} == {
        placed_in_march,
        f"{PREFIX}-order-{card_orders['paid'].pk}",
    }
    award = releases_of(current, placed_in_march)["award"]["awards"][0]
    assert (award["date"], award["value"]["amount"]) == ("2026-04-01T11:00:00Z", 100.0)

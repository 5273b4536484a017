"""/api/v1/orders/: paid card orders only, with their public fields and never the
person who ordered, a Stripe id or the platform fee."""

import pytest
from django.urls import reverse

from orders.models import OrderStatus
from orders.services import order_refund
from tests.factories import CcsReviewerFactory
from tests.ocds.data import ORDER_PERSON, ORDER_STRIPE_IDS

pytestmark = pytest.mark.django_db


def test_paid_orders_list_supplier_buyer_listing_version_prices_and_paid_date(client, card_orders):
    response = client.get(reverse("api:orders"))

    assert response.status_code == 200
    paid = card_orders["paid"]
    supplier = card_orders["supplier"]
    first = next(item for item in response.json()["results"] if item["id"] == paid.pk)
    assert first == {
        "id": paid.pk,
        "supplier": {"slug": supplier.slug, "name": "School Mailboxes Ltd"},
        "buyer_organisation": {
            "slug": card_orders["buyer"].buyer_organisation.slug,
            "name": "Valley Primary School",
            "sector": "education",
        },
        "listing_id": card_orders["listing"].pk,
        "listing_version": 1,
        "service_name": "School mailboxes",
        "unit": "mailbox",
        "quantity": 10,
        "unit_price": "25.00",
        "total_before_vat": "250.00",
        "vat": "50.00",
        "total": "300.00",
        "currency": "GBP",
        "paid_at": "2026-05-04T12:00:00+01:00",
    }
    assert response["ETag"]


def test_unpaid_and_refunded_orders_are_absent(client, card_orders):
    # Refunded through Stripe (stripe-mock) by CCS, as tests/orders does.
    refunded = order_refund(
        actor=CcsReviewerFactory(), order=card_orders["paid_in_april"], reason="Ordered twice"
    )

    results = client.get(reverse("api:orders")).json()["results"]

    assert refunded.status == OrderStatus.REFUNDED
    assert card_orders["unpaid"].status == OrderStatus.AWAITING_PAYMENT
    assert [item["id"] for item in results] == [card_orders["paid"].pk]


def test_no_person_and_no_stripe_id_ever_appears(client, card_orders):
    body = client.get(reverse("api:orders")).content.decode()

    for private in [ORDER_PERSON, *ORDER_STRIPE_IDS, "platform_fee", "person"]:
        assert private not in body
    assert "@" not in body

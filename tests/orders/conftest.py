"""A supplier connected to Stripe selling mailboxes by card, a buyer, and Stripe
events signed the way Stripe signs them (HMAC-SHA256 of "timestamp.payload")."""

import hashlib
import hmac
import json
import time
from decimal import Decimal
from itertools import count

import pytest
from django.urls import reverse

from orders.models import ConnectedAccount
from tests.factories import BuyerFactory, SupplierUserFactory, listing_make

WEBHOOK_SECRET = "whsec_test_orders"
_event_numbers = count(1)


@pytest.fixture
def card_settings(settings, stripe_mock):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.ORDERS_VAT_RATE = "0.20"
    settings.ORDERS_DEFAULT_MAX_ORDER_POUNDS = 10_000
    settings.ORDERS_PLATFORM_FEE_PERCENT = "0"
    return settings


@pytest.fixture
def supplier_user(db):
    return SupplierUserFactory(supplier_organisation__contact_email="sales@mailboxes.example.co.uk")


@pytest.fixture
def connected(supplier_user):
    return ConnectedAccount.objects.create(
        supplier=supplier_user.supplier_organisation,
        stripe_account_id="acct_1MailboxesLtd",
        charges_enabled=True,
        details_submitted=True,
    )


@pytest.fixture
def listing(card_settings, supplier_user, connected):
    return listing_make(
        supplier_user=supplier_user,
        publish=True,
        name="School mailboxes",
        buy_online=True,
        unit_price=Decimal("25.00"),
        unit_name="mailbox",
        min_quantity=1,
        max_quantity=500,
    )


@pytest.fixture
def buyer(db):
    return BuyerFactory(buyer_organisation__name="Anytown Borough Council")


def signature_for(payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event_for(kind: str, obj: dict, *, event_id: str = "") -> bytes:
    return json.dumps(
        {
            "id": event_id or f"evt_test_{next(_event_numbers)}",
            "object": "event",
            "api_version": "2024-06-20",
            "created": int(time.time()),
            "livemode": False,
            "type": kind,
            "data": {"object": obj},
        }
    ).encode()


def completed_session(order, *, payment_status: str = "paid") -> dict:
    return {
        "id": "cs_test_paid",
        "object": "checkout.session",
        "payment_status": payment_status,
        "payment_intent": "pi_test_paid",
        "metadata": {"order_id": str(order.pk)},
    }


def post_event(client, payload: bytes, *, signature: str | None = ""):
    """Post ``payload`` to the webhook; signature "" signs it properly, None sends none."""
    headers = {}
    if signature is not None:
        headers["HTTP_STRIPE_SIGNATURE"] = signature or signature_for(payload)
    return client.post(
        reverse("orders:stripe_webhook"), payload, content_type="application/json", **headers
    )

"""Checkout Sessions created with the stripe SDK on Stripe's own stripe-mock server."""

import json
from urllib.parse import parse_qs

import pytest
import stripe
from django.conf import settings
from stripe import _http_client

from orders import stripe_client as client_module
from orders.stripe_client import CheckoutLine, checkout_session_create, stripe_client

LINES = [
    CheckoutLine(name="Cyber Essentials assessment", unit_amount_pence=30000, quantity=2),
    CheckoutLine(name="Re-test after fixes", unit_amount_pence=4550, quantity=1),
]
SUCCESS = "http://127.0.0.1:8000/checkout/done/"
CANCEL = "http://127.0.0.1:8000/checkout/cancelled/"


@pytest.fixture
def exchanges(stripe_mock, monkeypatch):
    """Every request the client sends to stripe-mock, with stripe-mock's answer. The
    requests really go to stripe-mock; they are only written down on the way."""
    recorded = []
    default = _http_client.new_default_http_client()

    class Recording(type(default)):
        def request(self, method, url, headers, post_data=None):
            body, status, response_headers = super().request(method, url, headers, post_data)
            recorded.append((method, url, parse_qs(post_data or ""), json.loads(body)))
            return body, status, response_headers

    def recording_client():
        return stripe.StripeClient(
            api_key=settings.STRIPE_SECRET_KEY,
            base_addresses={"api": settings.STRIPE_API_BASE},
            max_network_retries=0,
            http_client=Recording(),
        )

    monkeypatch.setattr(client_module, "stripe_client", recording_client)
    return recorded


def test_a_checkout_session_asks_for_the_lines_in_pounds_and_comes_back_open(exchanges):
    session = checkout_session_create(
        lines=LINES, success_url=SUCCESS, cancel_url=CANCEL, client_reference_id="order-123"
    )

    ((method, url, sent, answer),) = exchanges
    assert (method, url) == ("post", f"{settings.STRIPE_API_BASE}/v1/checkout/sessions")
    # What the buyer is asked to pay: two lines, in pence, in pounds sterling.
    assert sent == {
        "mode": ["payment"],
        "success_url": [SUCCESS],
        "cancel_url": [CANCEL],
        "client_reference_id": ["order-123"],
        "line_items[0][quantity]": ["2"],
        "line_items[0][price_data][currency]": ["gbp"],
        "line_items[0][price_data][unit_amount]": ["30000"],
        "line_items[0][price_data][product_data][name]": ["Cyber Essentials assessment"],
        "line_items[1][quantity]": ["1"],
        "line_items[1][price_data][currency]": ["gbp"],
        "line_items[1][price_data][unit_amount]": ["4550"],
        "line_items[1][price_data][product_data][name]": ["Re-test after fixes"],
    }
    # stripe-mock echoes the top-level answers back, and the session is open and unpaid;
    # it does not price the lines (amount_total and currency stay null on the mock).
    assert {
        key: answer[key]
        for key in ("object", "mode", "success_url", "cancel_url", "client_reference_id")
    } == {
        "object": "checkout.session",
        "mode": "payment",
        "success_url": SUCCESS,
        "cancel_url": CANCEL,
        "client_reference_id": "order-123",
    }
    assert (answer["status"], answer["payment_status"], answer["livemode"]) == (
        "open",
        "unpaid",
        False,
    )
    # What the project keeps is exactly what Stripe answered: where to send the buyer.
    assert session.id == answer["id"]
    assert session.url == answer["url"]
    assert session.url.startswith("https://checkout.stripe.com/pay/")
    assert (session.amount_total, session.currency) == (answer["amount_total"], answer["currency"])


def test_stripe_mock_validates_the_request_against_stripes_api(stripe_mock):
    # stripe-mock checks every parameter against Stripe's OpenAPI spec, so a
    # malformed request fails here just as it would on the live API.
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client().v1.checkout.sessions.create(
            params={"mode": "not-a-mode", "success_url": "http://127.0.0.1:8000/done/"}
        )


def test_a_webhook_event_is_only_read_with_a_good_signature(settings):
    from orders.stripe_client import event_construct
    from tests.orders.conftest import event_for, signature_for

    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_orders"
    payload = event_for("account.updated", {"id": "acct_1", "object": "account"})

    event = event_construct(payload=payload, signature=signature_for(payload))

    assert (event.type, event.data.object.id) == ("account.updated", "acct_1")
    with pytest.raises(stripe.SignatureVerificationError):
        event_construct(payload=payload, signature=signature_for(payload, secret="whsec_other"))

"""Checkout Sessions created with the stripe SDK on Stripe's own stripe-mock server."""

import pytest
import stripe

from marketplace.checkout.stripe_client import CheckoutLine, checkout_session_create, stripe_client

LINE = CheckoutLine(name="Cyber Essentials assessment", unit_amount_pence=30000, quantity=1)


def test_a_checkout_session_is_created_on_stripe_mock(stripe_mock):
    session = checkout_session_create(
        lines=[LINE],
        success_url="http://127.0.0.1:8000/checkout/done/",
        cancel_url="http://127.0.0.1:8000/checkout/cancelled/",
        client_reference_id="order-123",
    )

    assert session.id.startswith("cs_")
    assert session.url.startswith("https://checkout.stripe.com/")


def test_stripe_mock_validates_the_request_against_stripes_api(stripe_mock):
    # stripe-mock checks every parameter against Stripe's OpenAPI spec, so a
    # malformed request fails here just as it would on the live API.
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client().v1.checkout.sessions.create(
            params={"mode": "not-a-mode", "success_url": "http://127.0.0.1:8000/done/"}
        )

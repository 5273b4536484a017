"""The one place the project talks to Stripe.

The API base comes from settings so that tests (and local demos) talk to
Stripe's own stripe-mock server instead of the live API.
"""

from dataclasses import dataclass

import stripe
from django.conf import settings


@dataclass(frozen=True)
class CheckoutLine:
    name: str
    unit_amount_pence: int
    quantity: int


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str | None
    amount_total: int | None
    currency: str | None


def stripe_client() -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key=settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        max_network_retries=0,
    )


def checkout_session_create(
    *,
    lines: list[CheckoutLine],
    success_url: str,
    cancel_url: str,
    client_reference_id: str = "",
) -> CheckoutSession:
    """Start a card payment on Stripe Checkout for the given lines, in pounds sterling."""
    params = {
        "mode": "payment",
        "success_url": success_url,
        "cancel_url": cancel_url,
        "line_items": [
            {
                "quantity": line.quantity,
                "price_data": {
                    "currency": "gbp",
                    "unit_amount": line.unit_amount_pence,
                    "product_data": {"name": line.name},
                },
            }
            for line in lines
        ],
    }
    if client_reference_id:
        params["client_reference_id"] = client_reference_id
    session = stripe_client().v1.checkout.sessions.create(params=params)
    return CheckoutSession(
        id=session.id,
        url=session.url,
        amount_total=session.amount_total,
        currency=session.currency,
    )

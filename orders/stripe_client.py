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
    metadata: dict[str, str] | None = None,
    destination_account: str = "",
    application_fee_pence: int = 0,
    idempotency_key: str = "",
) -> CheckoutSession:
    """Start a card payment on Stripe Checkout for the given lines, in pounds sterling.

    With ``destination_account`` the payment is a destination charge: Stripe moves it
    to the supplier's connected account, less ``application_fee_pence`` if any.
    """
    params: dict = {
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
    if metadata:
        params["metadata"] = metadata
    if destination_account:
        params["payment_method_types"] = ["card"]
        intent: dict = {"transfer_data": {"destination": destination_account}}
        if metadata:
            intent["metadata"] = metadata
        if application_fee_pence:
            intent["application_fee_amount"] = application_fee_pence
        params["payment_intent_data"] = intent
    options = {"idempotency_key": idempotency_key} if idempotency_key else None
    session = stripe_client().v1.checkout.sessions.create(params=params, options=options)
    return CheckoutSession(
        id=session.id,
        url=session.url,
        amount_total=session.amount_total,
        currency=session.currency,
    )


@dataclass(frozen=True)
class ConnectAccount:
    id: str
    charges_enabled: bool
    details_submitted: bool


def _account(account) -> ConnectAccount:
    return ConnectAccount(
        id=account.id,
        charges_enabled=bool(account.charges_enabled),
        details_submitted=bool(account.details_submitted),
    )


def connect_account_create(
    *, email: str, business_name: str, idempotency_key: str
) -> ConnectAccount:
    """A Stripe Express account in the UK that can take card payments for a supplier."""
    params = {
        "type": "express",
        "country": "GB",
        "capabilities": {"card_payments": {"requested": True}, "transfers": {"requested": True}},
        "business_profile": {"name": business_name},
    }
    if email:
        params["email"] = email
    account = stripe_client().v1.accounts.create(
        params=params, options={"idempotency_key": idempotency_key}
    )
    return _account(account)


def connect_account_retrieve(*, account_id: str) -> ConnectAccount:
    return _account(stripe_client().v1.accounts.retrieve(account_id))


def connect_account_link_create(*, account_id: str, refresh_url: str, return_url: str) -> str:
    """Where to send the supplier to give Stripe their details (a one-time link)."""
    link = stripe_client().v1.account_links.create(
        params={
            "account": account_id,
            "refresh_url": refresh_url,
            "return_url": return_url,
            "type": "account_onboarding",
        }
    )
    return link.url


def refund_create(*, payment_intent: str, idempotency_key: str) -> str:
    """Refund a destination charge in full, taking the money back from the supplier's
    account too (and any platform fee). Returns the refund's id."""
    refund = stripe_client().v1.refunds.create(
        params={
            "payment_intent": payment_intent,
            "reverse_transfer": True,
            "refund_application_fee": True,
        },
        options={"idempotency_key": idempotency_key},
    )
    return refund.id


def event_construct(*, payload: bytes, signature: str) -> stripe.Event:
    """The event Stripe sent, if ``signature`` proves it came from Stripe recently;
    raises ``stripe.SignatureVerificationError`` (or ``ValueError``) otherwise."""
    return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)

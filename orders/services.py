"""Writes of card orders: placing, paying through Stripe Checkout, Stripe's events,
refunds and the suppliers' connected accounts. Each change is audited."""

from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from marketplace.core.notifications import absolute_reverse, absolute_url
from marketplace.core.services import audit_record

from . import notifications, stripe_client
from .models import ConnectedAccount, Order, OrderStatus, StripeEvent
from .selectors import (
    STRIPE_MAX_PENCE,
    connected_account,
    listing_buyable,
    order_limit_pence,
    pence,
    totals_for,
    user_may_refund,
)


class OverLimit(ValidationError):
    """The order is bigger than the buyer organisation may buy by card."""


def order_quantity_errors(*, listing: Any, quantity: int) -> str:
    """Why this quantity cannot be bought, in plain English, or "" if it can."""
    version = listing.live_version
    if quantity < version.min_quantity:
        return f"Enter at least {version.min_quantity:,}: the supplier sells no fewer in one order"
    if version.max_quantity and quantity > version.max_quantity:
        return f"You can buy at most {version.max_quantity:,} in one order"
    totals = totals_for(unit_price_pence=pence(version.unit_price), quantity=quantity)
    if totals.total_pence > STRIPE_MAX_PENCE:
        return "That order is too large to pay by card. Enter a smaller number"
    return ""


def order_over_limit(*, listing: Any, buyer_organisation: Any, quantity: int) -> bool:
    totals = totals_for(unit_price_pence=pence(listing.live_version.unit_price), quantity=quantity)
    return totals.total_pence > order_limit_pence(buyer_organisation=buyer_organisation)


@transaction.atomic
def order_place(*, actor: Any, listing: Any, quantity: int) -> Order:
    """Record the order the buyer confirmed, at today's price, before any payment."""
    if not getattr(actor, "is_verified_buyer", False):
        raise PermissionDenied
    if not listing_buyable(listing=listing):
        raise ValidationError("This service cannot be bought online by card")
    organisation = actor.buyer_organisation
    message = order_quantity_errors(listing=listing, quantity=quantity)
    if message:
        raise ValidationError(message)
    if order_over_limit(listing=listing, buyer_organisation=organisation, quantity=quantity):
        raise OverLimit("This order is more than your organisation may buy by card")
    version = listing.live_version
    totals = totals_for(unit_price_pence=pence(version.unit_price), quantity=quantity)
    fee_percent = Decimal(str(settings.ORDERS_PLATFORM_FEE_PERCENT))
    order = Order.objects.create(
        listing=listing,
        listing_version=version,
        supplier=listing.supplier,
        buyer_organisation=organisation,
        person=actor,
        service_name=version.name,
        unit_name=version.unit_name,
        unit_price_pence=totals.unit_price_pence,
        quantity=quantity,
        subtotal_pence=totals.subtotal_pence,
        vat_rate=totals.vat_rate,
        vat_pence=totals.vat_pence,
        total_pence=totals.total_pence,
        platform_fee_pence=pence(Decimal(totals.total_pence) * fee_percent / 10000),
        stripe_account_id=connected_account(supplier=listing.supplier).stripe_account_id,
    )
    audit_record(
        actor=actor,
        action="order.placed",
        subject=order,
        data={"quantity": quantity, "total_pence": totals.total_pence},
    )
    return order


def order_checkout_start(*, actor: Any, order: Order) -> str:
    """A Stripe Checkout session for the order; returns the address to send the buyer to."""
    if order.person_id != actor.pk and order.buyer_organisation_id != actor.buyer_organisation_id:
        raise PermissionDenied
    if order.status != OrderStatus.AWAITING_PAYMENT:
        raise ValidationError("This order is not waiting for payment")
    Order.objects.filter(pk=order.pk).update(checkout_attempts=order.checkout_attempts + 1)
    order.refresh_from_db()
    vat_percent = f"{order.vat_rate * 100:.0f}%"
    lines = [
        stripe_client.CheckoutLine(
            name=f"{order.service_name} ({order.unit_name})",
            unit_amount_pence=order.unit_price_pence,
            quantity=order.quantity,
        )
    ]
    if order.vat_pence:
        lines.append(
            stripe_client.CheckoutLine(
                name=f"VAT at {vat_percent}", unit_amount_pence=order.vat_pence, quantity=1
            )
        )
    session = stripe_client.checkout_session_create(
        lines=lines,
        success_url=absolute_reverse("orders:paid", kwargs={"pk": order.pk}),
        cancel_url=absolute_reverse("orders:cancelled", kwargs={"pk": order.pk}),
        client_reference_id=order.reference,
        metadata={"order_id": str(order.pk), "order_reference": order.reference},
        destination_account=order.stripe_account_id,
        application_fee_pence=order.platform_fee_pence,
        idempotency_key=f"order-{order.pk}-checkout-{order.checkout_attempts}",
    )
    Order.objects.filter(pk=order.pk).update(checkout_session_id=session.id)
    audit_record(
        actor=actor, action="order.checkout_started", subject=order, data={"session": session.id}
    )
    return session.url


# Stripe's events ------------------------------------------------------------------


@transaction.atomic
def stripe_event_apply(*, event: stripe.Event) -> bool:
    """Apply a verified event once. Returns False for a repeat delivery."""
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=event.id, type=event.type)
    except IntegrityError:
        return False
    handler = _HANDLERS.get(event.type)
    if handler is not None:
        handler(event.data.object.to_dict())
    return True


def _order_of(session: Any) -> Order | None:
    order_id = (session.get("metadata") or {}).get("order_id", "")
    if not str(order_id).isdigit():
        return None
    return Order.objects.select_for_update().filter(pk=int(order_id)).first()


def _checkout_completed(session: Any) -> None:
    order = _order_of(session)
    if order is None or order.status != OrderStatus.AWAITING_PAYMENT:
        return
    if session.get("payment_status") != "paid":
        return  # a delayed method: Stripe sends async_payment_succeeded later
    order.status = OrderStatus.PAID
    order.paid_at = timezone.now()
    order.payment_intent_id = session.get("payment_intent") or ""
    order.save(update_fields=["status", "paid_at", "payment_intent_id"])
    audit_record(actor=None, action="order.paid", subject=order, data={"session": session["id"]})
    _relationship_record(order)
    transaction.on_commit(lambda: notifications.order_paid(order=order))


def _checkout_failed(status: str):
    def apply(session: Any) -> None:
        order = _order_of(session)
        if order is None or order.status != OrderStatus.AWAITING_PAYMENT:
            return
        order.status = status
        order.save(update_fields=["status"])
        audit_record(actor=None, action=f"order.{status}", subject=order)

    return apply


def _account_updated(account: Any) -> None:
    connected = ConnectedAccount.objects.filter(stripe_account_id=account["id"]).first()
    if connected is None:
        return
    connected.charges_enabled = bool(account.get("charges_enabled"))
    connected.details_submitted = bool(account.get("details_submitted"))
    connected.save(update_fields=["charges_enabled", "details_submitted", "updated_at"])
    audit_record(
        actor=None,
        action="stripe_account.updated",
        subject=connected,
        data={"charges_enabled": connected.charges_enabled},
    )


_HANDLERS = {
    "checkout.session.completed": _checkout_completed,
    "checkout.session.async_payment_succeeded": _checkout_completed,
    "checkout.session.expired": _checkout_failed(OrderStatus.EXPIRED),
    "checkout.session.async_payment_failed": _checkout_failed(OrderStatus.PAYMENT_FAILED),
    "account.updated": _account_updated,
}


def _relationship_record(order: Order) -> None:
    """A paid order is a contract feedback accepts: it is declared for the buyer's
    organisation, starting today, as if the buyer had told us of it."""
    from feedback.models import ValueBand
    from feedback.services import declared_contract_create

    try:
        declared_contract_create(
            actor=order.person,
            supplier=order.supplier,
            reference=f"Card order {order.reference}",
            value_band=ValueBand.UNDER_10K if order.total_pence < 1_000_000 else ValueBand.TO_100K,
            start_date=timezone.localdate(),
        )
    except (ValidationError, PermissionDenied):
        # The buyer has left or lost verification since ordering: the payment still
        # stands; only the feedback relationship is not recorded.
        audit_record(actor=None, action="order.relationship_not_recorded", subject=order)


# Refunds --------------------------------------------------------------------------


@transaction.atomic
def order_refund(*, actor: Any, order: Order, reason: str) -> Order:
    """Refund a paid order in full through Stripe; the supplier or CCS starts it."""
    if not user_may_refund(user=actor, order=order):
        raise PermissionDenied
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.PAID:
        raise ValidationError("Only a paid order can be refunded")
    if not reason.strip():
        raise ValidationError("Enter why you are refunding this order")
    refund_id = stripe_client.refund_create(
        payment_intent=order.payment_intent_id, idempotency_key=f"order-{order.pk}-refund"
    )
    order.status = OrderStatus.REFUNDED
    order.refund_id = refund_id
    order.refund_reason = reason.strip()
    order.refunded_at = timezone.now()
    order.save(update_fields=["status", "refund_id", "refund_reason", "refunded_at"])
    audit_record(actor=actor, action="order.refunded", subject=order, data={"refund": refund_id})
    transaction.on_commit(lambda: notifications.order_refunded(order=order))
    return order


# Connecting a supplier's Stripe account -----------------------------------------------


def stripe_account_connect(*, actor: Any) -> str:
    """Create (once) the supplier's Express account and return a Stripe onboarding link."""
    supplier = getattr(actor, "supplier_organisation", None)
    if supplier is None:
        raise PermissionDenied
    connected = connected_account(supplier=supplier)
    if connected is None:
        account = stripe_client.connect_account_create(
            email=supplier.contact_email or actor.email,
            business_name=supplier.display_name,
            idempotency_key=f"supplier-{supplier.pk}-connect",
        )
        connected = ConnectedAccount.objects.create(
            supplier=supplier,
            stripe_account_id=account.id,
            charges_enabled=account.charges_enabled,
            details_submitted=account.details_submitted,
        )
        audit_record(actor=actor, action="stripe_account.created", subject=connected)
    return stripe_client.connect_account_link_create(
        account_id=connected.stripe_account_id,
        refresh_url=absolute_url(path=reverse("orders:connect")),
        return_url=absolute_url(path=reverse("orders:connect_return")),
    )


def stripe_account_refresh(*, actor: Any) -> ConnectedAccount | None:
    """Ask Stripe again whether the supplier's account can take payments (on return
    from onboarding; ``account.updated`` events keep it current afterwards)."""
    supplier = getattr(actor, "supplier_organisation", None)
    connected = connected_account(supplier=supplier) if supplier else None
    if connected is None:
        return None
    account = stripe_client.connect_account_retrieve(account_id=connected.stripe_account_id)
    if (account.charges_enabled, account.details_submitted) != (
        connected.charges_enabled,
        connected.details_submitted,
    ):
        connected.charges_enabled = account.charges_enabled
        connected.details_submitted = account.details_submitted
        connected.save(update_fields=["charges_enabled", "details_submitted", "updated_at"])
        audit_record(actor=actor, action="stripe_account.updated", subject=connected)
    return connected

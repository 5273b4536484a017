"""Reads of card orders: who may see which order, what a buyer may buy, the totals."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from .models import BuyerOrderLimit, ConnectedAccount, Order, OrderStatus

# Stripe takes at most 99,999,999 pence in one payment; a bigger total overflows.
STRIPE_MAX_PENCE = 99_999_999


@dataclass(frozen=True)
class Totals:
    unit_price_pence: int
    quantity: int
    subtotal_pence: int
    vat_rate: Decimal
    vat_pence: int
    total_pence: int


def vat_rate() -> Decimal:
    return Decimal(str(settings.ORDERS_VAT_RATE))


def totals_for(*, unit_price_pence: int, quantity: int) -> Totals:
    """The order's sums in whole pence; VAT is rounded half up, once, on the subtotal."""
    rate = vat_rate()
    subtotal = unit_price_pence * quantity
    vat = int((Decimal(subtotal) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Totals(unit_price_pence, quantity, subtotal, rate, vat, subtotal + vat)


def pence(pounds: Decimal) -> int:
    return int((pounds * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def connected_account(*, supplier: Any) -> ConnectedAccount | None:
    return ConnectedAccount.objects.filter(supplier=supplier).first()


def supplier_takes_card_payments(*, supplier: Any) -> bool:
    """Whether the supplier's Stripe account can take card payments now."""
    return ConnectedAccount.objects.filter(supplier=supplier, charges_enabled=True).exists()


def card_payments_configured() -> bool:
    """Whether this site has a Stripe key at all; without one, nobody pays by card."""
    return bool(settings.STRIPE_SECRET_KEY)


def listing_buyable(*, listing: Any) -> bool:
    """A published listing whose live version is offered online by a supplier that can
    take card payments."""
    version = listing.live_version
    return bool(
        listing.is_public
        and version.buy_online
        and version.unit_price
        and version.unit_name
        and supplier_takes_card_payments(supplier=listing.supplier)
    )


def order_limit_pence(*, buyer_organisation: Any) -> int:
    limit = BuyerOrderLimit.objects.filter(buyer_organisation=buyer_organisation).first()
    pounds = limit.max_order_pounds if limit else settings.ORDERS_DEFAULT_MAX_ORDER_POUNDS
    return pounds * 100


def orders_visible_to(*, user: Any) -> QuerySet[Order]:
    """Orders of the user's buyer organisation, or to the user's supplier; CCS staff
    see all. Anyone else sees none."""
    orders = Order.objects.select_related("supplier", "buyer_organisation", "person")
    if getattr(user, "is_ccs_staff", False):
        return orders
    rules = Q(pk__in=[])
    if getattr(user, "buyer_organisation_id", None):
        rules |= Q(buyer_organisation_id=user.buyer_organisation_id)
    if getattr(user, "supplier_organisation_id", None):
        rules |= Q(supplier_id=user.supplier_organisation_id)
    return orders.filter(rules)


def order_get_visible(*, user: Any, pk: int) -> Order | None:
    return orders_visible_to(user=user).filter(pk=pk).first()


def orders_for_buyer_organisation(*, buyer_organisation_id: int) -> QuerySet[Order]:
    return Order.objects.filter(buyer_organisation_id=buyer_organisation_id).select_related(
        "supplier", "person"
    )


def orders_for_supplier(*, supplier_id: int) -> QuerySet[Order]:
    return Order.objects.filter(supplier_id=supplier_id).select_related("buyer_organisation")


def user_may_refund(*, user: Any, order: Order) -> bool:
    return bool(
        getattr(user, "is_ccs_staff", False)
        or getattr(user, "supplier_organisation_id", None) == order.supplier_id
    )


def orders_paid_public() -> QuerySet[Order]:
    """Paid card orders, oldest payment first, for open data (the API, OCDS, spend).

    Only orders still paid: one never paid, expired, failed or refunded is no spend.
    Readers may show the supplier, the buyer organisation, the listing version, the
    quantity, the prices and the payment date; never the person who ordered, the
    Stripe ids or the platform fee."""
    return (
        Order.objects.filter(status=OrderStatus.PAID, paid_at__isnull=False)
        .select_related(
            "supplier__head_office_region",
            "buyer_organisation",
            "listing__lot__framework",
            "listing_version",
        )
        .order_by("paid_at", "pk")
    )

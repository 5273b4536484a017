"""Orders paid online by card, the suppliers' Stripe accounts that are paid, and
the Stripe events already applied.

An order copies what the buyer agreed to (the listing version, unit price in
pence, quantity and totals) when it is placed, before any payment, so a later
change to the listing never changes an order.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ConnectedAccount(models.Model):
    """A supplier's Stripe Express account: the destination of its card payments."""

    supplier = models.OneToOneField(
        "suppliers.SupplierOrganisation",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="stripe_account",
    )
    stripe_account_id = models.CharField(_("Stripe account"), max_length=64, unique=True)
    # Kept current from Stripe's ``account.updated`` events: only an account that can
    # take charges may be offered to buyers.
    charges_enabled = models.BooleanField(_("can take card payments"), default=False)
    details_submitted = models.BooleanField(_("details given to Stripe"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("connected Stripe account")

    def __str__(self) -> str:
        return f"{self.supplier} ({self.stripe_account_id})"


class OrderStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting-payment", _("Waiting for payment")
    PAID = "paid", _("Paid")
    PAYMENT_FAILED = "payment-failed", _("Payment failed")
    EXPIRED = "expired", _("Not paid: the payment page expired")
    REFUNDED = "refunded", _("Refunded")


class Order(models.Model):
    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="orders")
    listing_version = models.ForeignKey(
        "listings.ListingVersion", on_delete=models.PROTECT, related_name="orders"
    )
    supplier = models.ForeignKey(
        "suppliers.SupplierOrganisation", on_delete=models.PROTECT, related_name="orders"
    )
    buyer_organisation = models.ForeignKey(
        "accounts.BuyerOrganisation", on_delete=models.PROTECT, related_name="orders"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    service_name = models.CharField(_("service"), max_length=100)
    unit_name = models.CharField(_("unit"), max_length=40)
    unit_price_pence = models.PositiveIntegerField(_("unit price (pence, before VAT)"))
    quantity = models.PositiveIntegerField(_("quantity"))
    subtotal_pence = models.PositiveBigIntegerField(_("total before VAT (pence)"))
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=4, decimal_places=3)
    vat_pence = models.PositiveBigIntegerField(_("VAT (pence)"))
    total_pence = models.PositiveBigIntegerField(_("total (pence)"))
    platform_fee_pence = models.PositiveBigIntegerField(_("platform fee (pence)"), default=0)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.AWAITING_PAYMENT,
        db_index=True,
    )
    stripe_account_id = models.CharField(_("supplier's Stripe account"), max_length=64)
    checkout_session_id = models.CharField(max_length=255, blank=True)
    # Each new Checkout session for the order gets its own idempotency key, so a
    # retried request never makes a second session but a buyer can try again.
    checkout_attempts = models.PositiveIntegerField(default=0)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    refund_id = models.CharField(max_length=255, blank=True)
    refund_reason = models.TextField(_("reason for the refund"), blank=True)
    created_at = models.DateTimeField(_("placed"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("card order")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1) & models.Q(unit_price_pence__gte=1),
                name="order_positive_quantity_and_price",
            ),
            models.CheckConstraint(
                condition=models.Q(total_pence=models.F("subtotal_pence") + models.F("vat_pence")),
                name="order_total_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("orders:detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"ORD-{self.pk:06d}"


class StripeEvent(models.Model):
    """A Stripe event already applied, so a second delivery changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class BuyerOrderLimit(models.Model):
    """CCS's per-order maximum for one buyer organisation; without one, the
    ``ORDERS_DEFAULT_MAX_ORDER_POUNDS`` setting applies."""

    buyer_organisation = models.OneToOneField(
        "accounts.BuyerOrganisation",
        verbose_name=_("buyer organisation"),
        on_delete=models.PROTECT,
        related_name="order_limit",
    )
    max_order_pounds = models.PositiveIntegerField(
        _("largest card order, in whole pounds including VAT"),
        help_text=_("Above this, buyers in the organisation are sent to direct award."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("card order limit")

    def __str__(self) -> str:
        return f"{self.buyer_organisation}: £{self.max_order_pounds:,}"

"""Buying a service online by card, and the orders that result.

Who may use each view is stated by its decorator; an order is shown only to its
buyer organisation, its supplier and CCS staff, and to anyone else it does not
exist (404).
"""

import stripe
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from listings.selectors import listing_get_public
from marketplace.accounts.access import (
    buyer_required,
    signed_in,
    supplier_required,
    verified_buyer_required,
)
from marketplace.core.pdf import html_to_pdf

from . import presenters, services
from .forms import QuantityForm, RefundForm
from .models import OrderStatus
from .selectors import (
    card_payments_configured,
    connected_account,
    listing_buyable,
    order_get_visible,
    order_limit_pence,
    orders_for_buyer_organisation,
    orders_for_supplier,
    pence,
    totals_for,
    user_may_refund,
)

PAYMENT_SERVICE_DOWN = (
    "We could not reach the card payment service. Your order is saved and nothing "
    "has been paid: try again in a few minutes"
)


def _buyable_listing(pk: int):
    listing = listing_get_public(pk=pk)
    if listing is None or not listing_buyable(listing=listing):
        raise Http404
    return listing


def _quantity_page(request, listing, form, *, over_limit: bool = False, status: int = 200):
    return render(
        request,
        "orders/buy.html",
        {
            "listing": listing,
            "version": listing.live_version,
            "form": form,
            "over_limit": over_limit,
            "limit_pence": order_limit_pence(buyer_organisation=request.user.buyer_organisation),
        },
        status=status,
    )


def _checked_quantity(request, listing):
    """(form, over_limit) for the quantity posted; over_limit only for a valid form."""
    form = QuantityForm(request.POST, listing=listing)
    if not form.is_valid():
        return form, False
    over = services.order_over_limit(
        listing=listing,
        buyer_organisation=request.user.buyer_organisation,
        quantity=form.cleaned_data["quantity"],
    )
    return form, over


@verified_buyer_required
@require_http_methods(["GET", "POST"])
def buy(request, listing_pk: int):
    """Step 1 for a verified buyer: how many units. A valid answer shows the totals to confirm."""
    listing = _buyable_listing(listing_pk)
    if not card_payments_configured():
        return render(request, "orders/not_set_up.html", {"listing": listing})
    if request.method == "GET":
        return _quantity_page(request, listing, QuantityForm(listing=listing))
    form, over_limit = _checked_quantity(request, listing)
    if not form.is_valid() or over_limit:
        return _quantity_page(request, listing, form, over_limit=over_limit, status=400)
    version = listing.live_version
    totals = totals_for(
        unit_price_pence=pence(version.unit_price), quantity=form.cleaned_data["quantity"]
    )
    return render(
        request,
        "orders/confirm.html",
        {
            "listing": listing,
            "version": version,
            "quantity": totals.quantity,
            "totals_rows": presenters.totals_rows(totals, unit_name=version.unit_name),
        },
    )


@verified_buyer_required
@require_POST
def confirm(request, listing_pk: int):
    """Step 2 for a verified buyer: record the order, then send them to Stripe Checkout."""
    listing = _buyable_listing(listing_pk)
    if not card_payments_configured():
        return render(request, "orders/not_set_up.html", {"listing": listing})
    form, over_limit = _checked_quantity(request, listing)
    if not form.is_valid() or over_limit:
        return _quantity_page(request, listing, form, over_limit=over_limit, status=400)
    try:
        order = services.order_place(
            actor=request.user, listing=listing, quantity=form.cleaned_data["quantity"]
        )
    except ValidationError as error:
        form.add_error("quantity", error.messages[0])
        return _quantity_page(request, listing, form, status=400)
    return _to_checkout(request, order)


def _to_checkout(request, order):
    try:
        url = services.order_checkout_start(actor=request.user, order=order)
    except stripe.StripeError:
        messages.error(request, PAYMENT_SERVICE_DOWN)
        return redirect(order)
    return _see_other(url)


def _see_other(url: str) -> HttpResponseRedirect:
    # 303, so the browser fetches Stripe's page with GET after our POST.
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


@verified_buyer_required
@require_POST
def pay(request, pk: int):
    """A verified buyer of the order's organisation tries paying again (after a cancel)."""
    order = order_get_visible(user=request.user, pk=pk)
    if order is None or order.buyer_organisation_id != request.user.buyer_organisation_id:
        raise Http404
    if order.status != OrderStatus.AWAITING_PAYMENT or not card_payments_configured():
        messages.error(request, "This order is not waiting for payment")
        return redirect(order)
    return _to_checkout(request, order)


def _visible_order(request, pk: int):
    order = order_get_visible(user=request.user, pk=pk)
    if order is None:
        raise Http404
    return order


@signed_in
def order_detail(request, pk: int, arrived: str = ""):
    """The order, for its buyer organisation, its supplier and CCS staff only."""
    order = _visible_order(request, pk)
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "rows": presenters.order_rows(order),
            "arrived": arrived,
            "is_buyer": request.user.buyer_organisation_id == order.buyer_organisation_id,
            "may_refund": user_may_refund(user=request.user, order=order)
            and order.status == OrderStatus.PAID,
        },
    )


@signed_in
def order_receipt(request, pk: int):
    """A tagged PDF receipt of a paid (or refunded) order, for those who may see it."""
    order = _visible_order(request, pk)
    if order.status not in (OrderStatus.PAID, OrderStatus.REFUNDED):
        raise Http404
    html = render(
        request,
        "orders/receipt_pdf.html",
        {"order": order, "rows": presenters.order_rows(order), "generated": timezone.now()},
    ).content.decode()
    response = HttpResponse(
        html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="receipt-{order.reference}.pdf"'
    return response


@buyer_required
def buyer_history(request):
    """Every card order of the signed-in buyer's organisation."""
    orders = orders_for_buyer_organisation(buyer_organisation_id=request.user.buyer_organisation_id)
    return render(
        request,
        "orders/history.html",
        {
            "heading": "Your organisation's card orders",
            "head": presenters.HISTORY_HEAD,
            "rows": presenters.history_rows(orders, other="supplier"),
        },
    )


@supplier_required
def supplier_history(request):
    """Every card order placed with the signed-in supplier's organisation."""
    orders = orders_for_supplier(supplier_id=request.user.supplier_organisation_id)
    return render(
        request,
        "orders/history.html",
        {
            "heading": "Card orders from buyers",
            "head": presenters.HISTORY_HEAD,
            "rows": presenters.history_rows(orders, other="buyer"),
            "supplier": True,
        },
    )


@signed_in
@require_http_methods(["GET", "POST"])
def refund(request, pk: int):
    """The order's supplier or CCS staff refund a paid order in full."""
    order = _visible_order(request, pk)
    if not user_may_refund(user=request.user, order=order):
        raise Http404
    if order.status != OrderStatus.PAID:
        messages.error(request, "Only a paid order can be refunded")
        return redirect(order)
    form = RefundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.order_refund(
                actor=request.user, order=order, reason=form.cleaned_data["reason"]
            )
        except stripe.StripeError:
            messages.error(request, "We could not reach the card payment service. Try again")
            return redirect(order)
        messages.success(request, f"Order {order.reference} is refunded")
        return redirect(order)
    status = 400 if request.method == "POST" else 200
    return render(request, "orders/refund.html", {"order": order, "form": form}, status=status)


@supplier_required
@require_http_methods(["GET", "POST"])
def connect(request):
    """A supplier's Stripe account for card payments: its state, and connecting it."""
    supplier = request.user.supplier_organisation
    if request.method == "POST":
        if not card_payments_configured():
            messages.error(request, "Card payment is not set up on this site")
            return redirect("orders:connect")
        try:
            return _see_other(services.stripe_account_connect(actor=request.user))
        except stripe.StripeError:
            messages.error(request, "We could not reach Stripe. Try again in a few minutes")
            return redirect("orders:connect")
    return render(
        request,
        "orders/connect.html",
        {
            "account": connected_account(supplier=supplier),
            "configured": card_payments_configured(),
        },
    )


@supplier_required
def connect_return(request):
    """Where Stripe sends the supplier back: ask Stripe for the account's state."""
    if card_payments_configured():
        try:
            services.stripe_account_refresh(actor=request.user)
        except stripe.StripeError:
            messages.error(request, "We could not reach Stripe to check your account")
    return redirect("orders:connect")

"""What the order pages show: summary rows and history tables."""

from django.utils.html import format_html

from .models import Order, OrderStatus
from .selectors import Totals
from .templatetags.orders_tags import percent, pounds

STATUS_TAGS = {
    OrderStatus.AWAITING_PAYMENT: "govuk-tag--yellow",
    OrderStatus.PAID: "govuk-tag--green",
    OrderStatus.PAYMENT_FAILED: "govuk-tag--red",
    OrderStatus.EXPIRED: "govuk-tag--grey",
    OrderStatus.REFUNDED: "govuk-tag--blue",
}


def status_tag(order: Order):
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        STATUS_TAGS.get(order.status, ""),
        order.get_status_display(),
    )


def totals_rows(totals: Totals, *, unit_name: str) -> list[tuple[str, str]]:
    return [
        ("Price of one unit, before VAT", f"{pounds(totals.unit_price_pence)} a {unit_name}"),
        ("Quantity", f"{totals.quantity:,} (one unit is one {unit_name})"),
        ("Total before VAT", pounds(totals.subtotal_pence)),
        (f"VAT at {percent(totals.vat_rate)}", pounds(totals.vat_pence)),
        ("Total to pay, including VAT", pounds(totals.total_pence)),
    ]


def order_totals(order: Order) -> Totals:
    return Totals(
        order.unit_price_pence,
        order.quantity,
        order.subtotal_pence,
        order.vat_rate,
        order.vat_pence,
        order.total_pence,
    )


def order_rows(order: Order) -> list[tuple[str, object]]:
    return [
        ("Order reference", order.reference),
        ("Status", status_tag(order)),
        ("Service", order.service_name),
        ("Supplier", order.supplier.display_name),
        ("Buyer organisation", order.buyer_organisation.name),
        ("Placed by", order.person.get_full_name()),
        ("Placed on", f"{order.created_at:%-d %B %Y at %-I:%M%p}"),
        ("Paid on", f"{order.paid_at:%-d %B %Y}" if order.paid_at else None),
        ("Refunded on", f"{order.refunded_at:%-d %B %Y}" if order.refunded_at else None),
        ("Reason for the refund", order.refund_reason or None),
        *totals_rows(order_totals(order), unit_name=order.unit_name),
    ]


HISTORY_HEAD = ["Order", "Service", "Placed on", "Total", "Status"]


def history_rows(orders, *, other: str) -> list[list]:
    rows = []
    for order in orders:
        who = order.supplier.display_name if other == "supplier" else order.buyer_organisation.name
        rows.append(
            [
                format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    order.get_absolute_url(),
                    order.reference,
                ),
                f"{order.service_name} ({who})",
                f"{order.created_at:%-d %b %Y}",
                pounds(order.total_pence),
                status_tag(order),
            ]
        )
    return rows

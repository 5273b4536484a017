"""E-mails about card orders: the buyer's receipt and the supplier's notice."""

from django.contrib.auth import get_user_model

from marketplace.core.notifications import absolute_reverse, notification_send

from .models import Order


def _supplier_addresses(order: Order) -> list[str]:
    people = get_user_model().objects.filter(
        supplier_organisation_id=order.supplier_id, is_active=True
    )
    return [order.supplier.contact_email, *people.values_list("email", flat=True)]


def order_paid(*, order: Order) -> None:
    link = absolute_reverse("orders:detail", kwargs={"pk": order.pk})
    context = {"order": order, "link": link}
    notification_send(
        to=[order.person.email],
        subject=f"Receipt for your card order {order.reference}",
        template="orders/emails/receipt.txt",
        context={**context, "pdf": absolute_reverse("orders:receipt", kwargs={"pk": order.pk})},
    )
    notification_send(
        to=_supplier_addresses(order),
        subject=f"New paid order {order.reference}: {order.service_name}",
        template="orders/emails/supplier_notice.txt",
        context=context,
    )


def order_refunded(*, order: Order) -> None:
    notification_send(
        to=[order.person.email],
        subject=f"Your card order {order.reference} has been refunded",
        template="orders/emails/refunded.txt",
        context={
            "order": order,
            "link": absolute_reverse("orders:detail", kwargs={"pk": order.pk}),
        },
    )

"""Stripe's events: applied once when signed with the webhook secret, refused with
400 and no change otherwise. Events are signed as Stripe signs them."""

import subprocess
import time

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from feedback.models import DeclaredContract
from marketplace.core.models import AuditEvent
from orders.models import ConnectedAccount, Order, OrderStatus, StripeEvent
from tests.orders.conftest import (
    completed_session,
    event_for,
    post_event,
    signature_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(client, listing, buyer):
    client.force_login(buyer)
    client.post(reverse("orders:confirm", kwargs={"listing_pk": listing.pk}), {"quantity": "10"})
    client.logout()
    return Order.objects.get()


def test_a_signed_completed_checkout_marks_the_order_paid_once(
    client, order, buyer, django_capture_on_commit_callbacks
):
    payload = event_for("checkout.session.completed", completed_session(order))

    with django_capture_on_commit_callbacks(execute=True):
        first = post_event(client, payload)
        second = post_event(client, payload)  # Stripe delivers again

    order.refresh_from_db()
    assert (first.status_code, first.content) == (200, b"applied")
    assert (second.status_code, second.content) == (200, b"already applied")
    assert order.status == OrderStatus.PAID
    assert order.payment_intent_id == "pi_test_paid"
    assert order.paid_at is not None
    assert AuditEvent.objects.filter(action="order.paid").count() == 1
    assert StripeEvent.objects.count() == 1
    # One receipt to the buyer, one notice to the supplier, not two of each.
    assert sorted(message.subject for message in mail.outbox) == [
        f"New paid order {order.reference}: School mailboxes",
        f"Receipt for your card order {order.reference}",
    ]
    receipt = next(m for m in mail.outbox if m.subject.startswith("Receipt"))
    assert receipt.to == [buyer.email]
    assert "Total paid: £300.00" in receipt.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/orders/{order.pk}/receipt.pdf" in receipt.body


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "t=1700000000,v1=0000",
        signature_for(b"something else"),
        "not a signature",
    ],
    ids=["missing", "made-up", "for-another-payload", "garbage"],
)
def test_an_unsigned_or_wrongly_signed_event_is_refused_and_changes_nothing(
    client, order, signature
):
    payload = event_for("checkout.session.completed", completed_session(order))

    response = post_event(client, payload, signature=signature)

    order.refresh_from_db()
    assert response.status_code == 400
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert StripeEvent.objects.count() == 0
    assert mail.outbox == []


def test_an_event_signed_with_another_secret_is_refused(client, order):
    payload = event_for("checkout.session.completed", completed_session(order))

    response = post_event(client, payload, signature=signature_for(payload, secret="whsec_other"))

    order.refresh_from_db()
    assert response.status_code == 400
    assert order.status == OrderStatus.AWAITING_PAYMENT


def test_a_replayed_old_event_is_refused(client, order):
    payload = event_for("checkout.session.completed", completed_session(order))
    an_hour_ago = int(time.time()) - 3600

    response = post_event(client, payload, signature=signature_for(payload, timestamp=an_hour_ago))

    order.refresh_from_db()
    assert response.status_code == 400
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert StripeEvent.objects.count() == 0


def test_the_webhook_takes_only_posts(client):
    assert client.get(reverse("orders:stripe_webhook")).status_code == 405


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("checkout.session.expired", OrderStatus.EXPIRED),
        ("checkout.session.async_payment_failed", OrderStatus.PAYMENT_FAILED),
    ],
)
def test_an_expired_or_failed_checkout_marks_the_order_unpaid(client, order, kind, status):
    payload = event_for(kind, completed_session(order, payment_status="unpaid"))

    assert post_event(client, payload).status_code == 200

    order.refresh_from_db()
    assert order.status == status
    assert mail.outbox == []


def test_a_late_expiry_does_not_undo_a_payment(client, order):
    post_event(client, event_for("checkout.session.completed", completed_session(order)))
    post_event(client, event_for("checkout.session.expired", completed_session(order)))

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_a_completed_checkout_still_unpaid_waits(client, order):
    payload = event_for(
        "checkout.session.completed", completed_session(order, payment_status="unpaid")
    )

    post_event(client, payload)

    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT


def test_account_updated_keeps_charges_enabled_current(client, connected, card_settings):
    account = {"id": connected.stripe_account_id, "object": "account", "charges_enabled": False}

    post_event(client, event_for("account.updated", account))

    connected.refresh_from_db()
    assert connected.charges_enabled is False
    account["charges_enabled"] = True
    post_event(client, event_for("account.updated", account))
    assert ConnectedAccount.objects.get(pk=connected.pk).charges_enabled is True


def test_a_paid_order_is_a_relationship_feedback_accepts(client, order, buyer):
    post_event(client, event_for("checkout.session.completed", completed_session(order)))
    client.force_login(buyer)

    page = client.get(reverse("feedback:write", args=[order.supplier.slug])).content.decode()

    contract = DeclaredContract.objects.get()
    assert (contract.buyer_organisation, contract.supplier) == (
        buyer.buyer_organisation,
        order.supplier,
    )
    assert contract.reference == f"Card order {order.reference}"
    assert f"Card order {order.reference}" in page


def test_the_buyer_downloads_a_receipt_pdf_once_paid(client, order, buyer, tmp_path):
    receipt = reverse("orders:receipt", kwargs={"pk": order.pk})
    client.force_login(buyer)
    assert client.get(receipt).status_code == 404  # nothing paid yet

    post_event(client, event_for("checkout.session.completed", completed_session(order)))
    response = client.get(receipt)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Tagged:          yes" in info
    assert f"Receipt for order {order.reference}" in text
    assert "Total to pay, including VAT" in text and "£300.00" in text

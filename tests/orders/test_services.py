"""What the order services send to Stripe (on stripe-mock), refunds and connecting
a supplier's Stripe account."""

import json
from urllib.parse import parse_qs

import pytest
import stripe
from django.conf import settings
from django.core import mail
from django.urls import reverse
from stripe import _http_client

from marketplace.core.models import AuditEvent
from orders import services
from orders import stripe_client as client_module
from orders.models import ConnectedAccount, Order, OrderStatus
from tests.factories import BuyerFactory, CcsReviewerFactory, SupplierUserFactory
from tests.orders.conftest import completed_session, event_for, post_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchanges(stripe_mock, monkeypatch):
    """Every request sent to stripe-mock, with its headers and stripe-mock's answer.
    The requests really go to stripe-mock; they are only written down on the way."""
    recorded = []
    default = _http_client.new_default_http_client()

    class Recording(type(default)):
        def request(self, method, url, headers, post_data=None):
            body, status, response_headers = super().request(method, url, headers, post_data)
            recorded.append((method, url, headers, parse_qs(post_data or ""), json.loads(body)))
            return body, status, response_headers

    def recording_client():
        return stripe.StripeClient(
            api_key=settings.STRIPE_SECRET_KEY,
            base_addresses={"api": settings.STRIPE_API_BASE},
            max_network_retries=0,
            http_client=Recording(),
        )

    monkeypatch.setattr(client_module, "stripe_client", recording_client)
    return recorded


def test_checkout_is_a_destination_charge_with_the_order_in_metadata(
    listing, buyer, exchanges, connected
):
    order = services.order_place(actor=buyer, listing=listing, quantity=10)
    url = services.order_checkout_start(actor=buyer, order=order)

    ((method, address, headers, sent, answer),) = exchanges
    assert (method, address) == ("post", f"{settings.STRIPE_API_BASE}/v1/checkout/sessions")
    assert headers["Idempotency-Key"] == f"order-{order.pk}-checkout-1"
    assert sent["payment_method_types[0]"] == ["card"]
    assert sent["metadata[order_id]"] == [str(order.pk)]
    assert sent["payment_intent_data[transfer_data][destination]"] == [connected.stripe_account_id]
    assert "payment_intent_data[application_fee_amount]" not in sent  # no fee by default
    assert (
        sent["line_items[0][quantity]"],
        sent["line_items[0][price_data][unit_amount]"],
        sent["line_items[0][price_data][currency]"],
        sent["line_items[0][price_data][product_data][name]"],
    ) == (["10"], ["2500"], ["gbp"], ["School mailboxes (mailbox)"])
    assert (
        sent["line_items[1][quantity]"],
        sent["line_items[1][price_data][unit_amount]"],
        sent["line_items[1][price_data][product_data][name]"],
    ) == (["1"], ["5000"], ["VAT at 20%"])
    assert sent["success_url"] == [f"{settings.WAGTAILADMIN_BASE_URL}/orders/{order.pk}/paid/"]
    assert url == answer["url"]


def test_a_platform_fee_is_taken_only_when_configured(listing, buyer, exchanges, settings):
    settings.ORDERS_PLATFORM_FEE_PERCENT = "2.5"
    order = services.order_place(actor=buyer, listing=listing, quantity=10)
    services.order_checkout_start(actor=buyer, order=order)

    ((_method, _address, _headers, sent, _answer),) = exchanges
    assert order.platform_fee_pence == 750  # 2.5% of £300
    assert sent["payment_intent_data[application_fee_amount]"] == ["750"]


@pytest.fixture
def paid_order(client, listing, buyer):
    order = services.order_place(actor=buyer, listing=listing, quantity=10)
    post_event(client, event_for("checkout.session.completed", completed_session(order)))
    order.refresh_from_db()
    mail.outbox.clear()
    return order


@pytest.mark.parametrize("who", ["supplier", "ccs"])
def test_the_supplier_or_ccs_refunds_a_paid_order_through_stripe(
    client, paid_order, supplier_user, exchanges, who, django_capture_on_commit_callbacks
):
    user = supplier_user if who == "supplier" else CcsReviewerFactory()
    client.force_login(user)
    url = reverse("orders:refund", kwargs={"pk": paid_order.pk})

    form = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Ordered twice by mistake"}, follow=True)

    paid_order.refresh_from_db()
    ((method, address, headers, sent, answer),) = exchanges
    assert form.status_code == 200
    assert (method, address) == ("post", f"{settings.STRIPE_API_BASE}/v1/refunds")
    assert sent == {
        "payment_intent": ["pi_test_paid"],
        "reverse_transfer": ["true"],
        "refund_application_fee": ["true"],
    }
    assert headers["Idempotency-Key"] == f"order-{paid_order.pk}-refund"
    assert (paid_order.status, paid_order.refund_id) == (OrderStatus.REFUNDED, answer["id"])
    assert paid_order.refund_reason == "Ordered twice by mistake"
    assert f"Order {paid_order.reference} is refunded" in response.content.decode()
    event = AuditEvent.objects.get(action="order.refunded")
    assert (event.actor, event.data) == (user, {"refund": answer["id"]})
    assert [m.subject for m in mail.outbox] == [
        f"Your card order {paid_order.reference} has been refunded"
    ]


def test_a_refund_needs_a_reason(client, paid_order, supplier_user, exchanges):
    client.force_login(supplier_user)

    response = client.post(reverse("orders:refund", kwargs={"pk": paid_order.pk}), {"reason": ""})

    paid_order.refresh_from_db()
    assert response.status_code == 400
    assert response.content.decode().count("Enter why you are refunding this order") == 2
    assert paid_order.status == OrderStatus.PAID
    assert exchanges == []


@pytest.mark.parametrize("who", ["buyer", "colleague", "other supplier", "other buyer"])
def test_buyers_and_other_suppliers_cannot_refund(client, paid_order, buyer, exchanges, who):
    user = {
        "buyer": lambda: buyer,
        "colleague": lambda: BuyerFactory(buyer_organisation=buyer.buyer_organisation),
        "other supplier": lambda: SupplierUserFactory(),
        "other buyer": lambda: BuyerFactory(),
    }[who]()
    client.force_login(user)

    response = client.post(reverse("orders:refund", kwargs={"pk": paid_order.pk}), {"reason": "x"})

    paid_order.refresh_from_db()
    assert response.status_code == 404
    assert paid_order.status == OrderStatus.PAID
    assert exchanges == []


def test_a_supplier_connects_an_express_account_on_stripe(client, exchanges):
    supplier_user = SupplierUserFactory()
    client.force_login(supplier_user)

    page = client.get(reverse("orders:connect")).content.decode()
    response = client.post(reverse("orders:connect"))

    (create, link) = exchanges
    account = ConnectedAccount.objects.get(supplier=supplier_user.supplier_organisation)
    assert "You have not connected a Stripe account" in page
    assert create[1] == f"{settings.STRIPE_API_BASE}/v1/accounts"
    assert (create[3]["type"], create[3]["country"]) == (["express"], ["GB"])
    assert create[3]["capabilities[card_payments][requested]"] == ["true"]
    assert link[1] == f"{settings.STRIPE_API_BASE}/v1/account_links"
    assert link[3]["account"] == [account.stripe_account_id]
    assert link[3]["type"] == ["account_onboarding"]
    assert response.status_code == 303
    assert response["Location"] == link[4]["url"]
    assert account.stripe_account_id == create[4]["id"]
    assert account.charges_enabled is False  # until Stripe says otherwise


def test_connecting_again_reuses_the_account(client, connected, supplier_user, exchanges):
    client.force_login(supplier_user)

    client.post(reverse("orders:connect"))

    assert [exchange[1] for exchange in exchanges] == [
        f"{settings.STRIPE_API_BASE}/v1/account_links"
    ]
    assert ConnectedAccount.objects.count() == 1


def test_only_suppliers_connect(client, buyer, exchanges, card_settings):
    client.force_login(buyer)

    assert client.post(reverse("orders:connect")).status_code == 403
    assert exchanges == []
    assert ConnectedAccount.objects.count() == 0


def test_an_order_needs_a_verified_buyer(listing):
    with pytest.raises(services.PermissionDenied):
        services.order_place(
            actor=BuyerFactory(email_verified_at=None), listing=listing, quantity=1
        )
    assert Order.objects.count() == 0

"""Buying by card as a buyer would: the quantity, the totals, the order recorded
before payment and the redirect to Stripe Checkout; and who is refused."""

from decimal import Decimal

import pytest
from django.urls import reverse

from listings import services as listing_services
from marketplace.core.models import AuditEvent
from orders.models import BuyerOrderLimit, Order, OrderStatus
from tests.factories import BuyerFactory, CcsReviewerFactory, SupplierUserFactory
from tests.orders.conftest import completed_session, event_for, post_event

pytestmark = pytest.mark.django_db


def buy_url(listing):
    return reverse("orders:buy", kwargs={"listing_pk": listing.pk})


def confirm_url(listing):
    return reverse("orders:confirm", kwargs={"listing_pk": listing.pk})


def test_the_service_page_offers_buying_by_card(client, listing, buyer):
    client.force_login(buyer)

    page = client.get(listing.get_absolute_url()).content.decode()

    assert "Buy online by card" in page
    assert "at £25.00 a mailbox before VAT" in page
    assert f'href="{buy_url(listing)}"' in page


def test_a_service_of_a_supplier_that_cannot_take_card_payments_is_not_offered(
    client, listing, buyer, connected
):
    connected.charges_enabled = False
    connected.save()
    client.force_login(buyer)

    assert "Buy online by card" not in client.get(listing.get_absolute_url()).content.decode()
    assert client.get(buy_url(listing)).status_code == 404


def test_ten_mailboxes_show_the_totals_with_vat_then_go_to_stripe_checkout(client, listing, buyer):
    client.force_login(buyer)

    asked = client.post(buy_url(listing), {"quantity": "10"})
    confirmed = client.post(confirm_url(listing), {"quantity": "10"})

    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Total before VAT" in page and "£250.00" in page
    assert "VAT at 20%" in page and "£50.00" in page
    assert "Total to pay, including VAT" in page and "£300.00" in page
    assert Order.objects.count() == 1
    order = Order.objects.get()
    assert confirmed.status_code == 303
    assert confirmed["Location"].startswith("https://checkout.stripe.com/pay/")
    assert (order.quantity, order.unit_price_pence, order.subtotal_pence) == (10, 2500, 25000)
    assert (order.vat_pence, order.total_pence, order.vat_rate) == (5000, 30000, Decimal("0.200"))
    assert (order.status, order.person, order.buyer_organisation) == (
        OrderStatus.AWAITING_PAYMENT,
        buyer,
        buyer.buyer_organisation,
    )
    assert order.listing_version == listing.live_version
    assert order.checkout_session_id.startswith("cs_test_")
    assert list(
        AuditEvent.objects.filter(action__startswith="order.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["order.placed", "order.checkout_started"]


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("-3", "Enter a number of 1 or more"),
        ("0", "Enter a number of 1 or more"),
        ("2.5", "Enter a whole number, like 10"),
        ("ten", "Enter a whole number, like 10"),
        ("", "Enter how many you want to buy"),
        ("501", "You can buy at most 500 in one order"),
        ("99999999999999999999", "Enter a number no bigger than 1,000,000"),
    ],
)
def test_a_bad_quantity_is_refused_with_a_message_and_the_answer_kept(
    client, listing, buyer, quantity, message
):
    client.force_login(buyer)

    for url in (buy_url(listing), confirm_url(listing)):
        response = client.post(url, {"quantity": quantity})

        page = response.content.decode()
        assert response.status_code == 400
        assert page.count(message) == 2  # the error summary and the field
        if quantity:
            assert f'value="{quantity}"' in page
    assert Order.objects.count() == 0


def test_a_total_too_large_for_a_card_payment_is_refused(client, listing, buyer, supplier_user):
    # £999,999.00 a unit: 100 units overflow what Stripe takes in one payment.
    version = listing.live_version
    version.unit_price = Decimal("999999.00")
    version.max_quantity = None
    version.save()
    client.force_login(buyer)

    response = client.post(confirm_url(listing), {"quantity": "100"})

    assert response.status_code == 400
    assert "That order is too large to pay by card. Enter a smaller number" in (
        response.content.decode()
    )
    assert Order.objects.count() == 0


def test_an_order_over_the_organisations_limit_is_sent_to_direct_award(client, listing, buyer):
    BuyerOrderLimit.objects.create(
        buyer_organisation=buyer.buyer_organisation, max_order_pounds=200
    )
    client.force_login(buyer)

    response = client.post(confirm_url(listing), {"quantity": "10"})  # £300 with VAT

    page = response.content.decode()
    assert response.status_code == 400
    assert "This order is more than your organisation may buy by card" in page
    assert "Your organisation can buy up to £200.00 (including VAT) in one card order" in page
    assert "use direct award" in page
    assert Order.objects.count() == 0
    assert client.post(confirm_url(listing), {"quantity": "6"}).status_code == 303  # £180


def test_the_default_limit_comes_from_settings(client, listing, buyer, settings):
    settings.ORDERS_DEFAULT_MAX_ORDER_POUNDS = 100
    client.force_login(buyer)

    response = client.post(buy_url(listing), {"quantity": "4"})  # £120 with VAT

    assert response.status_code == 400
    assert "Your organisation can buy up to £100.00" in response.content.decode()


def test_a_price_change_after_ordering_does_not_change_the_order(
    client, listing, buyer, supplier_user
):
    client.force_login(buyer)
    client.post(confirm_url(listing), {"quantity": "10"})
    listing_services.listing_draft_save(
        actor=supplier_user,
        listing=listing,
        content={"unit_price": Decimal("40.00")},
        revision=listing.live_version.revision,
    )
    new_version = listing.versions.order_by("-number").first()
    listing_services.listing_submit(actor=supplier_user, listing=listing)
    listing_services.listing_approve(actor=CcsReviewerFactory(), listing=listing)
    listing.refresh_from_db()

    order = Order.objects.get()
    page = client.get(order.get_absolute_url()).content.decode()
    assert listing.live_version == new_version and new_version.unit_price == Decimal("40.00")
    assert (order.unit_price_pence, order.total_pence) == (2500, 30000)
    assert "£25.00 a mailbox" in page and "£300.00" in page


def test_without_a_stripe_key_the_buy_page_says_card_payment_is_not_set_up(
    client, listing, buyer, settings
):
    settings.STRIPE_SECRET_KEY = ""
    client.force_login(buyer)

    shown = client.get(buy_url(listing))
    posted = client.post(confirm_url(listing), {"quantity": "10"})

    assert shown.status_code == 200 and posted.status_code == 200
    assert "Card payment is not set up on this site" in shown.content.decode()
    assert "Card payment is not set up on this site" in posted.content.decode()
    assert Order.objects.count() == 0


def test_a_stripe_failure_keeps_the_order_and_says_so(client, listing, buyer, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    client.force_login(buyer)

    response = client.post(confirm_url(listing), {"quantity": "10"}, follow=True)

    order = Order.objects.get()
    assert response.redirect_chain == [(order.get_absolute_url(), 302)]
    assert "We could not reach the card payment service. Your order is saved" in (
        response.content.decode()
    )
    assert order.status == OrderStatus.AWAITING_PAYMENT


# Who may buy -----------------------------------------------------------------------


def test_signed_out_people_are_sent_to_sign_in(client, listing):
    response = client.get(buy_url(listing))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("who", ["supplier", "unverified buyer", "ccs"])
def test_only_verified_buyers_may_buy(client, listing, who):
    user = {
        "supplier": lambda: SupplierUserFactory(),
        "unverified buyer": lambda: BuyerFactory(email_verified_at=None),
        "ccs": lambda: CcsReviewerFactory(),
    }[who]()
    client.force_login(user)

    assert client.get(buy_url(listing)).status_code == 403
    assert client.post(confirm_url(listing), {"quantity": "10"}).status_code == 403
    assert Order.objects.count() == 0


# Who may see an order -------------------------------------------------------------


@pytest.fixture
def order(client, listing, buyer):
    client.force_login(buyer)
    client.post(confirm_url(listing), {"quantity": "10"})
    client.logout()
    return Order.objects.get()


def test_another_buyer_organisation_cannot_see_the_order(client, order):
    client.force_login(BuyerFactory())

    assert client.get(order.get_absolute_url()).status_code == 404
    assert client.get(reverse("orders:receipt", kwargs={"pk": order.pk})).status_code == 404
    assert order.reference not in client.get(reverse("orders:history")).content.decode()


def test_a_colleague_in_the_same_organisation_sees_the_order(client, order, buyer):
    client.force_login(BuyerFactory(buyer_organisation=buyer.buyer_organisation))

    assert client.get(order.get_absolute_url()).status_code == 200
    assert order.reference in client.get(reverse("orders:history")).content.decode()


def test_a_supplier_sees_only_its_own_orders(client, order, supplier_user):
    other_supplier = SupplierUserFactory()
    client.force_login(other_supplier)
    assert client.get(order.get_absolute_url()).status_code == 404
    assert order.reference not in client.get(reverse("orders:supplier_history")).content.decode()

    client.force_login(supplier_user)
    assert client.get(order.get_absolute_url()).status_code == 200
    assert order.reference in client.get(reverse("orders:supplier_history")).content.decode()


def test_history_pages_are_for_their_own_kind_of_user(client, order, buyer, supplier_user):
    client.force_login(buyer)
    assert client.get(reverse("orders:supplier_history")).status_code == 403
    client.force_login(supplier_user)
    assert client.get(reverse("orders:history")).status_code == 403


def test_the_success_page_tells_the_truth_before_and_after_payment(client, order, buyer):
    client.force_login(buyer)
    paid_url = reverse("orders:paid", kwargs={"pk": order.pk})

    before = client.get(paid_url).content.decode()
    post_event(client, event_for("checkout.session.completed", completed_session(order)))
    after = client.get(paid_url).content.decode()

    assert "Stripe has not yet told us that your payment went through" in before
    assert "Payment received" not in before
    assert "Payment received" in after
    assert "Waiting for payment" in before and "Paid" in after


def test_the_cancel_page_says_nothing_was_paid_and_offers_to_pay(client, order, buyer):
    client.force_login(buyer)

    page = client.get(reverse("orders:cancelled", kwargs={"pk": order.pk})).content.decode()
    again = client.post(reverse("orders:pay", kwargs={"pk": order.pk}))

    assert "You left the payment page, so nothing has been paid" in page
    assert "Pay now by card" in page
    assert again.status_code == 303
    assert again["Location"].startswith("https://checkout.stripe.com/pay/")
    order.refresh_from_db()
    assert order.checkout_attempts == 2


def test_another_organisation_cannot_pay_for_the_order(client, order):
    client.force_login(BuyerFactory())

    assert client.post(reverse("orders:pay", kwargs={"pk": order.pk})).status_code == 404
    order.refresh_from_db()
    assert order.checkout_attempts == 1


@pytest.mark.parametrize(
    "name",
    ["history", "supplier_history", "detail", "paid", "receipt", "refund", "pay", "connect"],
)
def test_signed_out_people_see_no_order_page(client, order, name):
    kwargs = {"pk": order.pk} if name in {"detail", "paid", "receipt", "refund", "pay"} else {}

    response = client.get(reverse(f"orders:{name}", kwargs=kwargs))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_only_suppliers_come_back_from_stripe_onboarding(client, buyer, card_settings):
    client.force_login(buyer)

    assert client.get(reverse("orders:connect_return")).status_code == 403
    assert client.get(reverse("orders:connect")).status_code == 403

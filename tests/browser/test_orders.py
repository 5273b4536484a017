"""Buying by card in a real browser, by keyboard and without JavaScript: from the
service page to the redirect to Stripe Checkout, then a signed webhook marks the
order paid; and every order page type passes axe with and without JavaScript."""

import pytest
from django.urls import reverse

from orders import services
from orders.models import Order, OrderStatus
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import press_and_wait, sign_in, sign_in_by_keyboard, tab_to, type_into
from tests.orders import conftest as order_fixtures
from tests.orders.conftest import completed_session, event_for, signature_for

# The same fixtures as the order tests: a connected supplier selling mailboxes.
card_settings = order_fixtures.card_settings
supplier_user = order_fixtures.supplier_user
connected = order_fixtures.connected
listing = order_fixtures.listing
buyer = order_fixtures.buyer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STRIPE_PAGE = "<!DOCTYPE html><html lang='en'><title>Stripe Checkout</title><p>Stripe</p></html>"


def post_signed_event(context, base_url: str, payload: bytes) -> int:
    response = context.request.post(
        base_url + reverse("orders:stripe_webhook"),
        data=payload,
        headers={"Content-Type": "application/json", "Stripe-Signature": signature_for(payload)},
    )
    return response.status


def test_buy_ten_mailboxes_by_keyboard_without_javascript(browser, live_server, listing, buyer):
    context = browser.new_context(java_script_enabled=False)
    # The confirmation is sent for real; its answer is written down, and instead of
    # following the redirect to Stripe's hosted page (not ours to load in a test) the
    # browser is shown a stand-in.
    answers = []

    def to_checkout(route):
        response = route.fetch(max_redirects=0)
        answers.append((response.status, response.headers.get("location", "")))
        route.fulfill(status=200, content_type="text/html", body=STRIPE_PAGE)

    context.route("**/confirm/", to_checkout)
    page = context.new_page()
    page.goto(f"{live_server.url}/account/sign-in/?next={listing.get_absolute_url()}")
    sign_in_by_keyboard(page, buyer.email)
    assert page.url == live_server.url + listing.get_absolute_url()

    tab_to(page, "a:has-text('Buy by card')")
    press_and_wait(page)
    type_into(page, "#id_quantity", "10")
    press_and_wait(page)
    confirm_page = page.locator("main").inner_text()
    tab_to(page, "button:has-text('Confirm and pay by card')")
    press_and_wait(page)

    order = Order.objects.get()
    assert "Total to pay, including VAT\t£300.00" in confirm_page
    ((status, location),) = answers
    assert status == 303
    assert location.startswith("https://checkout.stripe.com/pay/c/cs_test_")
    assert page.title() == "Stripe Checkout"
    assert order.status == OrderStatus.AWAITING_PAYMENT

    payload = event_for("checkout.session.completed", completed_session(order))
    assert post_signed_event(context, live_server.url, payload) == 200
    page.goto(live_server.url + reverse("orders:paid", kwargs={"pk": order.pk}))

    shown = page.locator("main").inner_text()
    assert "Payment received" in shown
    assert f"Order {order.reference}" in shown
    assert "Status\tPaid" in shown
    context.close()


def _page_types(live_server, listing, buyer, supplier_user) -> dict[str, tuple[str, str]]:
    """Each new or changed page type: (who is signed in, address)."""
    order = services.order_place(actor=buyer, listing=listing, quantity=10)
    paid = services.order_place(actor=buyer, listing=listing, quantity=4)
    Order.objects.filter(pk=paid.pk).update(
        status=OrderStatus.PAID, payment_intent_id="pi_test_paid"
    )
    buy = reverse("orders:buy", kwargs={"listing_pk": listing.pk})
    return {
        "service page": (buyer.email, listing.get_absolute_url()),
        "buy": (buyer.email, buy),
        "buy with an error": (buyer.email, buy + "?quantity=0"),
        "order waiting": (buyer.email, reverse("orders:cancelled", kwargs={"pk": order.pk})),
        "order paid": (buyer.email, reverse("orders:paid", kwargs={"pk": paid.pk})),
        "buyer history": (buyer.email, reverse("orders:history")),
        "supplier history": (supplier_user.email, reverse("orders:supplier_history")),
        "connect": (supplier_user.email, reverse("orders:connect")),
        "refund": (supplier_user.email, reverse("orders:refund", kwargs={"pk": paid.pk})),
    }


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_every_order_page_type_passes_axe(
    request, live_server, listing, buyer, supplier_user, javascript
):
    page = request.getfixturevalue("page" if javascript else "page_as_without_js")
    signed_in_as = None
    for name, (email, path) in _page_types(live_server, listing, buyer, supplier_user).items():
        if email != signed_in_as:
            page.context.clear_cookies()
            sign_in(page, live_server.url, email)
            signed_in_as = email
        if name == "buy with an error":
            page.goto(live_server.url + path.split("?")[0])
            page.fill("#id_quantity", "0")
            page.click("button:has-text('Continue')")
            page.wait_for_load_state()
            assert "Enter a number of 1 or more" in page.locator("main").inner_text()
        else:
            response = page.goto(live_server.url + path)
            assert response.status == 200, name
        assert axe_violations(page) == [], name


def test_the_confirm_page_passes_axe(live_server, listing, buyer, page_as_without_js):
    page = page_as_without_js
    sign_in(page, live_server.url, buyer.email)
    page.goto(live_server.url + reverse("orders:buy", kwargs={"listing_pk": listing.pk}))
    page.fill("#id_quantity", "10")
    page.click("button:has-text('Continue')")
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Check your order"
    assert axe_violations(page) == []

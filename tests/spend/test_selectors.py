"""Paid card orders in the spend figures: before VAT, in the financial year they were
paid; an order never paid is no spend."""

import html
from datetime import date
from decimal import Decimal

import pytest

from spend.selectors import spend_items
from tests.public_pages import text

pytestmark = pytest.mark.django_db


def test_paid_orders_are_spend_and_an_unpaid_one_is_not(card_orders):
    items = {item.key: item for item in spend_items()}

    assert sorted(items) == sorted(
        f"order-{card_orders[name].pk}" for name in ["paid", "paid_in_april"]
    )
    paid = items[f"order-{card_orders['paid'].pk}"]
    # 10 mailboxes at £25: £250 before VAT, not the £300 paid with VAT.
    assert (paid.source, paid.amount, paid.size, paid.buyer_sector, paid.region) == (
        "Card order",
        Decimal("250"),
        "Small",
        "Education",
        "Yorkshire and The Humber",
    )
    assert paid.day == date(2026, 5, 4)


def test_a_paid_order_counts_beside_awards_in_the_year_it_was_paid(
    client, marketplace, card_orders
):
    page = html.unescape(text(client.get("/spend/?year=2026-27")))

    # The awards' £100,000 (£40,000 to SMEs) and the small supplier's orders of £250
    # and £100 before VAT: the £100 one was placed on 31 March 2026, the last day of
    # 2025-26, but paid on 1 April 2026, so it counts in 2026-27.
    assert "buyers recorded 5 contracts worth £100,350 in total" in page
    assert "is met in 2026 to 2027: 40.2% (£40,350 of £100,350) went to SMEs." in page

    earlier = html.unescape(text(client.get("/spend/?year=2025-26")))
    assert "is not met in 2025 to 2026: 0.0% (£0 of £5,000) went to SMEs." in earlier

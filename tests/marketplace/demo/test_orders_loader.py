"""Demo card payments: commodity listings sold by the unit become buyable by card."""

from decimal import Decimal

import pytest

from listings.models import Listing
from marketplace.demo.orders_loader import card_payments_load
from orders.models import ConnectedAccount
from orders.selectors import listing_buyable
from tests.factories import FrameworkFactory, LotFactory, listing_make

pytestmark = pytest.mark.django_db


def test_commodity_listings_are_connected_and_sold_by_card_once():
    framework = FrameworkFactory(slug="g-cloud-13")
    software = LotFactory(framework=framework, slug="cloud-software")
    licences = listing_make(lot=software, publish=True, price_unit="licence", price=Decimal("9"))
    days = listing_make(lot=software, publish=True, price_unit="day", price=Decimal("600"))
    Listing.objects.update(is_illustrative=True)
    lines = []

    first = card_payments_load(lines.append)
    second = card_payments_load(lines.append)

    licences.refresh_from_db()
    days.refresh_from_db()
    version = licences.live_version
    assert (first, second) == (1, 0)
    assert lines[0] == "card payments: 1 listings can be bought by card, 1 newly"
    assert (version.buy_online, version.unit_price, version.unit_name) == (
        True,
        Decimal("9.00"),
        "licence",
    )
    assert (version.min_quantity, version.max_quantity) == (1, 500)
    assert listing_buyable(listing=licences)
    assert not days.live_version.buy_online
    assert ConnectedAccount.objects.get().supplier == licences.supplier

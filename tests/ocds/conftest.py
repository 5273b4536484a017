import pytest

from tests.ocds.data import card_orders_make, marketplace_make


@pytest.fixture
def marketplace(db):
    return marketplace_make()


@pytest.fixture
def card_orders(client, settings, stripe_mock):
    return card_orders_make(client, settings)

import pytest

from tests.ocds.data import marketplace_make


@pytest.fixture
def marketplace(db):
    return marketplace_make()

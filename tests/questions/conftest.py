import pytest

from tests.factories import BuyerFactory, SupplierUserFactory, listing_make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the e-mails) as a real request would."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


@pytest.fixture
def supplier_user():
    return SupplierUserFactory(
        email="sam@acme.example.co.uk",
        supplier_organisation__name="Acme Ltd",
        supplier_organisation__contact_email="bids@acme.example.co.uk",
    )


@pytest.fixture
def listing(supplier_user):
    return listing_make(supplier_user=supplier_user, publish=True, name="Cloud backup")


@pytest.fixture
def buyer():
    return BuyerFactory(
        email="ann.buyer@school.example.gov.uk",
        full_name="Ann Buyer",
        buyer_organisation__name="Hilltop School",
    )

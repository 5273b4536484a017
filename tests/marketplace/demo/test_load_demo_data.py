import io

import pytest
from django.core.management import call_command

from frameworks.models import Category, Framework, Lot
from marketplace.accounts.models import BuyerOrganisation, User
from marketplace.demo import loaders
from suppliers.models import SupplierOrganisation

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue()


@pytest.mark.smoke
def test_the_demo_catalogue_loads_from_the_committed_fixtures():
    output = load()

    assert "[5/6] Loading buyer organisations" in output
    assert "[6/6] Loading procurement strategies" in output
    assert SupplierOrganisation.objects.count() == 342
    assert BuyerOrganisation.objects.count() == 522
    assert Framework.objects.filter(name__in=["PSN Services", "PSN Connectivity"]).count() == 2
    gcloud13 = Framework.objects.get(slug="g-cloud-13")
    assert list(gcloud13.lots.values_list("name", flat=True)) == [
        "Cloud hosting",
        "Cloud software",
        "Cloud support",
    ]
    assert Lot.objects.get(framework=gcloud13, slug="cloud-hosting").categories.count() == 22
    assert Category.objects.filter(name="Accounting and finance").exists()
    assert "password for all of them:" in output
    assert User.objects.get(email="admin@ccs.example.gov.uk").is_superuser


def test_suppliers_keep_their_real_sme_or_large_flag():
    load("--no-users")
    flags = {row["name"]: row["sme_or_large"] for row in loaders.read("suppliers.json")["records"]}

    for supplier in SupplierOrganisation.objects.all():
        if flags[supplier.name] == "SME":
            assert supplier.is_sme and supplier.size_is_illustrative, supplier.name
        else:
            assert supplier.size_band == "large" and not supplier.size_is_illustrative
    assert SupplierOrganisation.objects.get(name="BJSS LTD").is_sme is False
    assert BuyerOrganisation.objects.get(name="Home Office").sector == "central-government"


def test_loading_twice_adds_nothing():
    load("--no-users")
    counts = (SupplierOrganisation.objects.count(), Category.objects.count(), Lot.objects.count())

    output = load("--no-users")

    assert "0 added" in output
    assert (
        SupplierOrganisation.objects.count(),
        Category.objects.count(),
        Lot.objects.count(),
    ) == counts

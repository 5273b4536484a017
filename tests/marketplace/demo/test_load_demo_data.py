import io
from collections import defaultdict
from itertools import combinations

import pytest
from django.core.management import call_command
from django.db import transaction

from frameworks.models import Category, Framework, Lot
from listings.models import Listing, ListingVersion
from listings.selectors import version_text
from listings.similarity import DUPLICATE_THRESHOLD, text_similarity
from listings.validation import ListingText, listing_text_errors
from listings.vocabulary import ListingStatus, VersionState
from marketplace.accounts.models import BuyerOrganisation, User
from marketplace.demo import loaders
from suppliers.models import SupplierOrganisation

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_load(django_db_setup, django_db_blocker):
    """The demo loaded once for the whole module, which is the slow part, inside a
    transaction rolled back afterwards. Each test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load()
        transaction.set_rollback(True)


@pytest.mark.smoke
def test_the_demo_catalogue_loads_from_the_committed_fixtures(first_load):
    assert "[5/9] Loading buyer organisations" in first_load
    assert "[7/9] Loading listings" in first_load
    assert "[8/9] Loading card payments" in first_load
    assert "Catalogue loaded in" in first_load
    assert "[9/9] Loading procurement strategies" in first_load
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
    assert "password for all of them:" in first_load
    assert User.objects.get(email="admin@ccs.example.gov.uk").is_superuser


def test_suppliers_keep_their_real_sme_or_large_flag(first_load):
    flags = {row["name"]: row["sme_or_large"] for row in loaders.read("suppliers.json")["records"]}

    for supplier in SupplierOrganisation.objects.all():
        if flags[supplier.name] == "SME":
            assert supplier.is_sme and supplier.size_is_illustrative, supplier.name
        else:
            assert supplier.size_band == "large" and not supplier.size_is_illustrative
    assert SupplierOrganisation.objects.get(name="BJSS LTD").is_sme is False
    assert BuyerOrganisation.objects.get(name="Home Office").sector == "central-government"


def test_every_fixture_listing_is_published_with_a_live_version(first_load):
    demo = Listing.objects.filter(is_illustrative=True)

    assert demo.count() == loaders.read("listings.json")["count"] == Listing.objects.count()
    assert not demo.exclude(status=ListingStatus.PUBLISHED).exists()
    assert not demo.filter(live_version__isnull=True).exists()
    assert not demo.filter(published_at__isnull=True).exists()
    assert not demo.exclude(live_version__state=VersionState.APPROVED).exists()
    assert set(demo.values_list("lot__framework__slug", flat=True)) == {"g-cloud-13"}
    # The demo supplier user's organisation has something to show.
    supplier_user = User.objects.get(email="supplier@example.co.uk")
    assert demo.filter(supplier=supplier_user.supplier_organisation).exists()


def test_listing_categories_belong_to_the_listings_lot(first_load):
    lot_categories = {
        lot.pk: set(lot.categories.values_list("pk", flat=True)) for lot in Lot.objects.all()
    }
    chosen = defaultdict(set)
    for version_id, category_id in ListingVersion.categories.through.objects.values_list(
        "listingversion_id", "category_id"
    ):
        chosen[version_id].add(category_id)

    for listing in Listing.objects.filter(is_illustrative=True).select_related("lot"):
        categories = chosen[listing.live_version_id]
        assert 1 <= len(categories) <= min(3, listing.lot.max_categories), listing.pk
        assert categories <= lot_categories[listing.lot_id], listing.pk


def test_demo_listings_pass_the_listing_rules(first_load):
    by_supplier = defaultdict(list)
    for version in ListingVersion.objects.filter(listing__is_illustrative=True).select_related(
        "listing"
    ):
        text = ListingText(
            version.name, version.summary, version.description, version.features, version.benefits
        )
        assert listing_text_errors(text) == {}, version.name
        by_supplier[version.listing.supplier_id].append(version_text(version))

    for texts in by_supplier.values():
        for a, b in combinations(texts, 2):
            assert text_similarity(a, b) <= DUPLICATE_THRESHOLD, (a, b)


def test_illustrative_values_are_flagged(first_load):
    suppliers = SupplierOrganisation.objects.all()
    vcse = suppliers.exclude(vcse_type="")

    assert suppliers.filter(profile_is_illustrative=True).count() == 342
    assert all(supplier.is_sme for supplier in vcse)
    assert 0 < vcse.count() <= suppliers.count() * 0.1
    assert suppliers.filter(serves_whole_uk=True).exists()
    assert suppliers.filter(regions_served__isnull=False).exists()
    assert suppliers.filter(accreditations__isnull=False).exists()
    listings = Listing.objects.filter(is_illustrative=True)
    assert listings.filter(live_version__serves_whole_uk=True).exists()
    assert listings.filter(live_version__regions__isnull=False).exists()


def test_loading_twice_adds_nothing(first_load):
    def counts():
        return (
            SupplierOrganisation.objects.count(),
            Category.objects.count(),
            Lot.objects.count(),
            Listing.objects.count(),
            ListingVersion.objects.count(),
            ListingVersion.categories.through.objects.count(),
            ListingVersion.regions.through.objects.count(),
            SupplierOrganisation.regions_served.through.objects.count(),
            SupplierOrganisation.accreditations.through.objects.count(),
        )

    before = counts()

    output = load("--no-users")

    assert "0 added and published" in output
    assert "0 filled in" in output
    assert counts() == before


@pytest.mark.smoke
def test_the_demo_is_searchable_as_soon_as_it_is_loaded(first_load):
    from search.database import search_database
    from search.models import SearchEntry
    from search.request import SearchRequest

    assert "Database search table:" in first_load
    assert SearchEntry.objects.count() == Listing.objects.count()
    assert search_database(SearchRequest(keywords="backup")).total > 0

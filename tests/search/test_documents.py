"""The search document: built from the live version only, with filters' fields."""

import pytest

from listings import services
from search.documents import listing_document
from tests.factories import LotFactory, SupplierUserFactory, category_make, listing_make

pytestmark = pytest.mark.django_db


def test_document_holds_the_live_version_and_the_filter_fields():
    parent = category_make("Cloud software")
    child = category_make("Backup", parent=parent)
    lot = LotFactory(categories=[child])
    supplier_user = SupplierUserFactory(supplier_organisation__size_band="micro")
    listing = listing_make(supplier_user=supplier_user, lot=lot, publish=True)
    services.listing_draft_save(
        actor=supplier_user, listing=listing, content={"name": "A newer name not yet approved"}
    )
    listing.refresh_from_db()

    document = listing_document(listing)

    assert document["name"] == "Cloud backup for schools"
    assert document["category_slugs"] == [parent.slug, child.slug]
    assert document["is_sme"] is True
    assert document["size"] == "micro"
    assert len(document["regions"]) == 12  # delivered across the whole UK
    assert document["lot"] == f"{lot.framework.slug}/{lot.slug}"

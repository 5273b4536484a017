"""What refreshes the search documents: every change to something a document carries.

Connected in ``SearchConfig.ready()`` (search/apps.py), as Wagtail's contrib
apps connect theirs. Each handler works out which listings' documents changed
and hands them to ``search.services.listing_documents_refresh``, the one entry
point that refreshes both stores. The apps that change things only announce
them (``listings.signals``, ``suppliers.signals``); they never import search.

Not here, on purpose: feedback ratings are read live when results are shown
(search/presenters.py), not stored in documents; region, accreditation and
platform names are looked up when labelling, documents hold only their codes.
"""

from django.db import transaction
from django.db.models.signals import post_save

from frameworks.models import Category
from listings.selectors import listings_public
from listings.signals import listing_visibility_changed
from suppliers.signals import supplier_profile_changed

from .services import listing_documents_refresh


def listing_changed(sender, *, listing_id: int, **kwargs) -> None:
    """A listing was published, replaced, withdrawn or suspended (sent on commit)."""
    listing_documents_refresh(listing_ids=[listing_id])


def supplier_changed(sender, *, supplier_id: int, **kwargs) -> None:
    """A supplier's profile changed (sent on commit): every one of its public listings
    carries its size, VCSE status, head office, accreditations and apprenticeships."""
    listing_ids = listings_public().filter(supplier_id=supplier_id).values_list("pk", flat=True)
    listing_documents_refresh(listing_ids=list(listing_ids))


def category_saved(sender, *, instance: Category, raw: bool = False, **kwargs) -> None:
    """A category was renamed (or re-slugged) in the admin: its listings, and those of
    its descendants, carry its name and slug among their categories' ancestors."""
    if raw:  # loading a fixture: the loader rebuilds the stores afterwards
        return

    def refresh() -> None:
        listings = listings_public().filter(
            live_version__categories__path__startswith=instance.path
        )
        listing_documents_refresh(listing_ids=list(listings.values_list("pk", flat=True)))

    transaction.on_commit(refresh)


def signal_handlers_connect() -> None:
    listing_visibility_changed.connect(listing_changed, dispatch_uid="search.listing_changed")
    supplier_profile_changed.connect(supplier_changed, dispatch_uid="search.supplier_changed")
    post_save.connect(category_saved, sender=Category, dispatch_uid="search.category_saved")

"""What refreshes the search documents: every change to something a document carries.

Connected in ``SearchConfig.ready()`` (search/apps.py), as Wagtail's contrib
apps connect theirs. Each handler works out which listings' documents changed
and hands them to ``search.services.listing_documents_refresh``, the one entry
point that refreshes both stores. The apps that change things only announce
them (``listings.signals``, ``suppliers.signals``) and never import search;
categories, frameworks and lots are edited in the Wagtail admin, so their
``pre_save`` (compared with the row it replaces) is the announcement.

Not here, on purpose: feedback ratings are read live when results are shown
(search/presenters.py), not stored in documents; region, accreditation and
platform names are looked up when labelling, documents hold only their codes.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import pre_save

from frameworks.models import Category, Framework, Lot
from listings.models import Listing
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


# What documents carry of each admin-edited model: a save changing none of these
# (a new lot's categories, a framework's dates) leaves every document as it was.
CARRIED = {
    Category: ("name", "slug"),
    Framework: ("name", "slug"),
    Lot: ("name", "slug", "number", "framework_id"),
}


def _listings_carrying(instance) -> QuerySet[Listing]:
    public = listings_public()
    if isinstance(instance, Category):  # its descendants' listings carry it as an ancestor
        return public.filter(live_version__categories__path__startswith=instance.path).distinct()
    if isinstance(instance, Framework):
        return public.filter(lot__framework_id=instance.pk)
    return public.filter(lot_id=instance.pk)


def carried_changing(sender, *, instance, raw: bool = False, **kwargs) -> None:
    """A category, framework or lot is being saved (in the Wagtail admin) with a new
    name, slug or number: once that commits, refresh the listings that carry it."""
    if raw or instance.pk is None:  # a fixture, or a new one no document carries yet
        return
    fields = CARRIED[sender]
    before = sender.objects.filter(pk=instance.pk).values_list(*fields).first()
    if before is None or tuple(before) == tuple(getattr(instance, f) for f in fields):
        return
    listings = _listings_carrying(instance)
    transaction.on_commit(
        lambda: listing_documents_refresh(listing_ids=list(listings.values_list("pk", flat=True)))
    )


def signal_handlers_connect() -> None:
    listing_visibility_changed.connect(listing_changed, dispatch_uid="search.listing_changed")
    supplier_profile_changed.connect(supplier_changed, dispatch_uid="search.supplier_changed")
    for model in CARRIED:
        pre_save.connect(
            carried_changing, sender=model, dispatch_uid=f"search.{model.__name__}_changing"
        )

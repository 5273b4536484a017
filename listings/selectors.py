"""Reads of listings: what the public may see, what a supplier sees, duplicates."""

from django.db.models import Count, Prefetch, Q, QuerySet

from frameworks.models import Lot
from frameworks.selectors import lots_accepting_listings

from .models import Listing, ListingVersion
from .similarity import DUPLICATE_THRESHOLD, jaccard, shingles
from .vocabulary import ListingStatus, VersionState


def version_text(version: ListingVersion) -> str:
    """The words a buyer reads, joined for comparison."""
    return "\n".join(
        [version.name, version.summary, version.description, *version.features, *version.benefits]
    )


def listing_duplicates_find(
    *, version: ListingVersion, threshold: float = DUPLICATE_THRESHOLD
) -> list[tuple[Listing, ListingVersion, float]]:
    """The supplier's other current listings that say nearly the same as this version.

    Each is compared on its live version and on any version waiting for review.
    """
    mine = shingles(version_text(version))
    found: dict[int, tuple[Listing, ListingVersion, float]] = {}
    others = (
        Listing.objects.filter(supplier_id=version.listing.supplier_id)
        .exclude(pk=version.listing_id)
        .exclude(status=ListingStatus.WITHDRAWN)
    )
    candidates = ListingVersion.objects.filter(listing__in=others).filter(
        Q(state=VersionState.SUBMITTED) | Q(pk__in=others.values("live_version"))
    )
    for other_version in candidates.select_related("listing"):
        score = jaccard(mine, shingles(version_text(other_version)))
        best = found.get(other_version.listing_id)
        if score > threshold and (best is None or score > best[2]):
            found[other_version.listing_id] = (other_version.listing, other_version, score)
    return sorted(found.values(), key=lambda item: -item[2])


def listings_public() -> QuerySet[Listing]:
    """Listings buyers can see, with the version they see."""
    return Listing.objects.filter(
        status=ListingStatus.PUBLISHED, live_version__isnull=False
    ).select_related("live_version", "supplier", "lot__framework")


def listing_get_public(*, pk: int) -> Listing | None:
    return (
        listings_public()
        .prefetch_related("live_version__categories", "live_version__regions")
        .filter(pk=pk)
        .first()
    )


def listings_for_supplier(*, supplier_id: int) -> QuerySet[Listing]:
    """Every listing of one supplier, newest first, with its versions for status lines."""
    return (
        Listing.objects.filter(supplier_id=supplier_id)
        .select_related("live_version", "lot__framework")
        .prefetch_related(Prefetch("versions", queryset=ListingVersion.objects.order_by("-number")))
        .order_by("-updated_at")
    )


def listings_awaiting_review() -> QuerySet[Listing]:
    return (
        Listing.objects.filter(versions__state=VersionState.SUBMITTED)
        .select_related("supplier", "lot__framework", "live_version")
        .distinct()
    )


def listing_counts_by_framework() -> dict[int, int]:
    """Published listings per framework id."""
    rows = listings_public().values("lot__framework_id").annotate(n=Count("id")).order_by()
    return {row["lot__framework_id"]: row["n"] for row in rows}


def lots_open_for_listings() -> QuerySet[Lot]:
    """Lots a supplier may list a service on: those of frameworks live today
    (worked out from their dates by the frameworks app)."""
    return lots_accepting_listings()


def listings_public_for_supplier(*, supplier_id: int) -> QuerySet[Listing]:
    """One supplier's published listings, by the name buyers see."""
    return listings_public().filter(supplier_id=supplier_id).order_by("live_version__name")


def listing_counts_by_supplier(*, supplier_ids: list[int]) -> dict[int, int]:
    """Published listings per supplier id (what the supplier A to Z shows)."""
    rows = (
        Listing.objects.filter(status=ListingStatus.PUBLISHED, supplier_id__in=supplier_ids)
        .values("supplier_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["supplier_id"]: row["n"] for row in rows}


def listing_get_unavailable(*, pk: int) -> Listing | None:
    """A listing that buyers could once see but that is now suspended or withdrawn.

    Only its status and supplier are used: none of its text is shown again.
    """
    return (
        Listing.objects.filter(
            pk=pk,
            status__in=[ListingStatus.SUSPENDED, ListingStatus.WITHDRAWN],
            live_version__isnull=False,
        )
        .select_related("supplier")
        .first()
    )


def listing_counts_by_lot(*, framework_id: int) -> dict[int, int]:
    """Published listings per lot id of one framework."""
    rows = (
        listings_public()
        .filter(lot__framework_id=framework_id)
        .values("lot_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["lot_id"]: row["n"] for row in rows}

"""Reads about supplier organisations."""

from collections import Counter

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Left, Upper
from django.utils.text import slugify
from wagtail import hooks
from wagtail.models import PageLogEntry

from .models import (
    PartnershipStatus,
    SupplierInvitation,
    SupplierOrganisation,
    SupplyChainGuidelinesDeclaration,
    SupplyChainGuidelinesPage,
    SupplyChainPartnership,
)

# Wagtail hooks through which the listings app, which sits above suppliers and so
# may not be imported here, tells the public supplier pages what it publishes.
# fn(*, supplier_ids) -> {supplier id: how many published listings}
PUBLISHED_LISTING_COUNTS_HOOK = "supplier_published_listing_counts"
# fn(*, supplier_id) -> that supplier's published listings, as buyers see them
PUBLISHED_LISTINGS_HOOK = "supplier_published_listings"


def supplier_published_listing_counts(*, supplier_ids: list[int]) -> Counter[int]:
    counts: Counter[int] = Counter()
    for counts_for in hooks.get_hooks(PUBLISHED_LISTING_COUNTS_HOOK):
        counts.update(counts_for(supplier_ids=supplier_ids))
    return counts


def supplier_published_listings(*, supplier_id: int) -> list:
    return [
        listing
        for listings_for in hooks.get_hooks(PUBLISHED_LISTINGS_HOOK)
        for listing in listings_for(supplier_id=supplier_id)
    ]


def suppliers_a_to_z(*, letter: str = "") -> QuerySet[SupplierOrganisation]:
    """Every supplier, A to Z."""
    suppliers = SupplierOrganisation.objects.all()
    if letter == "0-9":
        suppliers = suppliers.filter(name__regex=r"^[0-9]")
    elif letter:
        suppliers = suppliers.filter(name__istartswith=letter)
    return suppliers.order_by("name")


def supplier_get(*, slug: str) -> SupplierOrganisation | None:
    # Only partnerships both organisations have confirmed are published.
    current = SupplyChainPartnership.objects.filter(status=PartnershipStatus.CONFIRMED)
    return (
        SupplierOrganisation.objects.select_related("head_office_region")
        .prefetch_related(
            "regions_served",
            "accreditations",
            Prefetch("partnerships", queryset=current.select_related("partner")),
            Prefetch("partnerships_as_partner", queryset=current.select_related("supplier")),
        )
        .filter(slug=slug)
        .first()
    )


def supplier_initials() -> set[str]:
    """The A to Z letters (and "0-9") that at least one supplier's name starts with,
    so the letter navigation links only to lists that have something in them."""
    initials = (
        SupplierOrganisation.objects.annotate(initial=Upper(Left("name", 1)))
        .values_list("initial", flat=True)
        .distinct()
        .order_by()
    )
    return {"0-9" if initial.isdigit() else initial for initial in initials}


def suppliers_find(*, letter: str = "", query: str = "") -> QuerySet[SupplierOrganisation]:
    """The A to Z list narrowed to a letter and to names (legal or trading) containing a query."""
    suppliers = suppliers_a_to_z(letter=letter)
    if query:
        suppliers = suppliers.filter(Q(name__icontains=query) | Q(trading_name__icontains=query))
    return suppliers


# The supplier's own area: always scoped to the signed-in user's organisation.


def supplier_name_taken(*, name: str, exclude_pk: int | None = None) -> bool:
    """True if another organisation has this name, or one that would share its address."""
    others = SupplierOrganisation.objects.exclude(pk=exclude_pk)
    return others.filter(Q(name__iexact=name.strip()) | Q(slug=slugify(name)[:255])).exists()


def supplier_team(*, supplier: SupplierOrganisation) -> QuerySet:
    return supplier.users.order_by("full_name", "email")


def supplier_invitations_open(*, supplier: SupplierOrganisation) -> QuerySet[SupplierInvitation]:
    return supplier.invitations.filter(accepted_at__isnull=True, cancelled_at__isnull=True)


def partnerships_of(*, supplier: SupplierOrganisation) -> QuerySet[SupplyChainPartnership]:
    """Every partnership this organisation is part of, on either side, current or not."""
    return SupplyChainPartnership.objects.filter(
        Q(supplier=supplier) | Q(partner=supplier)
    ).select_related("supplier", "partner")


def partnerships_to_answer(*, supplier: SupplierOrganisation) -> QuerySet[SupplyChainPartnership]:
    """Proposals naming this organisation as partner, waiting for it to confirm or decline."""
    return partnerships_of(supplier=supplier).filter(
        partner=supplier, status=PartnershipStatus.PROPOSED
    )


def partnerships_awaiting_partner(
    *, supplier: SupplierOrganisation
) -> QuerySet[SupplyChainPartnership]:
    """This organisation's proposals the partner has not answered yet; it may withdraw them."""
    return partnerships_of(supplier=supplier).filter(
        supplier=supplier, status=PartnershipStatus.PROPOSED
    )


def partnerships_confirmed(*, supplier: SupplierOrganisation) -> QuerySet[SupplyChainPartnership]:
    """Published partnerships on either side; either organisation may end them."""
    return partnerships_of(supplier=supplier).filter(status=PartnershipStatus.CONFIRMED)


def partnerships_endable(*, supplier: SupplierOrganisation) -> QuerySet[SupplyChainPartnership]:
    """What this organisation may stop: its confirmed partnerships and its own proposals."""
    return partnerships_of(supplier=supplier).filter(
        Q(status=PartnershipStatus.CONFIRMED)
        | Q(supplier=supplier, status=PartnershipStatus.PROPOSED)
    )


def partnerships_past(*, supplier: SupplierOrganisation) -> QuerySet[SupplyChainPartnership]:
    """Declined, withdrawn and ended partnerships: the history, newest first."""
    return (
        partnerships_of(supplier=supplier)
        .filter(ended_at__isnull=False)
        .select_related("ended_by__supplier_organisation")
        .order_by("-ended_at")
    )


def partner_candidates(*, supplier: SupplierOrganisation) -> QuerySet[SupplierOrganisation]:
    return SupplierOrganisation.objects.exclude(pk=supplier.pk).order_by("name")


# The supply-chain guidelines and declarations that a supplier follows them.


def guidelines_page_live() -> SupplyChainGuidelinesPage | None:
    """The published guidelines: the version suppliers declare for."""
    return SupplyChainGuidelinesPage.objects.live().first()


def guidelines_declaration_latest(
    *, supplier: SupplierOrganisation
) -> SupplyChainGuidelinesDeclaration | None:
    return supplier.guidelines_declarations.select_related("declared_by").first()


def guidelines_version_number(*, page: SupplyChainGuidelinesPage) -> int:
    """How many versions have been published: one "publish" in the page's history each
    (the data migration records the first)."""
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()

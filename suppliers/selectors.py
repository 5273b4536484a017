"""Reads about supplier organisations."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Left, Upper
from django.utils.text import slugify

from listings.vocabulary import ListingStatus

from .models import SupplierInvitation, SupplierOrganisation, SupplyChainPartnership


def suppliers_a_to_z(*, letter: str = "") -> QuerySet[SupplierOrganisation]:
    """Every supplier, with how many published listings each has."""
    suppliers = SupplierOrganisation.objects.annotate(
        live_listings=Count("listings", filter=Q(listings__status=ListingStatus.PUBLISHED))
    )
    if letter == "0-9":
        suppliers = suppliers.filter(name__regex=r"^[0-9]")
    elif letter:
        suppliers = suppliers.filter(name__istartswith=letter)
    return suppliers.order_by("name")


def supplier_get(*, slug: str) -> SupplierOrganisation | None:
    current = SupplyChainPartnership.objects.filter(ended_at__isnull=True)
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


def partnerships_declared(*, supplier: SupplierOrganisation) -> QuerySet[SupplyChainPartnership]:
    """Current partnerships this organisation declared, which it may also end."""
    return supplier.partnerships.filter(ended_at__isnull=True).select_related("partner")


def partnerships_declared_by_others(
    *, supplier: SupplierOrganisation
) -> QuerySet[SupplyChainPartnership]:
    return supplier.partnerships_as_partner.filter(ended_at__isnull=True).select_related("supplier")


def partner_candidates(*, supplier: SupplierOrganisation) -> QuerySet[SupplierOrganisation]:
    return SupplierOrganisation.objects.exclude(pk=supplier.pk).order_by("name")

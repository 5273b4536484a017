"""A small, hand-built catalogue for the search tests, and a helper to make one offer.

Each offer is a real listing from its own supplier, created and approved through
the listing services, so the documents and entries are built exactly as in use.
"""

from dataclasses import dataclass
from decimal import Decimal

from frameworks.models import Category, Framework, Lot
from listings.models import Listing
from suppliers.models import Accreditation
from tests.factories import (
    CcsReviewerFactory,
    FrameworkFactory,
    LotFactory,
    SupplierUserFactory,
    category_make,
    listing_make,
)

NEUTRAL = {
    "name": "Managed service for councils",
    "summary": "A managed service for public bodies with support included.",
    "description": "We run the service for you. Our team answers questions by phone.",
    "features": ["Monthly reports", "Named account manager"],
    "benefits": ["Less work for your staff"],
    "open_standards": ["openapi"],
}


def offer(
    *,
    lot: Lot | None = None,
    size: str = "small",
    vcse: str = "",
    based_in: str | None = None,
    accreditations: tuple[str, ...] = (),
    apprenticeships: bool = False,
    regions: tuple[str, ...] | None = None,
    price: str = "10.00",
    reviewer=None,
    **content,
) -> Listing:
    """A published listing; ``regions=None`` means delivered across the whole UK."""
    supplier_user = SupplierUserFactory(
        supplier_organisation__size_band=size,
        supplier_organisation__vcse_type=vcse,
        supplier_organisation__head_office_region_id=based_in,
        supplier_organisation__offers_apprenticeships=apprenticeships,
    )
    supplier_user.supplier_organisation.accreditations.set(
        Accreditation.objects.filter(slug__in=accreditations)
    )
    fields = {**NEUTRAL, **content}
    if regions is not None:
        fields.update(serves_whole_uk=False, regions=list(regions))
    return listing_make(
        supplier_user=supplier_user,
        lot=lot,
        reviewer=reviewer or CcsReviewerFactory(),
        publish=True,
        price=Decimal(price),
        **fields,
    )


@dataclass
class Catalogue:
    first: Framework
    second: Framework
    lot_one: Lot
    lot_two: Lot
    parent: Category
    child_one: Category
    child_two: Category
    other: Category
    alpha: Listing
    bravo: Listing
    charlie: Listing
    delta: Listing

    def lot_value(self, lot: Lot) -> str:
        return f"{lot.framework.slug}/{lot.slug}"


def catalogue_make() -> Catalogue:
    """Four listings that differ in every filter (see the table in each test)."""
    parent = category_make("Communications")
    child_one = category_make("Telephony", parent=parent)
    child_two = category_make("Messaging", parent=parent)
    other = category_make("Hosting")
    first = FrameworkFactory(name="Cloud Services 1")
    second = FrameworkFactory(name="Cloud Services 2")
    lot_one = LotFactory(framework=first, categories=[child_one, child_two])
    lot_two = LotFactory(framework=second, categories=[other])
    reviewer = CcsReviewerFactory()
    alpha = offer(
        name="Alpha telephony",
        lot=lot_one,
        categories=[child_one],
        size="micro",
        vcse="social-enterprise",
        based_in="TLC",
        regions=("TLC",),
        accreditations=("cyber-essentials",),
        apprenticeships=True,
        integrations=["govuk-pay"],
        buy_online=True,
        unit_price=Decimal("10.00"),
        price="10.00",
        reviewer=reviewer,
    )
    bravo = offer(
        name="Bravo messaging",
        lot=lot_one,
        categories=[child_two],
        size="small",
        based_in="TLD",
        regions=("TLC", "TLD"),
        accreditations=("cyber-essentials", "iso-27001"),
        integrations=["govuk-pay", "govuk-notify"],
        open_standards=[],
        price="50.00",
        reviewer=reviewer,
    )
    charlie = offer(
        name="Charlie hosting",
        lot=lot_two,
        categories=[other],
        size="medium",
        vcse="charity",
        based_in="TLI",
        buy_online=True,
        unit_price=Decimal("200.00"),
        price="200.00",
        reviewer=reviewer,
    )
    delta = offer(
        name="Delta hosting",
        lot=lot_two,
        categories=[other],
        size="large",
        based_in="TLI",
        regions=("TLI",),
        accreditations=("iso-27001",),
        apprenticeships=True,
        price="1000.00",
        reviewer=reviewer,
    )
    return Catalogue(
        first, second, lot_one, lot_two, parent, child_one, child_two, other,
        alpha, bravo, charlie, delta,
    )  # fmt: skip

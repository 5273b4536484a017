"""Spend items from every source, read through the source apps' selectors.

Direct awards and paid card orders, each a function in ``SOURCES`` returning
``SpendItem``s."""

from collections.abc import Callable, Iterable

from django.utils import timezone

from direct_award.selectors import awards_recorded
from feedback.selectors import supplier_figures
from marketplace.accounts.models import BuyerSector
from ocds.selectors import order_value
from orders.selectors import orders_paid_public

from .figures import SpendItem

NOT_KNOWN = "Not known"


def direct_award_items() -> list[SpendItem]:
    items = []
    for outcome in awards_recorded():
        supplier = outcome.awarded_entry.listing.supplier
        buyer = outcome.saved_search.project.buyer_organisation
        region = supplier.head_office_region
        items.append(
            SpendItem(
                key=f"award-{outcome.pk}",
                source="Direct award",
                day=timezone.localdate(outcome.recorded_at),
                amount=outcome.value,
                supplier_name=supplier.display_name,
                supplier_slug=supplier.slug,
                size=supplier.get_size_band_display() if supplier.size_band else NOT_KNOWN,
                is_sme=supplier.is_sme,
                vcse=supplier.is_vcse,
                buyer_sector=BuyerSector(buyer.sector).label if buyer.sector else NOT_KNOWN,
                region=region.name if region else NOT_KNOWN,
                framework=outcome.awarded_entry.listing.lot.framework.name,
            )
        )
    return items


def paid_order_items() -> list[SpendItem]:
    items = []
    for order in orders_paid_public():
        supplier = order.supplier
        buyer = order.buyer_organisation
        region = supplier.head_office_region
        items.append(
            SpendItem(
                key=f"order-{order.pk}",
                source="Card order",
                # Counted in the financial year it was paid, not when it was placed.
                day=timezone.localdate(order.paid_at),
                # Before VAT, as direct award values are (see ocds.selectors.order_value).
                amount=order_value(order),
                supplier_name=supplier.display_name,
                supplier_slug=supplier.slug,
                size=supplier.get_size_band_display() if supplier.size_band else NOT_KNOWN,
                is_sme=supplier.is_sme,
                vcse=supplier.is_vcse,
                buyer_sector=BuyerSector(buyer.sector).label if buyer.sector else NOT_KNOWN,
                region=region.name if region else NOT_KNOWN,
                framework=order.listing.lot.framework.name,
            )
        )
    return items


SOURCES: list[Callable[[], Iterable[SpendItem]]] = [direct_award_items, paid_order_items]


def spend_items() -> list[SpendItem]:
    return [item for source in SOURCES for item in source()]


def feedback_figures(*, supplier_slugs: list[str]) -> dict:
    """Each supplier's published feedback aggregates, as the feedback pages show them."""
    return supplier_figures(supplier_slugs=supplier_slugs)

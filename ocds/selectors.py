"""The facts the OCDS builders publish, read through each source app's selectors.

Each source is a function returning facts. Awards come from direct awards and from
paid card orders, each a function in ``AWARD_SOURCES`` returning ``AwardFacts``
(keys such as "award-7" and "order-12", so ocids never collide).
"""

from collections.abc import Callable, Iterable
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from direct_award.selectors import awards_recorded
from orders.selectors import orders_paid_public
from strategies.selectors import pipeline_entry_list

from .facts import AwardFacts, OrganisationFacts, PlannedProcurementFacts


def _absolute(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def supplier_facts(supplier) -> OrganisationFacts:
    identifier = supplier.identifier  # such as GB-COH-01234567
    scheme, _, number = identifier.rpartition("-")
    return OrganisationFacts(
        party_id=identifier or f"{settings.OCDS_OCID_PREFIX}-supplier-{supplier.slug}",
        name=supplier.display_name,
        scheme=scheme,
        identifier=number,
        scale=("sme" if supplier.is_sme else "large") if supplier.size_band else "",
        vcse=supplier.is_vcse,
        region=supplier.head_office_region.name if supplier.head_office_region else "",
    )


def _buyer_facts(organisation, kind: str) -> OrganisationFacts:
    # Buyers have no org-id number on the service; the id is ours, and stable.
    return OrganisationFacts(
        party_id=f"{settings.OCDS_OCID_PREFIX}-{kind}-{organisation.slug}",
        name=organisation.name,
    )


def planned_procurements(*, financial_year: int | None = None) -> list[PlannedProcurementFacts]:
    """Pipeline entries of published strategies only: drafts never appear."""
    entries = pipeline_entry_list()
    if financial_year is not None:
        entries = entries.filter(page__financial_year=financial_year)
    urls: dict[int, str] = {}
    facts = []
    for entry in entries.order_by("pk"):
        page = entry.page
        if page.pk not in urls:
            urls[page.pk] = _absolute(page.url or "")
        facts.append(
            PlannedProcurementFacts(
                key=f"pipeline-{entry.pk}",
                financial_year=page.financial_year,
                published=page.last_published_at or page.first_published_at,
                buyer=_buyer_facts(page.organisation, "buying-organisation"),
                title=entry.title,
                description=entry.description,
                cpv=tuple((code, "") for code in entry.cpv_codes),
                value=entry.value_amount,
                procurement_start=entry.procurement_start,
                contract_start=entry.contract_start,
                regions=tuple((r.code, r.name) for r in entry.regions.all()),
                suitable_for_sme=entry.suitable_for_sme,
                suitable_for_vcse=entry.suitable_for_vcse,
                status=entry.status,
                route_to_market=entry.route_to_market,
                framework=entry.framework.name if entry.framework else "",
                url=urls[page.pk],
            )
        )
    return facts


def planning_years() -> set[int]:
    return set(pipeline_entry_list().order_by().values_list("page__financial_year", flat=True))


def direct_awards() -> list[AwardFacts]:
    facts = []
    for outcome in awards_recorded():
        entry = outcome.awarded_entry
        version = entry.listing_version
        lot = entry.listing.lot
        facts.append(
            AwardFacts(
                key=f"award-{outcome.pk}",
                date=outcome.recorded_at,
                buyer=_buyer_facts(outcome.saved_search.project.buyer_organisation, "buyer"),
                supplier=supplier_facts(entry.listing.supplier),
                title=version.name,
                description=version.summary,
                item_id=f"listing-{entry.listing_id}-version-{version.number}",
                method_details=(
                    f"Direct award from {lot.framework.name}, lot {lot.number} "
                    f"({lot.name}), after a saved search on the marketplace"
                ),
                value=outcome.value,
                start=outcome.start_date,
                end=outcome.end_date,
                url=_absolute(reverse("listings:detail", args=[entry.listing_id])),
            )
        )
    return facts


def order_value(order) -> Decimal:
    """An order's value as open data: before VAT, in pounds. Direct award values are
    "the total value of the contract" as buyers type it, which UK contract notices
    (Contracts Finder, Find a Tender) give without VAT; so spend and OCDS add like
    with like, the order's VAT is left out."""
    return Decimal(order.subtotal_pence) / 100


def paid_orders() -> list[AwardFacts]:
    facts = []
    for order in orders_paid_public():
        version = order.listing_version
        lot = order.listing.lot
        facts.append(
            AwardFacts(
                key=f"order-{order.pk}",
                date=order.paid_at,
                buyer=_buyer_facts(order.buyer_organisation, "buyer"),
                supplier=supplier_facts(order.supplier),
                title=order.service_name,
                description=f"{order.quantity} at £{Decimal(order.unit_price_pence) / 100:,.2f} "
                f"per {order.unit_name}, before VAT",
                item_id=f"listing-{order.listing_id}-version-{version.number}",
                method_details=(
                    f"Bought and paid for by card from {lot.framework.name}, lot {lot.number} "
                    f"({lot.name}), at the listed price"
                ),
                value=order_value(order),
                start=timezone.localdate(order.paid_at),
                end=None,
                url=_absolute(reverse("listings:detail", args=[order.listing_id])),
            )
        )
    return facts


AWARD_SOURCES: list[Callable[[], Iterable[AwardFacts]]] = [direct_awards, paid_orders]


def awards() -> list[AwardFacts]:
    return [award for source in AWARD_SOURCES for award in source()]

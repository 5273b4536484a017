"""Demo-shaped data for the OCDS and spend tests, made through the services:
published strategies with pipelines, direct awards, and private things that must
never be published (a draft entry, an unpublished strategy, contacts, projects)."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from direct_award import services as award_services
from direct_award.models import Outcome
from listings.models import Listing
from marketplace.accounts.models import BuyerSector
from marketplace.core.models import Region
from orders import services as order_services
from orders.models import ConnectedAccount, Order
from strategies.models import PipelineEntry
from strategies.services import PlannedEntry, strategy_save
from suppliers.models import SizeBand, VcseType
from tests.factories import (
    BuyerFactory,
    BuyerOrganisationFactory,
    BuyingOrganisationFactory,
    SupplierUserFactory,
    listing_make,
)
from tests.orders.conftest import WEBHOOK_SECRET, completed_session, event_for, post_event

SECRETS = [
    "Secret draft procurement",
    "Withdrawn strategy procurement",
    "Confidential project name",
    "what the buyer searched for",
    "bids@supplier-contact.example.co.uk",
]


def planned(title: str, value: str | None, *, regions=(), **fields) -> PlannedEntry:
    entry = PipelineEntry(
        title=title, value_amount=None if value is None else Decimal(value), **fields
    )
    return PlannedEntry(entry, [], list(Region.objects.filter(code__in=regions)))


def award_make(
    *, supplier_user, buyer, value: str, recorded: date, project: str = "Project"
) -> Outcome:
    # One service per supplier: a second, identical one would be refused as a duplicate.
    listing = Listing.objects.filter(supplier=supplier_user.supplier_organisation).first()
    listing = listing or listing_make(supplier_user=supplier_user, publish=True)
    project = award_services.project_create(actor=buyer, name=project)
    saved = award_services.saved_search_create(
        actor=buyer, project=project, query_string="q=payroll", description=SECRETS[3]
    )
    award_services.saved_search_end(actor=buyer, saved_search=saved, listing_ids=[listing.pk])
    outcome = award_services.outcome_record(
        actor=buyer,
        saved_search=saved,
        kind="awarded",
        awarded_entry=saved.shortlist.get(),
        value=Decimal(value),
        start_date=recorded,
        end_date=date(recorded.year + 1, recorded.month, 1),
    )
    # The award counts in the year it was recorded; tests choose that year.
    moment = timezone.make_aware(timezone.datetime(recorded.year, recorded.month, recorded.day, 12))
    Outcome.objects.filter(pk=outcome.pk).update(recorded_at=moment)
    outcome.refresh_from_db()
    return outcome


def marketplace_make() -> dict:
    council = BuyingOrganisationFactory(name="Northshire County Council", slug="northshire")
    strategy, _ = strategy_save(
        organisation=council,
        financial_year=2026,
        entries=[
            planned(
                "Social care case management",
                "2500000",
                regions=["TLC", "TLD"],
                cpv_codes=["72212000", "48000000"],
                procurement_start=date(2026, 6, 1),
                contract_start=date(2027, 1, 1),
                suitable_for_sme=True,
            ),
            planned("Community transport booking", None, suitable_for_vcse=True),
        ],
    )
    # A change saved but not published: the new entry must not appear.
    draft = strategy.get_latest_revision_as_object()
    draft.pipeline_entries.add(PipelineEntry(title=SECRETS[0]))
    draft.save_revision()
    # A strategy that was published, then unpublished.
    other = BuyingOrganisationFactory(name="Westshire Council", slug="westshire")
    withdrawn, _ = strategy_save(
        organisation=other, financial_year=2026, entries=[planned(SECRETS[1], "1000")]
    )
    withdrawn.unpublish()

    small = SupplierUserFactory(
        supplier_organisation__name="Payroll Partners Ltd",
        supplier_organisation__companies_house_number="01234567",
        supplier_organisation__size_band=SizeBand.SMALL,
        supplier_organisation__contact_email=SECRETS[4],
        supplier_organisation__head_office_region=Region.objects.get(code="TLC"),
    )
    charity = SupplierUserFactory(
        supplier_organisation__name="Digital Inclusion Trust",
        supplier_organisation__charity_number="1123456",
        supplier_organisation__size_band=SizeBand.MICRO,
        supplier_organisation__vcse_type=VcseType.CHARITY,
    )
    large = SupplierUserFactory(
        supplier_organisation__name="Big Systems plc",
        supplier_organisation__size_band=SizeBand.LARGE,
    )
    school = BuyerFactory(
        buyer_organisation=BuyerOrganisationFactory(
            name="Hill Top Academy Trust", sector=BuyerSector.EDUCATION
        )
    )
    borough = BuyerFactory(buyer_organisation=BuyerOrganisationFactory(name="Eastborough Council"))
    awards = [
        award_make(
            supplier_user=small,
            buyer=school,
            value="30000",
            recorded=date(2026, 5, 4),
            project=SECRETS[2],
        ),
        award_make(supplier_user=charity, buyer=borough, value="10000", recorded=date(2027, 2, 1)),
        award_make(supplier_user=large, buyer=borough, value="60000", recorded=date(2026, 9, 1)),
        # In the year before: a large supplier only.
        award_make(supplier_user=large, buyer=school, value="5000", recorded=date(2025, 6, 1)),
    ]
    return {
        "strategy": strategy,
        "awards": awards,
        "suppliers": {"small": small, "charity": charity, "large": large},
        "buyers": {"school": school, "borough": borough},
    }


# Card orders --------------------------------------------------------------------

ORDER_PERSON = "Percy Purchaser"
ORDER_STRIPE_IDS = ["acct_1MailboxesLtd", "cs_test_paid", "pi_test_paid"]


def _moment(day: date):
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 12))


def card_orders_make(client, settings) -> dict:
    """Card orders of £25 mailboxes (before VAT; 20% VAT) placed through the service and
    paid through the signed Stripe webhook, as tests/orders does: one paid in May 2026
    (10 mailboxes), one placed on 31 March 2026 but paid on 1 April 2026 (4 mailboxes),
    and one never paid (3 mailboxes)."""
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.ORDERS_VAT_RATE = "0.20"
    settings.ORDERS_DEFAULT_MAX_ORDER_POUNDS = 10_000
    settings.ORDERS_PLATFORM_FEE_PERCENT = "0"
    seller = SupplierUserFactory(
        supplier_organisation__name="School Mailboxes Ltd",
        supplier_organisation__companies_house_number="07654321",
        supplier_organisation__size_band=SizeBand.SMALL,
        supplier_organisation__head_office_region=Region.objects.get(code="TLE"),
    )
    ConnectedAccount.objects.create(
        supplier=seller.supplier_organisation,
        stripe_account_id=ORDER_STRIPE_IDS[0],
        charges_enabled=True,
        details_submitted=True,
    )
    listing = listing_make(
        supplier_user=seller,
        publish=True,
        name="School mailboxes",
        buy_online=True,
        unit_price=Decimal("25.00"),
        unit_name="mailbox",
        min_quantity=1,
        max_quantity=500,
    )
    buyer = BuyerFactory(
        full_name=ORDER_PERSON,
        buyer_organisation=BuyerOrganisationFactory(
            name="Valley Primary School", sector=BuyerSector.EDUCATION
        ),
    )

    def order(quantity: int, *, placed: date, paid: date | None) -> Order:
        made = order_services.order_place(actor=buyer, listing=listing, quantity=quantity)
        if paid is not None:
            post_event(client, event_for("checkout.session.completed", completed_session(made)))
            Order.objects.filter(pk=made.pk).update(paid_at=_moment(paid))
        Order.objects.filter(pk=made.pk).update(created_at=_moment(placed))
        made.refresh_from_db()
        return made

    return {
        "listing": listing,
        "buyer": buyer,
        "supplier": seller.supplier_organisation,
        "paid": order(10, placed=date(2026, 5, 4), paid=date(2026, 5, 4)),
        "paid_in_april": order(4, placed=date(2026, 3, 31), paid=date(2026, 4, 1)),
        "unpaid": order(3, placed=date(2026, 6, 1), paid=None),
    }

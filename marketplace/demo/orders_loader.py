"""Demo card payments: a few commodity listings bought online by card.

Commodity services bought "in simple, well-described units" (licences, user
subscriptions, gigabytes) on the G-Cloud 13 cloud software and hosting lots: the
first few per unit, in a fixed order so every load picks the same ones. Their
suppliers get an illustrative connected Stripe account that can take payments
(an id no real Stripe account has), and the live versions offer buying online at
the listing's own unit price. Run again, it changes nothing.
"""

from collections.abc import Callable

from django.db import transaction

from listings.models import Listing
from orders.models import ConnectedAccount

# The listing's price unit, and what one unit bought online is called.
COMMODITY_UNITS = {"licence": "licence", "user": "user a month", "gigabyte": "GB a month"}
PER_UNIT = 4  # listings per kind of unit
MOST_IN_ONE_ORDER = 500


@transaction.atomic
def card_payments_load(progress: Callable[[str], None]) -> int:
    chosen = []
    for price_unit in COMMODITY_UNITS:
        chosen += list(
            Listing.objects.filter(
                is_illustrative=True,
                live_version__isnull=False,
                lot__framework__slug="g-cloud-13",
                lot__slug__in=["cloud-software", "cloud-hosting"],
                live_version__price_unit=price_unit,
                live_version__price__gt=0,
            )
            .select_related("live_version", "supplier")
            .order_by("pk")[:PER_UNIT]
        )
    changed = 0
    for listing in chosen:
        ConnectedAccount.objects.get_or_create(
            supplier=listing.supplier,
            defaults={
                "stripe_account_id": f"acct_demo{listing.supplier.pk:010d}",
                "charges_enabled": True,
                "details_submitted": True,
            },
        )
        version = listing.live_version
        if version.buy_online:
            continue
        version.buy_online = True
        version.unit_price = version.price
        version.unit_name = COMMODITY_UNITS[version.price_unit]
        version.min_quantity, version.max_quantity = 1, MOST_IN_ONE_ORDER
        version.save(
            update_fields=["buy_online", "unit_price", "unit_name", "min_quantity", "max_quantity"]
        )
        changed += 1
    progress(f"card payments: {len(chosen)} listings can be bought by card, {changed} newly")
    return changed

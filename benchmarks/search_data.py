"""Shared by the search benchmark and the relevance script: Django set-up on a
scratch database, and a catalogue of N listings recombined from the demo vocabulary.

Import ``bench_setup`` before anything from Django: it points DATABASE_URL at the
scratch database (creating it if it is missing), then sets Django up and migrates.
"""

import io
import os
import random
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DATABASE_URL = "postgres://marketplace:marketplace@127.0.0.1:54329/marketplace_bench"
RESULTS = Path(__file__).resolve().parent / "results"


def _database_create(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` if it does not exist yet."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def bench_setup(database_url: str, *, engine_url: str = "http://127.0.0.1:9200") -> None:
    """Point Django at ``database_url`` and the OpenSearch node, set it up, migrate.

    The engine's indices are named from SEARCH_INDEX_PREFIX (default "bench"), so
    a benchmark never touches another index on a shared node."""
    if database_url.startswith("postgres"):
        _database_create(database_url)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
    os.environ["SEARCH_ENGINE"] = "opensearch"
    os.environ["SEARCH_ENGINE_URL"] = engine_url
    os.environ.setdefault("SEARCH_INDEX_PREFIX", "bench")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def reference_load() -> None:
    """Categories, frameworks, suppliers and their illustrative profiles (idempotent)."""
    from marketplace.demo import loaders

    quiet = lambda line: None  # noqa: E731
    for step in (
        loaders.categories_load,
        loaders.frameworks_load,
        loaders.suppliers_load,
        loaders.supplier_profiles_load,
    ):
        step(quiet)


def demo_load() -> None:
    """The demo catalogue itself: the 1,030 listings (idempotent), no users."""
    from django.core.management import call_command

    call_command("load_demo_data", "--no-users", stdout=io.StringIO())


def listings_clear() -> None:
    """Remove every listing (a scratch database only): TRUNCATE, as a 50k delete through
    the ORM would collect every related row first."""
    from django.db import connection

    from listings.models import Listing, ListingVersion
    from search.models import SearchEntry, SearchEntryValue

    tables = [
        SearchEntryValue._meta.db_table,
        SearchEntry._meta.db_table,
        ListingVersion.categories.through._meta.db_table,
        ListingVersion.regions.through._meta.db_table,
        ListingVersion._meta.db_table,
        Listing._meta.db_table,
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            cursor.execute(f"UPDATE {Listing._meta.db_table} SET live_version_id = NULL")  # noqa: S608
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table names


def _demo_rows() -> list[dict]:
    from marketplace.demo.loaders import read

    return read("listings.json")["records"]


def listings_generate(count: int, *, seed: int = 2025) -> int:
    """Write ``count`` published listings recombined from the demo vocabulary.

    Deterministic for a seed. Each listing takes its name, lot and categories from
    one demo row (so the categories are valid for the lot), its summary from a
    second, a description joining two more, features from the names of three
    others, its regions from another, and a random supplier (which brings its
    size, VCSE status, head office and accreditations). Written in bulk as
    ``marketplace.demo.loaders.listings_load`` writes the demo listings.
    """
    from django.db import transaction
    from django.utils import timezone

    from frameworks.models import Category, Lot
    from listings.models import Listing, ListingVersion
    from listings.vocabulary import (
        ListingStatus,
        OpenStandard,
        PlatformIntegration,
        VersionState,
    )
    from marketplace.demo.loaders import lot_categories_by_label
    from suppliers.models import SupplierOrganisation

    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    rows = _demo_rows()
    lots = {lot.slug: lot for lot in Lot.objects.filter(framework__slug="g-cloud-13")}
    names_by_path = dict(Category.objects.values_list("path", "name"))
    categories = {
        slug: lot_categories_by_label(lot=lot, names_by_path=names_by_path)
        for slug, lot in lots.items()
    }
    suppliers = list(SupplierOrganisation.objects.order_by("pk").values_list("pk", flat=True))
    standards, platforms = list(OpenStandard.values), list(PlatformIntegration.values)
    now = timezone.now()
    written = 0
    batch = 2000
    with transaction.atomic():
        while written < count:
            size = min(batch, count - written)
            plans = []
            for _ in range(size):
                base, other, first, second, region_row = (rng.choice(rows) for _ in range(5))
                plans.append(
                    (
                        Listing(
                            supplier_id=rng.choice(suppliers),
                            lot_id=lots[base["lot"]].pk,
                            status=ListingStatus.PUBLISHED,
                            is_illustrative=True,
                            published_at=now,
                        ),
                        base,
                        {
                            "summary": other["summary"].replace(other["name"], base["name"], 1),
                            "description": f"{first['description']} {second['description']}",
                            "features": [rng.choice(rows)["name"] for _ in range(3)],
                            "serves_whole_uk": region_row["serves_whole_uk"],
                            "regions": region_row["regions"],
                            "open_standards": rng.sample(standards, rng.randint(0, 3)),
                            "integrations": rng.sample(platforms, rng.choice((0, 0, 1, 2))),
                            "buy_online": rng.random() < 0.2,
                            "price": Decimal(base["price"]) * rng.randint(80, 120) / 100,
                        },
                    )
                )
            Listing.objects.bulk_create([listing for listing, _, _ in plans], batch_size=1000)
            versions = [
                ListingVersion(
                    listing=listing,
                    number=1,
                    state=VersionState.APPROVED,
                    name=base["name"],
                    summary=mix["summary"],
                    description=mix["description"],
                    features=mix["features"],
                    benefits=[],
                    serves_whole_uk=mix["serves_whole_uk"],
                    open_standards=mix["open_standards"],
                    integrations=mix["integrations"],
                    buy_online=mix["buy_online"],
                    price=mix["price"].quantize(Decimal("0.01")),
                    price_unit=base["price_unit"],
                    pricing_model=base["pricing_model"],
                    submitted_at=now,
                    reviewed_at=now,
                )
                for listing, base, mix in plans
            ]
            ListingVersion.objects.bulk_create(versions, batch_size=1000)
            for (listing, _, _), version in zip(plans, versions, strict=True):
                listing.live_version = version
            Listing.objects.bulk_update(
                [listing for listing, _, _ in plans], ["live_version"], batch_size=1000
            )
            category_through = ListingVersion.categories.through
            region_through = ListingVersion.regions.through
            category_through.objects.bulk_create(
                [
                    category_through(
                        listingversion_id=version.pk,
                        category_id=categories[base["lot"]][tuple(path)],
                    )
                    for (_, base, _), version in zip(plans, versions, strict=True)
                    for path in base["categories"]
                ],
                batch_size=2000,
            )
            region_through.objects.bulk_create(
                [
                    region_through(listingversion_id=version.pk, region_id=code)
                    for (_, _, mix), version in zip(plans, versions, strict=True)
                    for code in mix["regions"]
                ],
                batch_size=2000,
            )
            written += size
    return written


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of ``values`` (which need not be sorted)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]

"""Benchmark buyer search on generated catalogues: both executors, and Wagtail's own search.

    .venv/bin/python benchmarks/search.py --sizes 10000 50000 [--runs 5] [--seed 2025]
        [--database-url postgres://…/marketplace_bench] [--skip-wagtail] [--reuse]
        [--engine-url http://127.0.0.1:9200,http://127.0.0.1:9201,…]

For each size it replaces the scratch database's listings with that many
published listings recombined from the demo vocabulary (benchmarks/search_data.py),
rebuilds the engine index (``search_index_rebuild``) and the database executor's
table (``search_entries_rebuild``), timing both, then times a mixed set of 60
queries (20 keyword, 20 filter-only, 20 keywords plus several facets), each run
``--runs`` times, on both executors. "Search-page time" is the wall time of the
executor's whole answer as the results page would ask for it: hits, their
documents and highlights, the total and every facet count. For the engine it is
also compared with the engine's own ``took``.

As a peer it indexes the same listing versions with Wagtail's search
(django-modelsearch, on the same OpenSearch node or cluster) and times the same
60 requests as our page's work done with it: keywords, filters, order, the page
of 20 rows, the total and a ``.facet()`` for every facet the page counts
(benchmarks/search_peer.py, which also says what modelsearch cannot do).

``--engine-url`` takes several node addresses separated by commas (a cluster);
set SEARCH_INDEX_REPLICAS=1 for three nodes. The load average is recorded
before and after each size.

Figures go to stdout as a table and to benchmarks/results/search-<date>.json.
The database must be a scratch one: its listings are replaced.
"""

import argparse
import json
import os
import random
import statistics
import time
import traceback
from datetime import date
from pathlib import Path

from search_data import (
    DEFAULT_DATABASE_URL,
    RESULTS,
    bench_setup,
    listings_clear,
    listings_generate,
    percentile,
    reference_load,
)
from search_peer import wagtail_baseline

KEYWORDS = (
    "backup",
    "hosting",
    "training",
    "email",
    "website",
    "cyber security",
    "sharepoint developer",
    "cloud storage",
    "help desk",
    "project management",
    "data analytics",
    "payroll",
    "consultancy",
    "infrastructure as a service",
    "microsoft 365",
    "agile delivery",
    "document management",
    "service desk",
    "penetration testing",
    "migration",
)


def queries(seed: int) -> list[tuple[str, object]]:
    """60 requests: keyword, filter-only and facet-heavy, drawn from what the data holds."""
    from frameworks.models import Category
    from marketplace.core.models import Region
    from search.request import SearchRequest
    from suppliers.models import Accreditation

    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    regions = list(Region.objects.order_by("code").values_list("code", flat=True))
    categories = list(
        Category.objects.filter(listing_versions__isnull=False)
        .distinct()
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    accreditations = list(Accreditation.objects.order_by("slug").values_list("slug", flat=True))
    lots = ["g-cloud-13/cloud-hosting", "g-cloud-13/cloud-software", "g-cloud-13/cloud-support"]
    sizes = ["sme", "micro", "small", "medium", "large"]
    found: list[tuple[str, object]] = [("keyword", SearchRequest(keywords=k)) for k in KEYWORDS]
    for number in range(20):
        choice = number % 5
        found.append(
            (
                "filter",
                SearchRequest(
                    regions=(rng.choice(regions),) if choice in (0, 3) else (),
                    sizes=(rng.choice(sizes),) if choice in (1, 3) else (),
                    vcse=choice == 2,
                    lot=rng.choice(lots) if choice == 4 else "",
                    categories=(rng.choice(categories),) if choice == 4 else (),
                    sort=("name", "price")[number % 2],
                ),
            )
        )
    for number in range(20):
        found.append(
            (
                "facets",
                SearchRequest(
                    keywords=KEYWORDS[number],
                    regions=tuple(rng.sample(regions, 2)),
                    sizes=("sme",) if number % 2 else ("large",),
                    framework="g-cloud-13",
                    accreditations=(rng.choice(accreditations),) if number % 3 == 0 else (),
                    vcse=number % 4 == 0,
                    page=1 + number % 3,
                ),
            )
        )
    return found


def _timed(run, requests, runs: int) -> dict:
    """Wall time (ms) of every call, the engine's took (ms) where reported, by kind."""
    for _, request in requests:  # warm caches once; a buyer's first search is not the point
        run(request)
    times: dict[str, list[float]] = {}
    took: list[float] = []
    for _ in range(runs):
        for kind, request in requests:
            started = time.perf_counter()
            result = run(request)
            elapsed = (time.perf_counter() - started) * 1000
            times.setdefault(kind, []).append(elapsed)
            times.setdefault("all", []).append(elapsed)
            if result.took_ms is not None:
                took.append(result.took_ms)
    figures = {
        kind: {
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
        }
        for kind, values in times.items()
    }
    if took:
        figures["took"] = {
            "p50_ms": round(statistics.median(took), 1),
            "p95_ms": round(percentile(took, 0.95), 1),
        }
        figures["p95_over_took_p95"] = round(
            figures["all"]["p95_ms"] / max(figures["took"]["p95_ms"], 1), 2
        )
    return figures


def _load() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages: every figure is read beside them."""
    return [round(value, 2) for value in os.getloadavg()]


def _held(size: int) -> tuple[bool, bool]:
    """Whether the scratch database already holds ``size`` published listings, and
    whether the engine index and the database's entries hold them too (a rerun)."""
    from listings.models import Listing
    from listings.vocabulary import ListingStatus
    from search.engine_client import engine_client
    from search.engine_mapping import index_alias
    from search.models import SearchEntry

    if Listing.objects.filter(status=ListingStatus.PUBLISHED).count() != size:
        return False, False
    try:
        indexed = engine_client().count(index=index_alias())["count"]
    except Exception:  # no index yet
        indexed = -1
    return True, indexed == size and SearchEntry.objects.count() == size


def run_size(size: int, *, runs: int, seed: int, wagtail: bool, url: str, reuse: bool) -> dict:
    from django.conf import settings

    from search.database import search_database
    from search.engine_executor import search_engine_run
    from search.engine_index import search_index_rebuild
    from search.services import search_entries_rebuild

    load_before = _load()
    listings_held, indexes_held = _held(size) if reuse else (False, False)
    figures: dict = {"listings": size}
    if not listings_held:
        started = time.perf_counter()
        listings_clear()
        listings_generate(size, seed=seed)
        generated = time.perf_counter() - started
        print(f"{size:,} listings generated in {generated:.1f} s", flush=True)
        figures["generate_seconds"] = round(generated, 1)
    if not indexes_held:
        report = search_index_rebuild()
        print(f"engine index: {report.count:,} in {report.seconds:.1f} s", flush=True)
        started = time.perf_counter()
        entries = search_entries_rebuild()
        entries_seconds = time.perf_counter() - started
        print(f"database entries: {entries:,} in {entries_seconds:.1f} s", flush=True)
        figures["reindex_per_second"] = {
            "engine": round(report.per_second),
            "database": round(entries / entries_seconds),
        }
    requests = queries(seed)
    figures["engine"] = _timed(search_engine_run, requests, runs)
    figures["database"] = _timed(search_database, requests, runs)
    print(json.dumps(figures), flush=True)  # before the peer's long indexing
    if wagtail:
        urls = [address.strip() for address in url.split(",") if address.strip()]
        try:
            totals = [search_engine_run(request).total for _, request in requests]
            figures["wagtail"] = wagtail_baseline(
                requests, runs, urls, settings.SEARCH_INDEX_PREFIX, totals
            )
        except Exception as error:  # keep this size's own figures; say why the peer failed
            traceback.print_exc()
            figures["wagtail_error"] = repr(error)
        else:
            figures["engine_p95_over_peer_p95"] = round(
                figures["engine"]["all"]["p95_ms"] / figures["wagtail"]["all"]["p95_ms"], 2
            )
    figures["load_average"] = {"before": load_before, "after": _load()}
    return figures


def _table(results: list[dict]) -> str:
    lines = [
        f"{'listings':>9} {'executor':<9} {'kind':<8} {'p50 ms':>8} {'p95 ms':>8}",
    ]
    for figures in results:
        for executor in ("engine", "database"):
            for kind in ("keyword", "filter", "facets", "all", "took"):
                row = figures[executor].get(kind)
                if row:
                    lines.append(
                        f"{figures['listings']:>9,} {executor:<9} {kind:<8} "
                        f"{row['p50_ms']:>8} {row['p95_ms']:>8}"
                    )
        if "wagtail" in figures:
            for kind in ("keyword", "filter", "facets", "all", "took"):
                row = figures["wagtail"][kind]
                lines.append(
                    f"{figures['listings']:>9,} {'wagtail':<9} {kind:<8} "
                    f"{row['p50_ms']:>8} {row['p95_ms']:>8}"
                )
        engine, load = figures["engine"], figures["load_average"]
        speeds = figures.get("reindex_per_second", {"engine": "-", "database": "-"})
        lines.append(
            f"{'':>9} engine p95 / took p95 = {engine['p95_over_took_p95']}; reindex/s: "
            f"engine {speeds['engine']}, database {speeds['database']}"
            + (
                f", wagtail {figures['wagtail']['index_per_second']:,}"
                if "wagtail" in figures
                else ""
            )
        )
        if "engine_p95_over_peer_p95" in figures:
            lines.append(f"{'':>9} engine p95 / peer p95 = {figures['engine_p95_over_peer_p95']}")
        lines.append(f"{'':>9} load average before {load['before']}, after {load['after']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--runs", type=int, default=5, help="times each query is run")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--engine-url", default="http://127.0.0.1:9200")
    parser.add_argument("--skip-wagtail", action="store_true", help="no Wagtail baseline")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the listings (and indexes) a scratch database already holds for a size",
    )
    parser.add_argument("--output", type=Path, default=None, help="JSON file to write")
    args = parser.parse_args()
    bench_setup(args.database_url, engine_url=args.engine_url)
    reference_load()
    output = args.output or RESULTS / f"search-{date.today().isoformat()}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:  # written after each size, so a long run keeps what finished
        results.append(
            run_size(
                size,
                runs=args.runs,
                seed=args.seed,
                wagtail=not args.skip_wagtail,
                url=args.engine_url,
                reuse=args.reuse,
            )
        )
        print(_table(results[-1:]), flush=True)
        document = {"runs": args.runs, "seed": args.seed, "sizes": results}
        output.write_text(json.dumps(document, indent=2) + "\n")
    print(f"Written {output}")


if __name__ == "__main__":
    main()

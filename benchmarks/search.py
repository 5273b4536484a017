"""Benchmark buyer search on generated catalogues: both executors, and Wagtail's own search.

    .venv/bin/python benchmarks/search.py --sizes 10000 50000 [--runs 5] [--seed 2025]
        [--database-url postgres://…/marketplace_bench] [--skip-wagtail]

For each size it replaces the scratch database's listings with that many
published listings recombined from the demo vocabulary (benchmarks/search_data.py),
rebuilds the engine index (``search_index_rebuild``) and the database executor's
table (``search_entries_rebuild``), timing both, then times a mixed set of 60
queries (20 keyword, 20 filter-only, 20 keywords plus several facets), each run
``--runs`` times, on both executors. "Search-page time" is the wall time of the
executor's whole answer as the results page would ask for it: hits, their
documents and highlights, the total and every facet count. For the engine it is
also compared with the engine's own ``took``.

As a baseline it indexes the same listing versions with Wagtail's search
(django-modelsearch, on the same OpenSearch node) and times plain
keyword searches of the 20 keyword queries (see WAGTAIL_BACKEND on why its
opensearch3 backend), as a Wagtail site would run them:
``backend.search(words, queryset)[:20]`` including fetching the 20 rows.

Figures go to stdout as a table and to benchmarks/results/search-<date>.json.
The database must be a scratch one: its listings are replaced.
"""

import argparse
import json
import random
import statistics
import time
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


# modelsearch's opensearch2 backend calls the client with positional arguments
# (``indices.delete(name)``), which opensearch-py 3 (installed: 3.2) no longer
# accepts: it fails with a TypeError before indexing anything. Its opensearch3
# backend makes the same REST calls with keyword arguments, and the node's REST
# API for them is the same on OpenSearch 2.19, so the baseline uses that.
WAGTAIL_BACKEND = "modelsearch.backends.opensearch3"


def _wagtail_model():
    """ListingVersion as Wagtail's search sees a model: a proxy with search fields.

    A proxy, so the benchmark needs no migration and the listings app is untouched.
    """
    from modelsearch import index

    from listings.models import ListingVersion

    class BenchmarkListingVersion(index.Indexed, ListingVersion):
        search_fields = [
            index.SearchField("name", boost=8),
            index.SearchField("summary", boost=3),
            index.SearchField("description"),
            index.SearchField("features", boost=2),
        ]

        class Meta:
            proxy = True
            app_label = "listings"

    return BenchmarkListingVersion


def wagtail_baseline(runs: int, url: str, prefix: str) -> dict:
    """Index the live versions with modelsearch's OpenSearch 2 backend; time keyword searches."""
    from modelsearch.backends import get_search_backend

    from listings.models import Listing

    model = _wagtail_model()
    backend = get_search_backend(WAGTAIL_BACKEND, URLS=[url], INDEX_PREFIX=f"{prefix}-wagtail-")
    search_index = backend.get_index_for_model(model)
    live = Listing.objects.values("live_version_id")
    started = time.perf_counter()
    search_index.reset()
    search_index.add_model(model)
    count, batch = 0, []
    for version in model.objects.filter(pk__in=live).order_by("pk").iterator(chunk_size=1000):
        batch.append(version)
        if len(batch) == 1000:
            search_index.add_items(model, batch)
            count, batch = count + len(batch), []
    if batch:
        search_index.add_items(model, batch)
        count += len(batch)
    search_index.refresh()
    indexing = time.perf_counter() - started
    took: list[float] = []
    original = backend.es.search

    def recording(*args, **kwargs):
        response = original(*args, **kwargs)
        took.append(float(response["took"]))
        return response

    backend.es.search = recording
    queryset = model.objects.all()
    times: list[float] = []
    for _ in range(runs + 1):
        for words in KEYWORDS:
            started = time.perf_counter()
            results = list(backend.search(words, queryset)[:20])
            times.append((time.perf_counter() - started) * 1000)
            assert results is not None
    times, took = times[len(KEYWORDS) :], took[len(KEYWORDS) :]  # drop the warm-up round
    return {
        "backend": WAGTAIL_BACKEND,
        "indexed": count,
        "index_per_second": round(count / indexing),
        "keyword": {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
        },
        "took": {
            "p50_ms": round(statistics.median(took), 1),
            "p95_ms": round(percentile(took, 0.95), 1),
        },
    }


def run_size(size: int, *, runs: int, seed: int, wagtail: bool, url: str) -> dict:
    from django.conf import settings

    from search.database import search_database
    from search.engine_executor import search_engine_run
    from search.engine_index import search_index_rebuild
    from search.services import search_entries_rebuild

    started = time.perf_counter()
    listings_clear()
    listings_generate(size, seed=seed)
    generated = time.perf_counter() - started
    print(f"{size:,} listings generated in {generated:.1f} s", flush=True)
    report = search_index_rebuild()
    print(f"engine index: {report.count:,} in {report.seconds:.1f} s", flush=True)
    started = time.perf_counter()
    entries = search_entries_rebuild()
    entries_seconds = time.perf_counter() - started
    print(f"database entries: {entries:,} in {entries_seconds:.1f} s", flush=True)
    requests = queries(seed)
    figures = {
        "listings": size,
        "generate_seconds": round(generated, 1),
        "reindex_per_second": {
            "engine": round(report.per_second),
            "database": round(entries / entries_seconds),
        },
        "engine": _timed(search_engine_run, requests, runs),
        "database": _timed(search_database, requests, runs),
    }
    if wagtail:
        figures["wagtail"] = wagtail_baseline(runs, url, settings.SEARCH_INDEX_PREFIX)
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
            for kind in ("keyword", "took"):
                row = figures["wagtail"][kind]
                lines.append(
                    f"{figures['listings']:>9,} {'wagtail':<9} {kind:<8} "
                    f"{row['p50_ms']:>8} {row['p95_ms']:>8}"
                )
        engine = figures["engine"]
        speeds = figures["reindex_per_second"]
        lines.append(
            f"{'':>9} engine p95 / took p95 = {engine['p95_over_took_p95']}; reindex/s: "
            f"engine {speeds['engine']:,}, database {speeds['database']:,}"
            + (
                f", wagtail {figures['wagtail']['index_per_second']:,}"
                if "wagtail" in figures
                else ""
            )
        )
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
            )
        )
        print(_table(results[-1:]), flush=True)
        document = {"runs": args.runs, "seed": args.seed, "sizes": results}
        output.write_text(json.dumps(document, indent=2) + "\n")
    print(f"Written {output}")


if __name__ == "__main__":
    main()

"""Benchmark the API search beside the HTML search page on a generated catalogue.

    .venv/bin/python benchmarks/api_search.py --size 10000 [--runs 3] [--seed 2025]
        [--database-url postgres://…/marketplace_bench]

It loads ``--size`` published listings into the scratch database exactly as
benchmarks/search.py does (benchmarks/search_data.py), rebuilds the engine index
and the database executor's table, then sends the same 60 requests (20 keyword,
20 filter-only, 20 keywords with several facets; benchmarks/search.py's
``queries``) as query strings to /api/v1/search/ and to /search/, through
Django's test client (the whole request: URL routing, middleware, FilterSet,
executor, JSON or template rendering; no network), ``--runs`` times each.
It prints p50/p95 per page and the machine's load average before and after,
since on a shared machine the figures move with it. The database must be a
scratch one: its listings are replaced.
"""

import argparse
import importlib.util
import json
import os
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

HERE = Path(__file__).resolve().parent


def _queries(seed: int):
    """benchmarks/search.py's 60 requests (loaded by path: ``search`` is the app's name)."""
    spec = importlib.util.spec_from_file_location("search_benchmark", HERE / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.queries(seed)


def query_string(request) -> str:
    """The /search/ query string that builds this ``SearchRequest``."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    if request.keywords:
        query["q"] = request.keywords
    for name, value in (("framework", request.framework), ("lot", request.lot)):
        if value:
            query[name] = value
    for name, values in (
        ("category", request.categories),
        ("region", request.regions),
        ("based_in", request.based_in),
        ("size", request.sizes),
        ("accreditation", request.accreditations),
        ("integration", request.integrations),
    ):
        query.setlist(name, list(values))
    for name in ("vcse", "open_standards", "apprenticeships", "buy_online"):
        if getattr(request, name):
            query[name] = "on"
    query["sort"] = request.sort
    query["page"] = str(request.page)
    return query.urlencode()


def _timed(client, path: str, strings: list[str], runs: int) -> dict:
    for string in strings:  # warm up once
        client.get(f"{path}?{string}")
    times = []
    for _ in range(runs):
        for string in strings:
            started = time.perf_counter()
            response = client.get(f"{path}?{string}")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, string, response.status_code)
    return {
        "requests": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--engine-url", default="http://127.0.0.1:9200")
    args = parser.parse_args()
    os.environ["API_THROTTLE_RATE"] = "1000000/minute"  # the benchmark is one client
    bench_setup(args.database_url, engine_url=args.engine_url)
    reference_load()

    from django.test import Client

    from search.engine_index import search_index_rebuild
    from search.services import search_entries_rebuild

    started = time.perf_counter()
    listings_clear()
    listings_generate(args.size, seed=args.seed)
    print(f"{args.size:,} listings generated in {time.perf_counter() - started:.1f} s")
    search_index_rebuild()
    search_entries_rebuild()
    strings = [query_string(request) for _, request in _queries(args.seed)]
    client = Client(HTTP_HOST="localhost")
    load_before = os.getloadavg()
    figures = {
        "listings": args.size,
        "runs": args.runs,
        "cpus": os.cpu_count(),
        "api": _timed(client, "/api/v1/search/", strings, args.runs),
        "page": _timed(client, "/search/", strings, args.runs),
    }
    figures["load_average"] = {"before": load_before, "after": os.getloadavg()}
    print(f"{'page':<16} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, label in (("api", "/api/v1/search/"), ("page", "/search/")):
        row = figures[name]
        print(f"{label:<16} {row['requests']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8}")
    print(f"load average (1, 5, 15 min) before {load_before}, after {os.getloadavg()}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"api-search-{date.today().isoformat()}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()

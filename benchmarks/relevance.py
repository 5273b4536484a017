"""Judge search relevance on the demo catalogue: nDCG@10 and a keyword-stuffing check.

    .venv/bin/python benchmarks/relevance.py [--database-url postgres://…/marketplace_bench_relevance]

Loads the demo catalogue (1,030 listings) into a scratch database, rebuilds the
engine index and the database executor's table, and for every query in
benchmarks/relevance_judgements.json reports nDCG@10 of

* ``ours``: ``search_run`` on the engine executor (boosts, stemming, synonyms, AND);
* ``dm_style``: what the Digital Marketplace did, a ``simple_query_string`` over
  the same text fields with ``default_operator: and``, no boosts and no synonyms,
  against the same index;
* ``database``: our database executor (PostgreSQL full text or SQLite FTS5).

Gains are graded (2^grade - 1) with a log2 discount; the ideal ranking is every
judged listing, best first. Then the stuffing check: a padded listing (the
keyword repeated in its description and features, nowhere else) and an honest
one (the keyword in its name) are published, and the padded one must rank below
every listing with the keyword in its name, on both executors. The two are
withdrawn again afterwards, so the judged runs never see them.

Results go to stdout and to benchmarks/results/relevance-<date>.json.
"""

import argparse
import json
import math
import os
import statistics
from datetime import date
from pathlib import Path

from search_data import DEFAULT_DATABASE_URL, RESULTS, bench_setup, demo_load

JUDGEMENTS = Path(__file__).resolve().parent / "relevance_judgements.json"
STUFFED_KEYWORD = "backup"
CUTOFF = 10
TEXT_FIELDS = ["name", "categories", "summary", "features", "description"]


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades[:CUTOFF]))


def ndcg(ranked_ids: list[int], grade_of: dict[int, int]) -> float:
    ideal = dcg(sorted(grade_of.values(), reverse=True))
    return dcg([grade_of.get(pk, 0) for pk in ranked_ids]) / ideal if ideal else 0.0


def _keys() -> dict[tuple[str, str], list[int]]:
    """Listing ids by (supplier name, service name), as the judgements name listings."""
    from listings.selectors import listings_public

    found: dict[tuple[str, str], list[int]] = {}
    for pk, supplier, name in listings_public().values_list(
        "pk", "supplier__name", "live_version__name"
    ):
        found.setdefault((supplier.strip(), name.strip()), []).append(pk)
    return found


def _ours(query: str) -> list[int]:
    from search.engine_executor import search_engine_run
    from search.request import SearchRequest

    result = search_engine_run(SearchRequest(keywords=query, page_size=CUTOFF))
    return [hit.listing_id for hit in result.hits]


def _database(query: str) -> list[int]:
    from search.database import search_database
    from search.request import SearchRequest

    result = search_database(SearchRequest(keywords=query, page_size=CUTOFF))
    return [hit.listing_id for hit in result.hits]


def _dm_style(query: str) -> list[int]:
    """The Digital Marketplace's query: every word required, no boosts, no synonyms."""
    from search.engine_client import engine_client
    from search.engine_mapping import index_alias

    body = {
        "query": {
            "simple_query_string": {
                "query": query,
                "fields": [f"{field}.english" for field in TEXT_FIELDS],
                "default_operator": "and",
            }
        },
        "size": CUTOFF,
        "_source": False,
    }
    response = engine_client().search(index=index_alias(), body=body)
    return [int(hit["_id"]) for hit in response["hits"]["hits"]]


RANKERS = {"ours": _ours, "dm_style": _dm_style, "database": _database}


def judged_runs(keys: dict[tuple[str, str], list[int]]) -> dict:
    judgements = json.loads(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]
    per_query = []
    for item in judgements:
        grade_of = {
            pk: judged["grade"]
            for judged in item["relevant"]
            for pk in keys.get((judged["supplier"].strip(), judged["name"].strip()), [])
        }
        row = {"query": item["query"], "judged": len(grade_of)}
        for name, ranker in RANKERS.items():
            row[name] = round(ndcg(ranker(item["query"]), grade_of), 3)
        per_query.append(row)
    means = {name: round(statistics.mean(row[name] for row in per_query), 3) for name in RANKERS}
    return {"per_query": per_query, "mean": means}


def _stuffing_listings() -> list[int]:
    """The padded and the honest listing, created once, published for the check."""
    from django.utils import timezone

    from frameworks.models import Lot
    from listings.models import Listing, ListingVersion
    from listings.vocabulary import ListingStatus, VersionState
    from suppliers.models import SupplierOrganisation

    supplier, _ = SupplierOrganisation.objects.get_or_create(
        name="Relevance Check Ltd", defaults={"slug": "relevance-check-ltd", "size_band": "small"}
    )
    lot = Lot.objects.get(framework__slug="g-cloud-13", slug="cloud-support")
    padding = " ".join([STUFFED_KEYWORD] * 40)
    texts = {
        "Managed IT services": {
            "summary": "Managed IT services for public sector organisations.",
            "description": f"We look after your IT. {padding}",
            "features": [padding, padding, padding],
        },
        f"Cloud {STUFFED_KEYWORD} for councils": {
            "summary": "Nightly copies of your files, kept off site for 90 days.",
            "description": "Encrypted copies of servers and files, restored on request.",
            "features": ["Nightly copies", "Restore by phone"],
        },
    }
    ids = []
    now = timezone.now()
    for name, text in texts.items():
        listing = Listing.objects.filter(supplier=supplier, versions__name=name).first()
        if listing is None:
            listing = Listing.objects.create(supplier=supplier, lot=lot, is_illustrative=True)
            version = ListingVersion.objects.create(
                listing=listing,
                number=1,
                state=VersionState.APPROVED,
                name=name,
                serves_whole_uk=True,
                price=100,
                price_unit="month",
                pricing_model="subscription",
                submitted_at=now,
                reviewed_at=now,
                **text,
            )
            version.categories.set(lot.categories.all()[:1])
            Listing.objects.filter(pk=listing.pk).update(live_version=version)
        Listing.objects.filter(pk=listing.pk).update(
            status=ListingStatus.PUBLISHED, published_at=now
        )
        ids.append(listing.pk)
    return ids


def _visibility(ids: list[int], status: str) -> None:
    from listings.models import Listing
    from search.engine_index import search_listing_refresh
    from search.engine_mapping import index_alias
    from search.services import search_entry_refresh

    Listing.objects.filter(pk__in=ids).update(status=status)
    for pk in ids:
        search_listing_refresh(listing_id=pk)
        search_entry_refresh(listing_id=pk)
    from search.engine_client import engine_client

    engine_client().indices.refresh(index=index_alias())


def stuffing_check(keys: dict[tuple[str, str], list[int]]) -> dict:
    from listings.vocabulary import ListingStatus
    from search.database import search_database
    from search.engine_executor import search_engine_run
    from search.request import SearchRequest

    padded, honest = _stuffing_listings()
    _visibility([padded, honest], ListingStatus.PUBLISHED)
    named = {pk for (_, name), pks in keys.items() if STUFFED_KEYWORD in name.lower() for pk in pks}
    named.add(honest)
    report = {"keyword": STUFFED_KEYWORD}
    try:
        for executor, run in (("engine", search_engine_run), ("database", search_database)):
            result = run(SearchRequest(keywords=STUFFED_KEYWORD, page_size=100))
            order = [hit.listing_id for hit in result.hits]
            padded_rank = order.index(padded) + 1 if padded in order else None
            named_ranks = sorted(order.index(pk) + 1 for pk in named if pk in order)
            passed = padded_rank is None or all(rank < padded_rank for rank in named_ranks)
            report[executor] = {
                "padded_rank": padded_rank,
                "honest_rank": order.index(honest) + 1 if honest in order else None,
                "keyword_in_name_ranks": named_ranks,
                "passed": passed,
            }
    finally:
        _visibility([padded, honest], ListingStatus.WITHDRAWN)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database-url", default=f"{DEFAULT_DATABASE_URL}_relevance")
    parser.add_argument("--engine-url", default="http://127.0.0.1:9200")
    parser.add_argument("--output", type=Path, default=None, help="JSON file to write")
    args = parser.parse_args()
    # Its own index name, so a benchmark running beside it on the node is untouched.
    os.environ["SEARCH_INDEX_PREFIX"] = (
        f"{os.environ.get('SEARCH_INDEX_PREFIX', 'bench')}-relevance"
    )
    bench_setup(args.database_url, engine_url=args.engine_url)
    demo_load()
    from listings.models import Listing
    from listings.vocabulary import ListingStatus
    from search.engine_index import search_index_rebuild
    from search.services import search_entries_rebuild

    # Withdrawn unless being checked, so the judged runs never see the stuffing pair.
    Listing.objects.filter(supplier__name="Relevance Check Ltd").update(
        status=ListingStatus.WITHDRAWN
    )
    search_index_rebuild()
    search_entries_rebuild()
    keys = _keys()
    judged = judged_runs(keys)
    stuffing = stuffing_check(keys)
    print(f"{'query':<32} {'judged':>6} {'ours':>6} {'dm':>6} {'db':>6}")
    for row in judged["per_query"]:
        print(
            f"{row['query']:<32} {row['judged']:>6} {row['ours']:>6} "
            f"{row['dm_style']:>6} {row['database']:>6}"
        )
    mean = judged["mean"]
    print(f"{'mean nDCG@10':<39} {mean['ours']:>6} {mean['dm_style']:>6} {mean['database']:>6}")
    for executor in ("engine", "database"):
        check = stuffing[executor]
        print(
            f"stuffing ({executor}): padded rank {check['padded_rank']}, honest rank "
            f"{check['honest_rank']}, keyword-in-name ranks {check['keyword_in_name_ranks']}: "
            + ("passed" if check["passed"] else "FAILED")
        )
    output = args.output or RESULTS / f"relevance-{date.today().isoformat()}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({**judged, "stuffing": stuffing}, indent=2) + "\n")
    print(f"Written {output}")
    assert all(stuffing[executor]["passed"] for executor in ("engine", "database"))


if __name__ == "__main__":
    main()

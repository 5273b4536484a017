"""Judge search relevance on the demo catalogue: nDCG@10, zero results, keyword stuffing.

    .venv/bin/python benchmarks/relevance.py [--database-url postgres://…/marketplace_bench_relevance]

Loads the demo catalogue (1,030 listings) into a scratch database, rebuilds the
engine index and the database executor's table, and for every query of two
judged sets

* ``catalogue``: benchmarks/relevance_judgements.json, queries mostly in the
  catalogue's own words ("penetration testing", "crm");
* ``buyer``: benchmarks/relevance_buyer_judgements.json, queries in a school
  business manager's or council officer's words ("keep hackers out of our
  network"), judged before any tuning for them (see its "about");

reports nDCG@10 and whether the query found anything at all, for

* ``ours``: ``search_run`` on the engine executor (boosts, stemming, synonyms, AND);
* ``dm_style``: what the Digital Marketplace did, a ``simple_query_string`` over
  the same text fields with ``default_operator: and``, no boosts and no synonyms,
  against the same index;
* ``database``: our database executor (PostgreSQL full text or SQLite FTS5).

Gains are graded (2^grade - 1) with a log2 discount; the ideal ranking is every
judged listing, best first. Per set and ranker: the mean nDCG@10, the
zero-result rate (share of queries with 0 hits), and the ratio of each executor's
mean to dm_style's, against issue 13's targets (zero-result rate ≤ 5% on the
buyer set for both executors; mean nDCG@10 ≥ 1.2 x dm_style on both sets).

Then the stuffing checks (see ``STUFFING_CASES``): each publishes a stuffed listing
and an honest one, asks both executors the case's queries, and passes when the
stuffed one ranks below the honest one (or below every listing with the keyword in
its name, for the original padded-description case). The listings are withdrawn
again afterwards, so the judged runs never see them.

Results go to stdout and to benchmarks/results/relevance-<date>.json, with the
machine's load average (the machine is shared; timings are not judged here, but
the load says how busy it was). The exit status is 1 when a stuffing case fails,
so a regression cannot pass unnoticed; the relevance targets are reported, not
enforced.
"""

import argparse
import json
import math
import os
import statistics
import sys
from datetime import date
from pathlib import Path

from search_data import DEFAULT_DATABASE_URL, RESULTS, bench_setup, demo_load

HERE = Path(__file__).resolve().parent
JUDGEMENTS = HERE / "relevance_judgements.json"
BUYER_JUDGEMENTS = HERE / "relevance_buyer_judgements.json"
SETS = {"catalogue": JUDGEMENTS, "buyer": BUYER_JUDGEMENTS}
STUFFED_KEYWORD = "backup"
CUTOFF = 10
TEXT_FIELDS = ["name", "categories", "summary", "features", "description"]
EXECUTORS = ("ours", "database")  # the two we ship; dm_style is the yardstick
TARGET_ZERO_RESULT_RATE = 0.05  # on the buyer set, both executors
TARGET_RATIO = 1.2  # mean nDCG@10 over dm_style's, both sets


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


# Each ranker answers (the top ten listing ids, the total number of hits).
def _ours(query: str) -> tuple[list[int], int]:
    from search.engine_executor import search_engine_run
    from search.request import SearchRequest

    result = search_engine_run(SearchRequest(keywords=query, page_size=CUTOFF))
    return [hit.listing_id for hit in result.hits], result.total


def _database(query: str) -> tuple[list[int], int]:
    from search.database import search_database
    from search.request import SearchRequest

    result = search_database(SearchRequest(keywords=query, page_size=CUTOFF))
    return [hit.listing_id for hit in result.hits], result.total


def _dm_style(query: str) -> tuple[list[int], int]:
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
    hits = response["hits"]
    return [int(hit["_id"]) for hit in hits["hits"]], hits["total"]["value"]


RANKERS = {"ours": _ours, "dm_style": _dm_style, "database": _database}


def judged_runs(keys: dict[tuple[str, str], list[int]], path: Path = JUDGEMENTS) -> dict:
    """Per query nDCG@10 and hit count for each ranker; per ranker the mean and the
    zero-result rate; each executor's mean as a ratio of dm_style's."""
    judgements = json.loads(path.read_text(encoding="utf-8"))["queries"]
    per_query = []
    for item in judgements:
        grade_of = {
            pk: judged["grade"]
            for judged in item["relevant"]
            for pk in keys.get((judged["supplier"].strip(), judged["name"].strip()), [])
        }
        row = {"query": item["query"], "judged": len(grade_of), "hits": {}}
        for name, ranker in RANKERS.items():
            ranked, total = ranker(item["query"])
            row[name] = round(ndcg(ranked, grade_of), 3)
            row["hits"][name] = total
        per_query.append(row)
    means = {name: round(statistics.mean(row[name] for row in per_query), 3) for name in RANKERS}
    zero = {
        name: round(sum(row["hits"][name] == 0 for row in per_query) / len(per_query), 3)
        for name in RANKERS
    }
    ratio = {
        name: round(means[name] / means["dm_style"], 2) if means["dm_style"] else None
        for name in EXECUTORS
    }
    unjudged = [row["query"] for row in per_query if not row["judged"]]
    return {
        "queries": len(per_query),
        "per_query": per_query,
        "mean": means,
        "zero_result_rate": zero,
        "ratio_to_dm_style": ratio,
        "queries_whose_judged_listings_were_not_found": unjudged,
    }


def targets(sets: dict[str, dict], stuffing: dict) -> dict:
    """Issue 13's targets, each with the figure it was judged on and whether it is met."""
    found = {}
    for executor in EXECUTORS:
        rate = sets["buyer"]["zero_result_rate"][executor]
        found[f"buyer zero-result rate ≤ 5% ({executor})"] = {
            "figure": rate,
            "met": rate <= TARGET_ZERO_RESULT_RATE,
        }
    for set_name, judged in sets.items():
        for executor in EXECUTORS:
            mean, baseline = judged["mean"][executor], judged["mean"]["dm_style"]
            outcome = {
                "figure": judged["ratio_to_dm_style"][executor],
                "met": mean >= TARGET_RATIO * baseline,
            }
            if not baseline:
                # 1.2 x 0 is met by any score: say so rather than let it pass as a win.
                outcome["note"] = f"dm_style scores 0; {executor} scores {mean}"
            found[f"{set_name} mean nDCG@10 ≥ 1.2 x dm_style ({executor})"] = outcome
    found["stuffing checks pass"] = {
        "figure": f"{sum(c['passed'] for c in stuffing['cases'])}/{len(stuffing['cases'])} cases",
        "met": stuffing["passed"],
    }
    return found


# --- Stuffing -----------------------------------------------------------------

# The honest listing the new-shape cases compare with: it names the service once.
HONEST_PERMITS = {
    "name": "Parking permits for councils",
    "summary": "Residents apply for and renew their permits online; wardens check them on a phone.",
    "description": "An online service for resident, visitor and business permits, with payments.",
    "features": ["Online applications and renewals", "Checks by wardens on a phone"],
}
# What a supplier trying to game the ranking writes, within what the form allows.
STUFFED_EVERYWHERE = {
    "name": "Parking Permits - Parking Permits - Parking Permits - Parking Permits",
    "summary": " ".join(["parking"] * 30),
    "description": "Parking permits.",
    "features": ["Parking permits", "Parking", "Permits", "Parking permit", "Permits parking"],
}
STUFFED_NAME = {
    "name": "Parking Parking Parking Parking Parking Parking Permits",
    "summary": "Residents apply for their permits online.",
    "description": "An online service for residents.",
    "features": ["Online applications"],
}
STUFFED_SUMMARY = {
    "name": "Permit service for councils",
    "summary": " ".join(["parking permits"] * 20),
    "description": "An online service for residents.",
    "features": ["Online applications"],
}
PADDED = " ".join([STUFFED_KEYWORD] * 40)
STUFFED_DESCRIPTION = {
    "name": "Managed IT services",
    "summary": "Managed IT services for public sector organisations.",
    "description": f"We look after your IT. {PADDED}",
    "features": [PADDED, PADDED, PADDED],
}
HONEST_BACKUP = {
    "name": f"Cloud {STUFFED_KEYWORD} for councils",
    "summary": "Nightly copies of your files, kept off site for 90 days.",
    "description": "Encrypted copies of servers and files, restored on request.",
    "features": ["Nightly copies", "Restore by phone"],
}
PERMIT_QUERIES = ("parking permits", "parking", "permits")
STUFFING_CASES = [
    {
        "case": "padded description and features",
        "stuffed": STUFFED_DESCRIPTION,
        "honest": HONEST_BACKUP,
        "queries": (STUFFED_KEYWORD,),
        # The original check: below every listing with the keyword in its name.
        "rule": "below every listing with the keyword in its name",
    },
    {
        "case": "name, summary and features stuffed",
        "stuffed": STUFFED_EVERYWHERE,
        "honest": HONEST_PERMITS,
        "queries": PERMIT_QUERIES,
        "rule": "below the honest listing",
    },
    {
        "case": "repetition in the name",
        "stuffed": STUFFED_NAME,
        "honest": HONEST_PERMITS,
        "queries": PERMIT_QUERIES,
        "rule": "below the honest listing",
    },
    {
        "case": "repetition in the summary",
        "stuffed": STUFFED_SUMMARY,
        "honest": HONEST_PERMITS,
        "queries": PERMIT_QUERIES,
        "rule": "below the honest listing",
    },
]
STUFFING_SUPPLIER = "Relevance Check Ltd"


def _stuffing_listing(text: dict) -> int:
    """A listing of the check's supplier with ``text`` as its live version (created once,
    its text brought up to date on each run), published."""
    from django.utils import timezone

    from frameworks.models import Lot
    from listings.models import Listing, ListingVersion
    from listings.vocabulary import ListingStatus, VersionState
    from suppliers.models import SupplierOrganisation

    supplier, _ = SupplierOrganisation.objects.get_or_create(
        name=STUFFING_SUPPLIER, defaults={"slug": "relevance-check-ltd", "size_band": "small"}
    )
    lot = Lot.objects.get(framework__slug="g-cloud-13", slug="cloud-support")
    now = timezone.now()
    listing = Listing.objects.filter(supplier=supplier, versions__name=text["name"]).first()
    if listing is None:
        listing = Listing.objects.create(supplier=supplier, lot=lot, is_illustrative=True)
        version = ListingVersion.objects.create(
            listing=listing,
            number=1,
            state=VersionState.APPROVED,
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
    else:
        ListingVersion.objects.filter(listing=listing, name=text["name"]).update(**text)
    Listing.objects.filter(pk=listing.pk).update(status=ListingStatus.PUBLISHED, published_at=now)
    return listing.pk


def _visibility(ids: list[int], status: str) -> None:
    from listings.models import Listing
    from search.engine_client import engine_client
    from search.engine_index import search_listing_refresh
    from search.engine_mapping import index_alias
    from search.services import search_entry_refresh

    Listing.objects.filter(pk__in=ids).update(status=status)
    for pk in ids:
        search_listing_refresh(listing_id=pk)
        search_entry_refresh(listing_id=pk)
    engine_client().indices.refresh(index=index_alias())


def _rank(order: list[int], pk: int) -> int | None:
    return order.index(pk) + 1 if pk in order else None


def stuffing_case(case: dict, keys: dict[tuple[str, str], list[int]]) -> dict:
    """Publish the case's pair, ask both executors each query, withdraw the pair."""
    from listings.vocabulary import ListingStatus
    from search.database import search_database
    from search.engine_executor import search_engine_run
    from search.request import SearchRequest

    stuffed, honest = _stuffing_listing(case["stuffed"]), _stuffing_listing(case["honest"])
    _visibility([stuffed, honest], ListingStatus.PUBLISHED)
    checks = []
    try:
        for query in case["queries"]:
            # Who must rank above the stuffed listing: the honest one, and for the original
            # case also every demo listing with the keyword in its name.
            named = {honest}
            if case["rule"] == "below every listing with the keyword in its name":
                named |= {
                    pk for (_, name), pks in keys.items() if query in name.lower() for pk in pks
                }
            for executor, run in (("engine", search_engine_run), ("database", search_database)):
                result = run(SearchRequest(keywords=query, page_size=100))
                order = [hit.listing_id for hit in result.hits]
                stuffed_rank = _rank(order, stuffed)
                ranks = sorted(order.index(pk) + 1 for pk in named if pk in order)
                checks.append(
                    {
                        "query": query,
                        "executor": executor,
                        "stuffed_rank": stuffed_rank,
                        "honest_rank": _rank(order, honest),
                        "must_rank_above": ranks,
                        "passed": stuffed_rank is None
                        or (bool(ranks) and all(rank < stuffed_rank for rank in ranks)),
                    }
                )
    finally:
        _visibility([stuffed, honest], ListingStatus.WITHDRAWN)
    return {
        "case": case["case"],
        "rule": f"the stuffed listing ranks {case['rule']}",
        "stuffed": case["stuffed"],
        "honest": case["honest"],
        "checks": checks,
        "passed": all(check["passed"] for check in checks),
    }


def stuffing_check(keys: dict[tuple[str, str], list[int]]) -> dict:
    cases = [stuffing_case(case, keys) for case in STUFFING_CASES]
    return {"cases": cases, "passed": all(case["passed"] for case in cases)}


# --- Report ---------------------------------------------------------------------


def _print_set(name: str, judged: dict) -> None:
    print(f"\n== {name} set: {judged['queries']} queries ==")
    print(f"{'query':<48} {'judged':>6} {'ours':>6} {'dm':>6} {'db':>6}   hits ours/dm/db")
    for row in judged["per_query"]:
        hits = row["hits"]
        print(
            f"{row['query'][:48]:<48} {row['judged']:>6} {row['ours']:>6} "
            f"{row['dm_style']:>6} {row['database']:>6}   "
            f"{hits['ours']}/{hits['dm_style']}/{hits['database']}"
        )
    mean, zero, ratio = judged["mean"], judged["zero_result_rate"], judged["ratio_to_dm_style"]
    print(f"{'mean nDCG@10':<55} {mean['ours']:>6} {mean['dm_style']:>6} {mean['database']:>6}")
    print(f"{'zero-result rate':<55} {zero['ours']:>6} {zero['dm_style']:>6} {zero['database']:>6}")
    print(f"ratio to dm_style: ours {ratio['ours']}, database {ratio['database']}")


def _print_stuffing(stuffing: dict) -> None:
    print("\n== stuffing checks ==")
    for case in stuffing["cases"]:
        print(f"{case['case']} ({case['rule']}): {'passed' if case['passed'] else 'FAILED'}")
        for check in case["checks"]:
            print(
                f"  {check['query']!r:<18} {check['executor']:<8} stuffed rank "
                f"{check['stuffed_rank']}, honest rank {check['honest_rank']}, must rank above "
                f"{check['must_rank_above']}: {'passed' if check['passed'] else 'FAILED'}"
            )


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
    load_before = os.getloadavg()
    bench_setup(args.database_url, engine_url=args.engine_url)
    demo_load()
    from listings.models import Listing
    from listings.vocabulary import ListingStatus
    from search.engine_index import search_index_rebuild
    from search.services import search_entries_rebuild

    # Withdrawn unless being checked, so the judged runs never see the stuffing listings.
    Listing.objects.filter(supplier__name=STUFFING_SUPPLIER).update(status=ListingStatus.WITHDRAWN)
    search_index_rebuild()
    search_entries_rebuild()
    keys = _keys()
    sets = {name: judged_runs(keys, path) for name, path in SETS.items()}
    stuffing = stuffing_check(keys)
    met = targets(sets, stuffing)
    load_after = os.getloadavg()
    for name, judged in sets.items():
        _print_set(name, judged)
    _print_stuffing(stuffing)
    print("\n== targets (issue 13) ==")
    for target, outcome in met.items():
        verdict = "met" if outcome["met"] else "NOT MET"
        note = f" ({outcome['note']})" if "note" in outcome else ""
        print(f"{target}: {outcome['figure']} {verdict}{note}")
    load = {
        "cpus": os.cpu_count(),
        "loadavg_1_5_15_before": [round(value, 2) for value in load_before],
        "loadavg_1_5_15_after": [round(value, 2) for value in load_after],
    }
    print(
        f"machine: {load['cpus']} CPUs, load average before {load['loadavg_1_5_15_before']}, "
        f"after {load['loadavg_1_5_15_after']}"
    )
    output = args.output or RESULTS / f"relevance-{date.today().isoformat()}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "date": date.today().isoformat(),
        "machine": load,
        "sets": sets,
        "stuffing": stuffing,
        "targets": met,
    }
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Written {output}")
    if not stuffing["passed"]:
        sys.exit(1)


if __name__ == "__main__":
    main()

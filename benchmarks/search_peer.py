"""The peer baseline of benchmarks/search.py: the same search page built on Wagtail's
search (django-modelsearch), doing the same work as ours.

For every one of the benchmark's requests it runs what a Wagtail developer would write
for our results page: the keyword query (every word required, as ours) or all listings,
the buyer's filters as queryset filters, the page's order and page of 20 hits fetched
from the database, the total (``.count()``) and a ``.facet()`` for every facet the page
counts, read from the facet table (search/facets.py), so a facet added there is counted
here too.

What modelsearch cannot do, so the peer differs from our page (measured on 1.3.2):

- ``.facet()`` is one engine request per facet (a ``size=0`` search with one ``terms``
  aggregation), and ``.count()`` one more: 12 requests a page where ours sends one.
- ``.facet()`` counts only a top-level ``FilterField``: filtering across relations works
  (``RelatedFields``, as nested queries), counting them does not, so every facet is also
  indexed as a value computed per listing (``facet_<name>`` below).
- Its ``terms`` aggregation has no size: each facet counts its 10 most common values,
  where ours counts up to the facet's ``size`` (500 categories, 20 regions...).
- It counts with every filter applied, the facet's own included: a buyer who ticks one
  region sees only that region's count, where ours counts each facet without its own
  choice ("any of" facets keep their other values countable).
- No highlights: the hits are rows, without the matched words marked.
- Its database backends' ``.facet()`` runs ``values(field).annotate(Count)``, so it too
  counts only a real model field of the searched model, not a computed or related one.
"""

import functools
import statistics
import time

from search_data import percentile

# modelsearch's opensearch2 backend calls the client with positional arguments
# (``indices.delete(name)``), which opensearch-py 3 (installed: 3.2) no longer
# accepts: it fails with a TypeError before indexing anything. Its opensearch3
# backend makes the same REST calls with keyword arguments, and the node's REST
# API for them is the same on OpenSearch 2.19, so the baseline uses that.
WAGTAIL_BACKEND = "modelsearch.backends.opensearch3"


@functools.cache
def _category_slugs_by_path() -> dict[str, str]:
    from frameworks.models import Category

    return dict(Category.objects.values_list("path", "slug"))


@functools.cache
def _region_codes() -> list[str]:
    from marketplace.core.models import Region

    return list(Region.objects.order_by("code").values_list("code", flat=True))


@functools.cache
def _region_names() -> dict[str, str]:
    from marketplace.core.models import Region

    return dict(Region.objects.values_list("code", "name"))


def _facet_values(version) -> dict:
    """What each facet counts for this listing version: the values of our documents."""
    from frameworks.models import Category

    lot, supplier = version.listing.lot, version.listing.supplier
    by_path, step = _category_slugs_by_path(), Category.steplen
    categories = {
        by_path[category.path[:end]]
        for category in version.categories.all()
        for end in range(step, len(category.path) + 1, step)
    }
    regions = [region.code for region in version.regions.all()]
    return {
        "framework": lot.framework.slug,
        "lot": f"{lot.framework.slug}/{lot.slug}",
        "category": sorted(categories),
        "region": _region_codes() if version.serves_whole_uk else regions,
        "based_in": supplier.head_office_region_id or "",
        "size": supplier.size_band,
        "vcse": supplier.is_vcse,
        "accreditation": [accreditation.slug for accreditation in supplier.accreditations.all()],
        "integration": list(version.integrations),
        "buy_online": version.buy_online,
    }


@functools.cache
def peer_model():
    """ListingVersion as Wagtail's search sees a model: a proxy with search fields.

    A proxy, so the benchmark needs no migration and the listings app is untouched.
    """
    from modelsearch import index

    from listings.models import ListingVersion
    from search.facets import facets_all

    names = [facet.name for facet in facets_all()]
    missing = set(names) - set(FILTERED)
    assert not missing, f"the peer does not filter on {missing}: add them to _filtered"

    def counted(name):
        def value(version):
            if not hasattr(version, "_peer_facet_values"):  # once a listing, not per facet
                version._peer_facet_values = _facet_values(version)
            return version._peer_facet_values[name]

        return property(value)

    attributes = {f"facet_{name}": counted(name) for name in names}
    attributes["search_fields"] = [
        index.SearchField("name", boost=8),
        index.SearchField("summary", boost=3),
        index.SearchField("description"),
        index.SearchField("features", boost=2),
        index.FilterField("name"),
        index.FilterField("price"),
        index.FilterField("serves_whole_uk"),
        index.FilterField("buy_online"),
        index.RelatedFields("categories", [index.FilterField("path")]),
        # By name: a lookup on ``code``, the primary key, stops at the through table,
        # which modelsearch cannot follow ("Cannot filter ... region_id").
        index.RelatedFields("regions", [index.FilterField("name")]),
        # One relation deep only: modelsearch nests a second one under the wrong path
        # ("failed to find nested object under path [lot]"), so supplier and lot
        # filters are resolved to their ids first (``_filtered``).
        index.RelatedFields("listing", [index.FilterField("supplier"), index.FilterField("lot")]),
        *(index.FilterField(f"facet_{name}") for name in names),
    ]
    attributes["Meta"] = type("Meta", (), {"proxy": True, "app_label": "listings"})
    attributes["__module__"] = __name__
    return type("BenchmarkListingVersion", (index.Indexed, ListingVersion), attributes)


FILTERED = (  # the facets ``_filtered`` turns into queryset filters
    "framework",
    "lot",
    "category",
    "region",
    "based_in",
    "size",
    "vcse",
    "accreditation",
    "integration",
    "buy_online",
)


def _filtered(queryset, request):
    """The buyer's filters, as a Wagtail developer would write them on the queryset."""
    from django.db.models import Q

    from frameworks.models import Lot
    from suppliers.models import SupplierOrganisation

    unsupported = [
        name
        for name in ("price_min", "price_max", "open_standards", "apprenticeships")
        if getattr(request, name)
    ]
    assert not unsupported, f"the peer does not filter on {unsupported}"
    wanted = {facet.name: facet.wanted(request) for facet in _facets()}
    if wanted["framework"]:
        lots = Lot.objects.filter(framework__slug=wanted["framework"][0])
        queryset = queryset.filter(listing__lot__in=list(lots.values_list("pk", flat=True)))
    if wanted["lot"]:
        framework, slug = wanted["lot"][0].split("/", 1)
        lots = Lot.objects.filter(framework__slug=framework, slug=slug)
        queryset = queryset.filter(listing__lot__in=list(lots.values_list("pk", flat=True)))
    if wanted["category"]:  # a parent includes its children: a path prefix
        paths = {slug: path for path, slug in _category_slugs_by_path().items()}
        either = Q()
        for value in wanted["category"]:
            either |= Q(categories__path__startswith=paths[value])
        queryset = queryset.filter(either)
    if wanted["region"]:  # a UK-wide service is in every region
        names = _region_names()
        queryset = queryset.filter(
            Q(serves_whole_uk=True)
            | Q(regions__name__in=[names[code] for code in wanted["region"]])
        )
    suppliers = SupplierOrganisation.objects.all()
    if wanted["based_in"]:
        suppliers = suppliers.filter(head_office_region__in=wanted["based_in"])
    if wanted["size"]:
        suppliers = suppliers.filter(size_band__in=wanted["size"])
    if wanted["vcse"]:
        suppliers = suppliers.exclude(vcse_type="")
    for slug in wanted["accreditation"]:  # all of them
        suppliers = suppliers.filter(accreditations__slug=slug)
    if suppliers.query.where:
        queryset = queryset.filter(
            listing__supplier__in=list(suppliers.values_list("pk", flat=True).distinct())
        )
    if wanted["integration"]:
        raise AssertionError("the peer cannot filter an ArrayField: modelsearch has no lookup")
    if wanted["buy_online"]:
        queryset = queryset.filter(buy_online=True)
    return queryset


def _facets():
    from search.facets import facets_all

    return facets_all()


def peer_page(backend, model, request) -> dict:
    """The results page's data from modelsearch: hits, total, every facet's counts."""
    from modelsearch.query import MATCH_ALL

    from search.facets import facets_all

    queryset = _filtered(model.objects.all(), request)
    keywords = " ".join(request.keywords.split())
    sort = request.effective_sort
    if sort == "price":
        queryset = queryset.order_by("price", "name")
    elif sort != "relevance":
        queryset = queryset.order_by("name")
    results = backend.search(
        keywords or MATCH_ALL,
        queryset,
        operator="and",  # every word must be found, as on our page
        order_by_relevance=sort == "relevance",
    )
    hits = list(results[request.offset : request.offset + request.page_size])
    return {
        "hits": hits,
        "total": results.count(),
        "facets": {facet.name: results.facet(f"facet_{facet.name}") for facet in facets_all()},
    }


def peer_index(backend, model) -> int:
    """Index the live listing versions (as ours indexes them); return how many."""
    from listings.models import Listing

    search_index = backend.get_index_for_model(model)
    live = Listing.objects.values("live_version_id")
    search_index.reset()
    search_index.add_model(model)
    versions = (
        model.get_indexed_objects()
        .filter(pk__in=live)
        .select_related("listing__lot__framework", "listing__supplier")
        .prefetch_related("categories", "regions", "listing__supplier__accreditations")
        .order_by("pk")
    )
    count, batch = 0, []
    for version in versions.iterator(chunk_size=1000):
        batch.append(version)
        if len(batch) == 1000:
            search_index.add_items(model, batch)
            count, batch = count + len(batch), []
    if batch:
        search_index.add_items(model, batch)
        count += len(batch)
    search_index.refresh()
    return count


def wagtail_baseline(
    requests, runs: int, urls: list[str], prefix: str, totals: list[int] | None = None
) -> dict:
    """Index with modelsearch's OpenSearch backend on the same cluster; time every request."""
    from modelsearch.backends import get_search_backend

    model = peer_model()
    # The same long timeout as our rebuild's bulk requests, for the same loaded machine.
    backend = get_search_backend(
        WAGTAIL_BACKEND, URLS=urls, INDEX_PREFIX=f"{prefix}-wagtail-", TIMEOUT=120
    )
    started = time.perf_counter()
    count = peer_index(backend, model)
    indexing = time.perf_counter() - started
    took: list[float] = []
    original = backend.es.search

    def recording(*args, **kwargs):
        response = original(*args, **kwargs)
        took[-1] += float(response["took"])  # the page's engine time: all its searches
        return response

    backend.es.search = recording
    times: dict[str, list[float]] = {}
    # Same filters, same hits: how many requests found as many listings as our engine
    # (``totals``), by kind. Keyword totals may differ (our synonyms, modelsearch's
    # best_fields), filter-only ones must not.
    matched: dict[str, list[int]] = {}
    for round_number in range(runs + 1):  # the first round warms caches and is dropped
        for number, (kind, request) in enumerate(requests):
            took.append(0.0)
            started = time.perf_counter()
            page = peer_page(backend, model, request)
            elapsed = (time.perf_counter() - started) * 1000
            assert page["total"] >= len(page["hits"])
            if round_number:
                times.setdefault(kind, []).append(elapsed)
                times.setdefault("all", []).append(elapsed)
            else:
                took.pop()
                if totals is not None:
                    counts = matched.setdefault(kind, [0, 0])
                    counts[0] += page["total"] == totals[number]
                    counts[1] += 1
    figures = {
        kind: {
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
        }
        for kind, values in times.items()
    }
    return {
        "backend": WAGTAIL_BACKEND,
        "indexed": count,
        "index_per_second": round(count / indexing),
        "requests_per_page": 2 + len(_facet_names()),
        "totals_as_ours": {kind: f"{same} of {of}" for kind, (same, of) in matched.items()},
        **figures,
        "took": {
            "p50_ms": round(statistics.median(took), 1),
            "p95_ms": round(percentile(took, 0.95), 1),
        },
    }


def _facet_names() -> list[str]:
    from search.facets import facets_all

    return [facet.name for facet in facets_all()]

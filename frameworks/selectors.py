"""Reads for the framework map and the framework pages."""

from collections import Counter, defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet
from wagtail import hooks

from .coverage import FrameworkFacts, MapCategory, MapSummary, current_map, desired_map
from .lifecycle import (
    framework_accepts_listings,
    framework_ids_with_status,
    framework_status,
)
from .models import Category, Framework, FrameworkStatus, FrameworkUsage, Lot

# Wagtail hook: fn(*, framework_id) -> {lot id: how many published listings}. The
# listings app registers one; frameworks sits below it and so may not import it.
LOT_LISTING_COUNTS_HOOK = "framework_lot_listing_counts"


def lot_listing_counts(*, framework_id: int) -> Counter[int]:
    counts: Counter[int] = Counter()
    for counts_for in hooks.get_hooks(LOT_LISTING_COUNTS_HOOK):
        counts.update(counts_for(framework_id=framework_id))
    return counts


def framework_list(*, include_planned: bool = False) -> QuerySet[Framework]:
    frameworks = Framework.objects.select_related("owner").annotate(lot_count=Count("lots"))
    return frameworks if include_planned else frameworks.filter(planned=False)


def framework_get(*, slug: str) -> Framework:
    return (
        Framework.objects.select_related("owner", "previous_iteration", "disposition_target")
        .prefetch_related(Prefetch("lots", queryset=Lot.objects.prefetch_related("categories")))
        .get(slug=slug)
    )


def map_categories() -> list[MapCategory]:
    """The rows of the map: each top-level category's children, or the top-level
    category itself when it has none. Fine enough to show real overlaps, small
    enough to read."""
    roots = list(Category.get_root_nodes())
    rows: list[MapCategory] = []
    for root in roots:
        children = list(root.get_children())
        for node in children or [root]:
            rows.append(
                MapCategory(slug=node.slug, name=node.name, path=node.path, group=root.name)
            )
    return rows


def framework_facts(*, frameworks: QuerySet[Framework] | None = None) -> list[FrameworkFacts]:
    frameworks = frameworks if frameworks is not None else Framework.objects.all()
    paths: dict[int, set[str]] = defaultdict(set)
    for framework_id, path in Lot.categories.through.objects.filter(
        lot__framework__in=frameworks
    ).values_list("lot__framework_id", "category__path"):
        paths[framework_id].add(path)
    return [
        FrameworkFacts(
            slug=framework.slug,
            name=framework.name,
            status=framework_status(framework=framework),
            planned=framework.planned,
            disposition=framework.disposition,
            target=framework.disposition_target.slug if framework.disposition_target else None,
            category_paths=frozenset(paths[framework.pk]),
        )
        for framework in frameworks.select_related("disposition_target")
    ]


def framework_map() -> tuple[MapSummary, MapSummary, dict[str, Framework]]:
    """The current and desired maps, and the frameworks they name, by slug."""
    categories = map_categories()
    facts = framework_facts()
    by_slug = {f.slug: f for f in Framework.objects.select_related("owner", "disposition_target")}
    return current_map(categories, facts), desired_map(categories, facts), by_slug


def frameworks_covering_same_categories(*, framework: Framework) -> list[Framework]:
    """Other live frameworks sharing a category with this one (either way up the tree).

    Two categories are related when one's materialised path starts with the
    other's. Frameworks number in the tens and their lots' categories in the
    thousands, so one query for every (framework, path) pair and set look-ups in
    Python answer in a few milliseconds; an OR of a prefix test and an ancestor
    list per category (G-Cloud 13 has hundreds) took the database over a second.
    """
    pairs = Lot.categories.through.objects.filter(
        Q(lot__framework__planned=False) | Q(lot__framework=framework)
    ).values_list("lot__framework_id", "category__path")
    paths_of: dict[int, set[str]] = defaultdict(set)
    for framework_id, path in pairs:
        paths_of[framework_id].add(path)
    own = paths_of.pop(framework.pk, set())
    if not own:
        return []
    step = Category.steplen
    # Each of our categories and every category above it; a path in here is ours or an ancestor.
    own_and_above = {path[:end] for path in own for end in range(step, len(path) + 1, step)}

    def shares(path: str) -> bool:
        # Ours or above ours, or below one of ours (some prefix of it is ours).
        return path in own_and_above or any(
            path[:end] in own for end in range(step, len(path), step)
        )

    sharing = [pk for pk, paths in paths_of.items() if any(shares(p) for p in paths)]
    if not sharing:
        return []
    candidates = Framework.objects.filter(pk__in=sharing).select_related("owner").order_by("name")
    return [f for f in candidates if framework_status(framework=f) == FrameworkStatus.LIVE]


def frameworks_with_status(
    *, frameworks: QuerySet[Framework], statuses: list[str]
) -> QuerySet[Framework]:
    """Those frameworks whose status today (from their dates) is one of these."""
    ids = framework_ids_with_status(frameworks=frameworks, statuses=statuses)
    return Framework.objects.filter(pk__in=ids) if ids else Framework.objects.none()


def lots_accepting_listings() -> QuerySet[Lot]:
    """Lots a supplier may put a new service on: those of procured frameworks
    that are live today. An expired framework's lots are not among them."""
    open_ids = [
        framework.pk
        for framework in Framework.objects.filter(planned=False)
        if framework_accepts_listings(framework=framework)
    ]
    return (
        Lot.objects.filter(framework_id__in=open_ids)
        .select_related("framework")
        .order_by("framework__name", "number")
    )


def lot_refusal_reason(*, lot_id) -> str:
    """Why a supplier may not put a new service on this lot, or "" if they may."""
    lot = (
        Lot.objects.select_related("framework").filter(pk=lot_id).first()
        if str(lot_id).isdigit()
        else None
    )
    if lot is None:
        return ""
    framework = lot.framework
    status = framework_status(framework=framework)
    if status == FrameworkStatus.LIVE and not framework.planned:
        return ""
    if status == FrameworkStatus.EXPIRED:
        when = f"expired on {framework.expires:%-d %B %Y}" if framework.expires else "has expired"
        return (
            f"{framework.name} {when}, so it no longer accepts new listings. "
            "Choose a lot of a live framework"
        )
    return (
        f"{framework.name} is not live yet, so it does not accept listings. "
        "Choose a lot of a live framework"
    )


def framework_usage(*, framework: Framework) -> QuerySet[FrameworkUsage]:
    return framework.usage.all()


def categories_in_tree_order() -> QuerySet[Category]:
    """Every category, each parent before its children (materialised-path order)."""
    return Category.objects.order_by("path")

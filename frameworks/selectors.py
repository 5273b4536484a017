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


def frameworks_covering_same_categories(*, framework: Framework) -> QuerySet[Framework]:
    """Other live frameworks sharing a category with this one (either way up the tree)."""
    paths = list(Category.objects.filter(lots__framework=framework).values_list("path", flat=True))
    if not paths:
        return Framework.objects.none()
    query = Q()
    for path in paths:
        ancestors = [path[:end] for end in range(Category.steplen, len(path) + 1, Category.steplen)]
        query |= Q(lots__categories__path__startswith=path) | Q(
            lots__categories__path__in=ancestors
        )
    sharing = Framework.objects.filter(query, planned=False).exclude(pk=framework.pk).distinct()
    return frameworks_with_status(
        frameworks=sharing, statuses=[FrameworkStatus.LIVE]
    ).select_related("owner")


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

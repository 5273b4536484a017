"""The framework map's arithmetic: which frameworks cover each category, now
and in the desired future, and so where they overlap and where there are gaps.

Pure functions over plain values, so the rules are tested on hand-built cases
without a database.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

IN_FORCE_NOW = frozenset({"live"})
# Frameworks whose future is to carry on (or that are being procured for it).
CARRIES_ON = frozenset({"retain"})
HANDS_OVER = frozenset({"merge", "replace"})
MAX_HAND_OVER_STEPS = 10


@dataclass(frozen=True)
class FrameworkFacts:
    slug: str
    name: str
    status: str
    planned: bool
    disposition: str
    target: str | None
    category_paths: frozenset[str]


@dataclass(frozen=True)
class MapCategory:
    slug: str
    name: str
    path: str
    group: str = ""


@dataclass(frozen=True)
class CategoryCoverage:
    category: MapCategory
    frameworks: tuple[str, ...]

    @property
    def is_overlap(self) -> bool:
        return len(self.frameworks) >= 2

    @property
    def is_gap(self) -> bool:
        return not self.frameworks


@dataclass(frozen=True)
class MapSummary:
    frameworks: tuple[str, ...]
    coverage: tuple[CategoryCoverage, ...] = field(default_factory=tuple)

    @property
    def overlaps(self) -> list[CategoryCoverage]:
        return [row for row in self.coverage if row.is_overlap]

    @property
    def gaps(self) -> list[CategoryCoverage]:
        return [row for row in self.coverage if row.is_gap]


def covers(paths: Iterable[str], category: MapCategory) -> bool:
    """A framework covers a category if one of its lot categories is the category,
    an ancestor of it (the whole subtree) or a descendant (part of it)."""
    return any(path.startswith(category.path) or category.path.startswith(path) for path in paths)


def _coverage(
    categories: Sequence[MapCategory], paths_by_framework: dict[str, set[str]]
) -> tuple[CategoryCoverage, ...]:
    return tuple(
        CategoryCoverage(
            category=category,
            frameworks=tuple(
                sorted(
                    slug for slug, paths in paths_by_framework.items() if covers(paths, category)
                )
            ),
        )
        for category in categories
    )


def current_map(
    categories: Sequence[MapCategory], frameworks: Sequence[FrameworkFacts]
) -> MapSummary:
    """Today: only live frameworks count. An expired or planned one covers nothing."""
    in_force = {
        f.slug: set(f.category_paths)
        for f in frameworks
        if f.status in IN_FORCE_NOW and not f.planned
    }
    return MapSummary(frameworks=tuple(sorted(in_force)), coverage=_coverage(categories, in_force))


def desired_map(
    categories: Sequence[MapCategory], frameworks: Sequence[FrameworkFacts]
) -> MapSummary:
    """The future CCS proposes.

    Frameworks that are retained (live now, or planned or being procured) stay.
    A framework that merges into, or is replaced by, another hands its
    categories to that one (following a chain of hand-overs). A retired or
    expired framework drops out, and its categories may become gaps: the map
    should show that.
    """
    by_slug = {f.slug: f for f in frameworks}
    kept = {
        f.slug: set(f.category_paths)
        for f in frameworks
        if f.disposition in CARRIES_ON and (f.planned or f.status != "expired")
    }
    for framework in frameworks:
        if framework.disposition not in HANDS_OVER or framework.status == "expired":
            continue
        target = framework.target
        for _ in range(MAX_HAND_OVER_STEPS):
            if target is None or target in kept or target not in by_slug:
                break
            successor = by_slug[target]
            target = successor.target if successor.disposition in HANDS_OVER else None
        if target in kept:
            kept[target] |= framework.category_paths
    return MapSummary(frameworks=tuple(sorted(kept)), coverage=_coverage(categories, kept))

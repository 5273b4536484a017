"""Year-on-year comparison of one organisation's strategies, as pure functions
over plain values (tested on hand-built cases in tests/strategies/test_comparison.py).

Semantics:
- "build" and "buy" are compared by category: a category in last year's
  "we will build" and this year's "we will buy as a commodity" (and no longer in
  "build") moved from build to buy, and the other way round. Categories that
  appear in a section for the first time are new intentions; those that leave
  both sections are dropped.
- Pipeline entries are matched by their key (the editor's reference, else the
  title with spacing and case ignored). An entry only in the later year was
  added; only in the earlier year, removed; in both with a different estimated
  value (an amount appearing or disappearing counts), changed in value.
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class EntryFacts:
    key: str
    title: str
    value: Decimal | None


@dataclass(frozen=True)
class StrategyFacts:
    year: int
    build: frozenset[str] = frozenset()  # category names
    buy: frozenset[str] = frozenset()
    entries: tuple[EntryFacts, ...] = ()


@dataclass(frozen=True)
class ValueChange:
    title: str
    before: Decimal | None
    after: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class Comparison:
    earlier: int
    later: int
    moved_to_buy: list[str] = field(default_factory=list)
    moved_to_build: list[str] = field(default_factory=list)
    new_build: list[str] = field(default_factory=list)
    new_buy: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    added: list[EntryFacts] = field(default_factory=list)
    removed: list[EntryFacts] = field(default_factory=list)
    value_changed: list[ValueChange] = field(default_factory=list)
    unchanged_count: int = 0

    @property
    def has_changes(self) -> bool:
        return any(
            (
                self.moved_to_buy,
                self.moved_to_build,
                self.new_build,
                self.new_buy,
                self.dropped,
                self.added,
                self.removed,
                self.value_changed,
            )
        )


def compare(earlier: StrategyFacts, later: StrategyFacts) -> Comparison:
    result = Comparison(earlier=earlier.year, later=later.year)
    result.moved_to_buy = sorted((earlier.build & later.buy) - later.build)
    result.moved_to_build = sorted((earlier.buy & later.build) - later.buy)
    before = earlier.build | earlier.buy
    result.new_build = sorted(later.build - before)
    result.new_buy = sorted(later.buy - before)
    result.dropped = sorted(before - later.build - later.buy)

    old = {entry.key: entry for entry in earlier.entries}
    new = {entry.key: entry for entry in later.entries}
    result.added = sorted((new[k] for k in new.keys() - old.keys()), key=lambda e: e.title)
    result.removed = sorted((old[k] for k in old.keys() - new.keys()), key=lambda e: e.title)
    for key in sorted(old.keys() & new.keys(), key=lambda k: new[k].title):
        if old[key].value != new[key].value:
            result.value_changed.append(
                ValueChange(title=new[key].title, before=old[key].value, after=new[key].value)
            )
        else:
            result.unchanged_count += 1
    return result

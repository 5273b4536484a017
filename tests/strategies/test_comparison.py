"""The year-on-year comparison on hand-built cases."""

from decimal import Decimal

from strategies.comparison import EntryFacts, StrategyFacts, compare


def facts(year, *, build=(), buy=(), entries=()):
    return StrategyFacts(
        year=year,
        build=frozenset(build),
        buy=frozenset(buy),
        entries=tuple(
            EntryFacts(key=key, title=key.title(), value=None if v is None else Decimal(v))
            for key, v in entries
        ),
    )


def test_a_category_moving_from_build_to_buy_and_back():
    earlier = facts(2025, build={"Hosting", "Case management"}, buy={"Laptops"})
    later = facts(2026, build={"Laptops"}, buy={"Hosting"})

    result = compare(earlier, later)

    assert result.moved_to_buy == ["Hosting"]
    assert result.moved_to_build == ["Laptops"]
    assert result.dropped == ["Case management"]
    assert result.new_build == [] and result.new_buy == []
    assert result.has_changes


def test_a_category_in_both_sections_later_has_not_moved():
    result = compare(
        facts(2025, build={"Hosting"}), facts(2026, build={"Hosting"}, buy={"Hosting"})
    )

    assert result.moved_to_buy == []
    assert result.new_buy == []  # it was already in the strategy


def test_new_intentions_are_listed_by_section():
    result = compare(facts(2025), facts(2026, build={"Data"}, buy={"Phones"}))

    assert result.new_build == ["Data"] and result.new_buy == ["Phones"]


def test_pipeline_entries_added_removed_and_changed_in_value():
    earlier = facts(
        2025, entries=[("hosting", "1000"), ("helpdesk", "50"), ("print", None), ("same", "7")]
    )
    later = facts(
        2026, entries=[("hosting", "1500"), ("data", "200"), ("print", "30"), ("same", "7")]
    )

    result = compare(earlier, later)

    assert [e.key for e in result.added] == ["data"]
    assert [e.key for e in result.removed] == ["helpdesk"]
    changes = {c.title: (c.before, c.after, c.difference) for c in result.value_changed}
    assert changes == {
        "Hosting": (Decimal(1000), Decimal(1500), Decimal(500)),
        "Print": (None, Decimal(30), None),  # a value appearing is a change
    }
    assert result.unchanged_count == 1


def test_identical_years_have_no_changes():
    same = {"build": {"A"}, "buy": {"B"}, "entries": [("x", "1")]}

    result = compare(facts(2025, **same), facts(2026, **same))

    assert not result.has_changes
    assert result.unchanged_count == 1

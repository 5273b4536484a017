"""The overlap and gap arithmetic on hand-built maps."""

from frameworks.coverage import FrameworkFacts, MapCategory, current_map, desired_map

HOSTING = MapCategory(slug="hosting", name="Hosting", path="00010001")
SOFTWARE = MapCategory(slug="software", name="Software", path="00010002")
PAYROLL_PARENT = MapCategory(slug="hr", name="HR software", path="00010003")
SECURITY = MapCategory(slug="security", name="Security", path="00020001")
CATEGORIES = [HOSTING, SOFTWARE, PAYROLL_PARENT, SECURITY]


def framework(slug, paths, *, status="live", planned=False, disposition="retain", target=None):
    return FrameworkFacts(
        slug=slug,
        name=slug.title(),
        status=status,
        planned=planned,
        disposition=disposition,
        target=target,
        category_paths=frozenset(paths),
    )


def by_slug(summary):
    return {row.category.slug: row for row in summary.coverage}


def test_two_live_frameworks_on_one_category_overlap_and_an_uncovered_one_is_a_gap():
    rows = by_slug(
        current_map(
            CATEGORIES,
            [framework("cloud", ["00010001", "00010002"]), framework("software", ["00010002"])],
        )
    )

    assert rows["software"].is_overlap
    assert rows["software"].frameworks == ("cloud", "software")
    assert not rows["hosting"].is_overlap and not rows["hosting"].is_gap
    assert rows["security"].is_gap


def test_a_lot_on_a_parent_covers_its_children_and_a_lot_on_a_child_covers_part_of_its_parent():
    rows = by_slug(
        current_map(
            CATEGORIES,
            [framework("whole-tree", ["0001"]), framework("payroll-only", ["000100030004"])],
        )
    )

    assert rows["hosting"].frameworks == ("whole-tree",)
    assert rows["hr"].frameworks == ("payroll-only", "whole-tree")
    assert rows["security"].is_gap


def test_a_category_whose_only_framework_has_expired_is_a_gap():
    summary = current_map(CATEGORIES, [framework("old", ["00020001"], status="expired")])

    assert by_slug(summary)["security"].is_gap
    assert summary.frameworks == ()


def test_frameworks_not_yet_live_do_not_count_today():
    summary = current_map(
        CATEGORIES,
        [
            framework("planned", ["00010001"], status="coming", planned=True),
            framework("procuring", ["00010001"], status="standstill"),
        ],
    )

    assert by_slug(summary)["hosting"].is_gap


def test_a_merge_hands_its_categories_to_the_framework_it_merges_into():
    frameworks = [
        framework("psn-connectivity", ["00010001"], disposition="merge", target="psn-services"),
        framework("psn-services", ["00010001", "00010002"]),
    ]

    now = current_map(CATEGORIES, frameworks)
    desired = desired_map(CATEGORIES, frameworks)

    assert by_slug(now)["hosting"].is_overlap
    assert desired.frameworks == ("psn-services",)
    assert by_slug(desired)["hosting"].frameworks == ("psn-services",)
    assert desired.overlaps == []


def test_a_replacement_passes_coverage_to_the_planned_framework_through_a_chain():
    frameworks = [
        framework("old", ["00020001"], disposition="replace", target="interim"),
        framework("interim", [], status="coming", planned=True, disposition="merge", target="new"),
        framework("new", [], status="coming", planned=True),
    ]

    desired = desired_map(CATEGORIES, frameworks)

    assert desired.frameworks == ("new",)
    assert by_slug(desired)["security"].frameworks == ("new",)


def test_retiring_the_only_framework_for_a_category_leaves_a_gap_in_the_desired_map():
    frameworks = [framework("only-one", ["00020001"], disposition="retire")]

    desired = desired_map(CATEGORIES, frameworks)

    assert by_slug(desired)["security"].is_gap
    assert by_slug(current_map(CATEGORIES, frameworks))["security"].frameworks == ("only-one",)


def test_an_expired_framework_is_not_revived_by_a_retain_disposition():
    frameworks = [framework("expired", ["00010001"], status="expired", disposition="retain")]

    assert desired_map(CATEGORIES, frameworks).frameworks == ()

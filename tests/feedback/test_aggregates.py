"""The aggregate arithmetic, by hand, and the public wording of pseudonyms."""

from feedback.aggregates import summarise, would_use_again_share
from feedback.pseudonyms import pseudonym


def by_dimension(summaries):
    return {s.dimension: s for s in summaries}


def test_means_counts_distribution_and_not_applicable():
    ratings = [
        {"overall": 5, "quality": 4, "timeliness": None, "value": 2},
        {"overall": 4, "quality": 4, "timeliness": None, "value": None},
        {"overall": 2, "quality": None, "timeliness": 1, "value": 3},
    ]
    summary = by_dimension(summarise(ratings))
    overall = summary["overall"]
    assert (overall.count, overall.not_applicable, overall.mean) == (3, 0, 3.7)  # 11 / 3
    assert overall.distribution == {5: 1, 4: 1, 3: 0, 2: 1, 1: 0}
    assert not overall.small_sample
    assert (summary["quality"].count, summary["quality"].mean) == (2, 4.0)
    assert summary["quality"].small_sample  # fewer than three ratings
    assert (summary["timeliness"].count, summary["timeliness"].not_applicable) == (1, 2)
    assert summary["value"].mean == 2.5
    assert summary["social_value"].mean is None and summary["social_value"].count == 0


def test_no_feedback_at_all():
    assert all(s.count == 0 and s.mean is None for s in summarise([]))


def test_would_use_again_ignores_unanswered():
    assert would_use_again_share([True, False, None, True]) == (2, 3)


def test_pseudonyms_read_naturally():
    assert pseudonym(sector="local-authority", region_name="North West") == (
        "A council in the North West"
    )
    assert pseudonym(sector="health", region_name="Wales") == "An NHS organisation in Wales"
    assert pseudonym(sector="police", region_name="Northern Ireland") == (
        "A police force in Northern Ireland"
    )
    assert pseudonym(sector="education", region_name=None) == "A school, college or university"

"""The figures shown for a supplier: per dimension, the count, mean and distribution.

Pure arithmetic over the current published version of each feedback, so it can
be tested by hand. "Not applicable" answers are counted separately and never
pull an average down.
"""

from dataclasses import dataclass

from .scale import DIMENSIONS, SMALL_SAMPLE


@dataclass(frozen=True)
class DimensionSummary:
    dimension: str
    label: str
    count: int  # ratings given
    not_applicable: int
    mean: float | None  # to one decimal place
    distribution: dict[int, int]  # level 5..1 → count

    @property
    def small_sample(self) -> bool:
        return self.count < SMALL_SAMPLE


def summarise(ratings: list[dict[str, int | None]]) -> list[DimensionSummary]:
    """``ratings``: one dict per feedback, dimension → level 1-5 or None."""
    summaries = []
    for dimension, label in DIMENSIONS.items():
        given = [r[dimension] for r in ratings if r.get(dimension) is not None]
        distribution = {level: given.count(level) for level in (5, 4, 3, 2, 1)}
        mean = round(sum(given) / len(given), 1) if given else None
        summaries.append(
            DimensionSummary(
                dimension=dimension,
                label=str(label),
                count=len(given),
                not_applicable=len(ratings) - len(given),
                mean=mean,
                distribution=distribution,
            )
        )
    return summaries


def would_use_again_share(answers: list[bool | None]) -> tuple[int, int]:
    """(yes, answered) — the share is shown as 'N of M buyers would use them again'."""
    answered = [a for a in answers if a is not None]
    return sum(1 for a in answered if a), len(answered)

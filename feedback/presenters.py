"""Turn feedback and its figures into the words, table rows and chart geometry the
pages show. Every figure is said in words as well as numbers, and every chart has
a table of the same figures, so nothing depends on seeing a bar or a colour."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from marketplace.accounts.models import BuyerSector
from marketplace.core.charts import Bar, horizontal_bars

from .aggregates import DimensionSummary
from .models import DisputeOutcome, ModerationState, RedactionReason
from .scale import DIMENSIONS, SHORT_LABELS, SMALL_SAMPLE
from .selectors import PublicFeedback, PublicVersion

SECTOR_LABELS = dict(BuyerSector.choices)
LEVELS = (5, 4, 3, 2, 1)
CHART_WIDTH, CHART_LABEL_WIDTH = 600, 170
SUMMARY_HEAD = [
    "What was rated",
    "Average rating",
    {"text": "Ratings", "format": "numeric"},
    {"text": "Not applicable", "format": "numeric"},
]
DISTRIBUTION_HEAD = ["Rating", {"text": "Buyers", "format": "numeric"}]
VERSIONS_HEAD = ["Version", "Sent", "Status", "What you can do"]


def numeric(value) -> dict:
    return {"text": str(value), "format": "numeric"}


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def rating_text(level: int | None) -> str:
    if level is None:
        return "Not applicable"
    return f"{SHORT_LABELS[level]} ({level} out of 5)"


def mean_text(mean: float | None) -> str:
    """'4.2 out of 5: Very good' — the word is the level the average is nearest to."""
    if mean is None:
        return "No ratings"
    nearest = min(LEVELS, key=lambda level: (abs(level - mean), -level))
    return f"{mean:.1f} out of 5: {SHORT_LABELS[nearest]}"


def would_use_again_text(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not sure"}[value]


def _dimension(summary: DimensionSummary, reviews: int) -> str:
    # With fewer than SMALL_SAMPLE reviews in all, one warning above the table says so;
    # otherwise a dimension few buyers rated is marked on its own row.
    few = reviews >= SMALL_SAMPLE and summary.small_sample
    return f"{summary.label} (fewer than {SMALL_SAMPLE} ratings)" if few else summary.label


def summary_rows(dimensions: list[DimensionSummary], reviews: int) -> list[list]:
    return [
        [_dimension(d, reviews), mean_text(d.mean), numeric(d.count), numeric(d.not_applicable)]
        for d in dimensions
    ]


@dataclass(frozen=True)
class Distribution:
    dimension: str
    label: str
    bars: list[Bar]
    height: int
    rows: list[list]
    small_sample: bool

    @property
    def caption(self) -> str:
        return f"How buyers rated {self.label.lower()}"


def distribution(summary: DimensionSummary) -> Distribution:
    """Bars for levels 5 to 1 (and not applicable), and the table that says the same."""
    figures = [
        (SHORT_LABELS[level], summary.distribution[level], str(summary.distribution[level]))
        for level in LEVELS
    ]
    figures.append(("Not applicable", summary.not_applicable, str(summary.not_applicable)))
    bars, height = horizontal_bars(figures, width=CHART_WIDTH, label_width=CHART_LABEL_WIDTH)
    rows = [[label, numeric(count)] for label, count, _ in figures]
    return Distribution(summary.dimension, summary.label, bars, height, rows, summary.small_sample)


@dataclass(frozen=True)
class SummaryView:
    """What the summary boxes and the full page say about a set of feedback."""

    reviews: int
    overall: DimensionSummary
    rows: list[list]
    would_use_again: str
    left_out: str
    badge: str

    @property
    def small_sample(self) -> bool:
        return self.reviews < SMALL_SAMPLE

    @property
    def small_sample_warning(self) -> str:
        return (
            f"Fewer than {SMALL_SAMPLE} buyers have left feedback, so these figures may not "
            "show what most buyers would find."
        )


def summary_view(summary: dict) -> SummaryView:
    overall = summary["dimensions"][0]
    reviews = summary["reviews"]
    answered = summary["would_use_again_answered"]
    left_out = summary["left_out"]
    return SummaryView(
        reviews=reviews,
        overall=overall,
        rows=summary_rows(summary["dimensions"], reviews),
        would_use_again=(
            f"{summary['would_use_again']} of {plural(answered, 'buyer')} would use them again"
            if answered
            else ""
        ),
        left_out=(
            f"{plural(left_out, 'review')} found inaccurate after a dispute "
            f"{'is' if left_out == 1 else 'are'} not counted."
            if left_out
            else ""
        ),
        badge=badge_text(overall.mean, reviews),
    )


def badge_text(mean: float | None, reviews: int) -> str:
    if not reviews or mean is None:
        return "No feedback yet"
    return f"Rated {mean:.1f} out of 5 from {plural(reviews, 'review')}"


def version_rows(version: PublicVersion) -> list[tuple[str, str]]:
    rows = [(str(label), rating_text(version.ratings[d])) for d, label in DIMENSIONS.items()]
    rows.append(("Would use them again", would_use_again_text(version.would_use_again)))
    return rows


def dispute_text(version: PublicVersion) -> str:
    if not version.dispute_outcome:
        return ""
    outcome = DisputeOutcome(version.dispute_outcome).label
    return (
        f"The supplier said this feedback was factually inaccurate. {outcome}. "
        f"The moderator's decision: {version.dispute_decision}"
    )


REDACTION_NOTICES = {
    RedactionReason.PERSONAL_DATA: "because they were personal data, such as a person's name "
    "or contact details",
    RedactionReason.COMMERCIAL: "because they were commercially confidential",
    RedactionReason.BOTH: "because they were personal data or commercially confidential",
}


def redaction_text(version: PublicVersion) -> str:
    """The public notice under a redacted version, naming the moderator's reason."""
    if not version.redacted:
        return ""
    because = REDACTION_NOTICES.get(version.redaction_reason)
    # Redactions from before moderators gave a reason say no reason rather than a wrong one.
    return f"Some details were redacted by a moderator{' ' + because if because else ''}."


def relationship_text(feedback) -> str:
    """How a buyer recognises one of their own contracts in a list."""
    if feedback.award_id:
        return award_text(feedback.award)
    return declared_text(feedback.declared_contract)


def day(value) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return value.strftime("%-d %B %Y") if value else ""


def award_text(award) -> str:
    name = award.awarded_entry.listing_version.name
    dates = f", {day(award.start_date)} to {day(award.end_date)}" if award.start_date else ""
    return f"Awarded through this service: {name}{dates}"


def declared_text(contract) -> str:
    return (
        f"Declared contract {contract.reference} ({contract.get_value_band_display()}), "
        f"from {day(contract.start_date)}"
    )


def not_started_text(relationship) -> str:
    """A contract that has not started yet, and the day feedback on it opens."""
    if hasattr(relationship, "reference"):  # a declared contract
        name = (
            f"Declared contract {relationship.reference} ({relationship.get_value_band_display()})"
        )
    else:
        name = f"{relationship.awarded_entry.listing_version.name}, awarded through this service,"
    return f"{name} starts on {day(relationship.start_date)}. You can leave feedback from that day"


def state_text(version) -> str:
    if version.state == ModerationState.REJECTED:
        return f"Rejected. The moderator's reason: {version.moderation_reason}"
    return ModerationState(version.state).label


def version_actions(feedback, version, user) -> object:
    """A link to withdraw a version the author may still withdraw."""
    if feedback.author_id != user.pk or version.state not in (
        ModerationState.PENDING,
        ModerationState.PUBLISHED,
    ):
        return ""
    return format_html(
        '<a class="govuk-link" href="{}">Withdraw<span class="govuk-visually-hidden"> '
        "version {}</span></a>",
        reverse("feedback:withdraw", kwargs={"pk": feedback.pk, "number": version.number}),
        version.number,
    )


def versions_rows(feedback, user) -> list[list]:
    return [
        [
            str(version.number),
            day(version.created_at),
            state_text(version),
            version_actions(feedback, version, user),
        ]
        for version in feedback.versions.all()
    ]


def response_state(response) -> str:
    if response is None:
        return ""
    if response.state == ModerationState.REJECTED:
        return (
            f"Your response was not published. The moderator's reason: {response.moderation_reason}"
        )
    if response.state == ModerationState.PENDING:
        return "Your response is waiting for a moderator to check it."
    return "Your response is published."


def dispute_state(dispute) -> str:
    if dispute is None:
        return ""
    if dispute.outcome == DisputeOutcome.OPEN:
        return "You said this feedback is inaccurate. A moderator is considering it."
    return f"You disputed this feedback. {DisputeOutcome(dispute.outcome).label}."


@dataclass(frozen=True)
class VersionView:
    version: PublicVersion
    published: str
    rows: list[tuple[str, str]]
    dispute: str
    redaction: str


@dataclass(frozen=True)
class EntryView:
    """One published feedback as the pages show it; built only from public data."""

    item: PublicFeedback
    current: VersionView
    history: list[VersionView]


def _version_view(version: PublicVersion) -> VersionView:
    return VersionView(
        version,
        day(version.published_at),
        version_rows(version),
        dispute_text(version),
        redaction_text(version),
    )


def entry_view(item: PublicFeedback) -> EntryView:
    return EntryView(item, _version_view(item.current), [_version_view(v) for v in item.history])

"""Reads of feedback. Public reads never carry the author or, for a pseudonymous
feedback, the buyer organisation: templates and downloads get ``PublicFeedback``."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from direct_award.selectors import awards_between

from .aggregates import DimensionSummary, summarise, would_use_again_share
from .contract_dates import opens_on
from .models import (
    DeclaredContract,
    DisplayMode,
    DisputeOutcome,
    Feedback,
    FeedbackVersion,
    ModerationState,
)
from .pseudonyms import pseudonym
from .scale import DIMENSIONS


@dataclass(frozen=True)
class PublicVersion:
    number: int
    published_at: datetime | None
    ratings: dict[str, int | None]
    would_use_again: bool | None
    went_well: str
    could_be_better: str
    redacted: bool
    redaction_reason: str  # a RedactionReason value, or "" (none given)
    dispute_outcome: str  # "" when never disputed
    dispute_decision: str


@dataclass(frozen=True)
class PublicFeedback:
    """Everything the public may know about one feedback, and nothing more."""

    id: int
    supplier_name: str
    supplier_slug: str
    listing_id: int | None
    from_name: str  # the organisation, or a pseudonym such as "A council in the North West"
    sector: str
    relationship: str  # "Contract awarded through this service" or "Contract declared by the buyer"
    current: PublicVersion
    history: list[PublicVersion] = field(default_factory=list)
    response: str = ""
    is_illustrative: bool = False


def _public_version(version: FeedbackVersion) -> PublicVersion:
    dispute = getattr(version, "dispute", None)
    return PublicVersion(
        number=version.number,
        published_at=version.moderated_at,
        ratings={dimension: getattr(version, dimension) for dimension in DIMENSIONS},
        would_use_again=version.would_use_again,
        went_well=version.went_well_public,
        could_be_better=version.could_be_better_public,
        redacted=version.redacted,
        redaction_reason=version.redaction_reason,
        dispute_outcome=dispute.outcome if dispute and dispute.outcome != "open" else "",
        dispute_decision=dispute.decision if dispute and dispute.outcome != "open" else "",
    )


def public_name(feedback: Feedback) -> str:
    """The name the public sees: the organisation, or the pseudonym its author chose."""
    organisation = feedback.buyer_organisation
    if feedback.display_mode == DisplayMode.PSEUDONYM:
        region = feedback.pseudonym_region
        return pseudonym(sector=organisation.sector, region_name=region.name if region else None)
    return organisation.name


def _published_feedback() -> QuerySet[Feedback]:
    published = FeedbackVersion.objects.filter(state=ModerationState.PUBLISHED).select_related(
        "dispute"
    )
    return (
        Feedback.objects.filter(versions__state=ModerationState.PUBLISHED)
        .distinct()
        .select_related("buyer_organisation", "pseudonym_region", "supplier", "response")
        .prefetch_related(
            Prefetch("versions", queryset=published.order_by("-number"), to_attr="published")
        )
        .order_by("-created_at")
    )


def public_feedback(
    *,
    supplier_id: int | None = None,
    listing_id: int | None = None,
    sector: str = "",
    supplier_slugs: list[str] | None = None,
    ids: list[int] | None = None,
) -> list[PublicFeedback]:
    feedback = _published_feedback()
    if ids is not None:
        feedback = feedback.filter(pk__in=ids)
    if supplier_slugs is not None:
        feedback = feedback.filter(supplier__slug__in=supplier_slugs)
    if supplier_id is not None:
        feedback = feedback.filter(supplier_id=supplier_id)
    if listing_id is not None:
        feedback = feedback.filter(listing_id=listing_id)
    if sector:
        feedback = feedback.filter(buyer_organisation__sector=sector)
    items = []
    for item in feedback:
        versions = [_public_version(v) for v in item.published]
        response = getattr(item, "response", None)
        items.append(
            PublicFeedback(
                id=item.pk,
                supplier_name=item.supplier.display_name,
                supplier_slug=item.supplier.slug,
                listing_id=item.listing_id,
                from_name=public_name(item),
                sector=item.buyer_organisation.sector,
                relationship=(
                    "Contract declared by the buyer"
                    if item.is_declared
                    else "Contract awarded through this service"
                ),
                current=versions[0],
                history=versions[1:],
                response=response.text
                if response and response.state == ModerationState.PUBLISHED
                else "",
                is_illustrative=item.is_illustrative,
            )
        )
    return items


def counts_in_figures(item: PublicFeedback) -> bool:
    """The one rule for which feedback counts in a supplier's figures.

    A feedback counts through its current published version (the latest one a
    moderator published and its author has not withdrawn) unless a dispute of
    that version was upheld. Waiting, rejected and withdrawn versions are never
    public, so they never count. Figures are always per supplier: a feedback is
    about the supplier on a contract, and a declared contract names no service,
    so search results, the supplier's page and each of its service pages all
    show ``supplier_figures`` and so always agree.
    """
    return item.current.dispute_outcome != DisputeOutcome.UPHELD


def feedback_summary(items: list[PublicFeedback]) -> dict[str, Any]:
    """Aggregates over current versions of the feedback that counts (above)."""
    counted = [i for i in items if counts_in_figures(i)]
    dimensions: list[DimensionSummary] = summarise([i.current.ratings for i in counted])
    yes, answered = would_use_again_share([i.current.would_use_again for i in counted])
    return {
        "reviews": len(counted),
        "dimensions": dimensions,
        "would_use_again": yes,
        "would_use_again_answered": answered,
        "left_out": len(items) - len(counted),
    }


def supplier_figures(*, supplier_slugs: list[str]) -> dict[str, dict[str, Any]]:
    """``feedback_summary`` per supplier slug, for one supplier or a page of search
    results in one query. A supplier without published feedback gets an empty summary."""
    by_supplier: dict[str, list[PublicFeedback]] = {slug: [] for slug in supplier_slugs}
    for item in public_feedback(supplier_slugs=supplier_slugs):
        by_supplier[item.supplier_slug].append(item)
    return {slug: feedback_summary(items) for slug, items in by_supplier.items()}


def relationships_open_for_feedback(*, user: Any, supplier_id: int) -> dict[str, list]:
    """Awards and declared contracts of the user's organisation with this supplier
    that have no feedback yet: those that have started ("awards", "declared"), and
    those that start later ("not_started"), which the buyer is told about."""
    if not getattr(user, "is_verified_buyer", False):
        return {"awards": [], "declared": [], "not_started": []}
    awards = (
        awards_between(buyer_organisation_id=user.buyer_organisation_id, supplier_id=supplier_id)
        .filter(feedback__isnull=True)
        .select_related("awarded_entry__listing_version")
    )
    declared = DeclaredContract.objects.filter(
        buyer_organisation_id=user.buyer_organisation_id,
        supplier_id=supplier_id,
        feedback__isnull=True,
    )
    later = [r for r in [*awards, *declared] if opens_on(r)]
    return {
        "awards": [a for a in awards if a not in later],
        "declared": [c for c in declared if c not in later],
        "not_started": later,
    }


def moderation_queue() -> dict[str, QuerySet]:
    from .models import Dispute, SupplierResponse

    return {
        "feedback": FeedbackVersion.objects.filter(state=ModerationState.PENDING)
        .select_related("feedback__supplier", "feedback__buyer_organisation", "feedback__author")
        .order_by("created_at"),
        "responses": SupplierResponse.objects.filter(state=ModerationState.PENDING)
        .select_related("feedback__supplier")
        .order_by("created_at"),
        "disputes": Dispute.objects.filter(outcome=DisputeOutcome.OPEN)
        .select_related("version__feedback__supplier")
        .order_by("created_at"),
    }


def overall_ratings(*, supplier_slugs: list[str]) -> dict[str, tuple[float | None, int]]:
    """(mean overall rating, reviews counted) per supplier slug, for a page of
    search results. Suppliers without published feedback are left out."""
    ratings = {}
    for slug, summary in supplier_figures(supplier_slugs=supplier_slugs).items():
        if summary["reviews"] or summary["left_out"]:
            overall = next(d for d in summary["dimensions"] if d.dimension == "overall")
            ratings[slug] = (overall.mean, summary["reviews"])
    return ratings


def public_feedback_ids(*, supplier_slug: str = "") -> QuerySet[Feedback]:
    """The feedback with a published version (for paging through; read each page's
    items with ``public_feedback(ids=...)``)."""
    feedback = Feedback.objects.filter(versions__state=ModerationState.PUBLISHED).distinct()
    if supplier_slug:
        feedback = feedback.filter(supplier__slug=supplier_slug)
    return feedback.only("pk")

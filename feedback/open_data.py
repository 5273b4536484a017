"""Published feedback and its aggregates as open data, with no personal data:
rows are made from ``PublicFeedback``, which carries no author and no
identity behind a pseudonym."""

from collections import defaultdict

from .scale import DIMENSIONS
from .selectors import PublicFeedback, feedback_summary

FEEDBACK_FIELDS = {
    "feedback_id": "Stable identifier of the feedback",
    "version": "Version number; later versions are updates by the same buyer",
    "published": "When the moderator published this version",
    "supplier": "Supplier name",
    "supplier_slug": "Stable identifier of the supplier on this service",
    "listing_id": "The service the contract was for, when awarded through this service",
    "from": "The buyer organisation, or a description such as 'A council in Wales'",
    "buyer_sector": "Sector of the buyer organisation",
    "relationship": "Awarded through this service, or declared by the buyer",
    **{
        f"rating_{d}": f"{label}: 5 exceptional … 1 unsatisfactory; blank not applicable"
        for d, label in DIMENSIONS.items()
    },
    "would_use_again": "true, false or blank",
    "went_well": "What went well, as published",
    "could_be_better": "What could be better, as published",
    "redacted": "true if a moderator redacted personal data or commercial-in-confidence details",
    "redaction_reason": "why: personal-data, commercial or both (empty if not given)",
    "dispute_outcome": "upheld or not-upheld when the supplier disputed it",
    "supplier_response": "The supplier's published response",
    "illustrative": "true for illustrative demo feedback",
}

AGGREGATE_FIELDS = {
    "supplier": "Supplier name",
    "supplier_slug": "Stable identifier of the supplier on this service",
    "dimension": "What was rated",
    "ratings": "How many ratings (feedback found inaccurate on dispute is left out)",
    "not_applicable": "How many answered not applicable",
    "mean": "Average rating, 1 to 5, to one decimal place",
    **{f"level_{level}": f"How many rated it {level}" for level in (5, 4, 3, 2, 1)},
}


def feedback_rows(items: list[PublicFeedback]) -> list[dict]:
    rows = []
    for item in items:
        for version in [item.current, *item.history]:
            rows.append(
                {
                    "feedback_id": item.id,
                    "version": version.number,
                    "published": version.published_at.isoformat() if version.published_at else "",
                    "supplier": item.supplier_name,
                    "supplier_slug": item.supplier_slug,
                    "listing_id": item.listing_id or "",
                    "from": item.from_name,
                    "buyer_sector": item.sector,
                    "relationship": item.relationship,
                    **{f"rating_{d}": version.ratings[d] or "" for d in DIMENSIONS},
                    "would_use_again": ""
                    if version.would_use_again is None
                    else version.would_use_again,
                    "went_well": version.went_well,
                    "could_be_better": version.could_be_better,
                    "redacted": version.redacted,
                    "redaction_reason": version.redaction_reason,
                    "dispute_outcome": version.dispute_outcome,
                    "supplier_response": item.response,
                    "illustrative": item.is_illustrative,
                }
            )
    return rows


def aggregate_rows(items: list[PublicFeedback]) -> list[dict]:
    by_supplier: dict[tuple[str, str], list[PublicFeedback]] = defaultdict(list)
    for item in items:
        by_supplier[(item.supplier_slug, item.supplier_name)].append(item)
    rows = []
    for (slug, name), supplier_items in sorted(by_supplier.items()):
        for summary in feedback_summary(supplier_items)["dimensions"]:
            rows.append(
                {
                    "supplier": name,
                    "supplier_slug": slug,
                    "dimension": summary.dimension,
                    "ratings": summary.count,
                    "not_applicable": summary.not_applicable,
                    "mean": "" if summary.mean is None else summary.mean,
                    **{f"level_{lv}": summary.distribution[lv] for lv in (5, 4, 3, 2, 1)},
                }
            )
    return rows

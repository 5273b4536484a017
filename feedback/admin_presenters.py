"""What a moderator reads about one feedback: who really wrote it, the ratings
in words and the text with anything worth a second look marked.

These are for the admin only. The verified identity never goes to a public
template: public pages and downloads get ``selectors.PublicFeedback``.
"""

from typing import Any

from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import money_text

from .models import Feedback, FeedbackVersion
from .scale import DIMENSIONS, PROCUREMENT_ACT_RATING, Rating
from .screening import findings, highlighted

VERSION_TEXTS = {"went_well": _("What went well"), "could_be_better": _("What could be better")}


def _dates(start, end) -> str:
    if not start:
        return ""
    if not end:
        return f"from {format_date(start, 'j F Y')}"
    return f"{format_date(start, 'j F Y')} to {format_date(end, 'j F Y')}"


def _relationship(feedback: Feedback) -> list[tuple[str, str]]:
    contract = feedback.declared_contract
    if contract is not None:
        return [
            (_("Relationship"), _("Contract declared by the buyer")),
            (_("Contract reference"), contract.reference),
            (_("Contract value"), contract.get_value_band_display()),
            (_("Contract dates"), _dates(contract.start_date, contract.end_date)),
            (_("Declared by"), f"{contract.declared_by.get_full_name()} ({contract.declared_by})"),
        ]
    award = feedback.award
    search = award.saved_search
    return [
        (_("Relationship"), _("Contract awarded through this service")),
        (_("Project"), search.project.name),
        (_("Saved search"), f"{search.description} ({search.query_string})"),
        (_("Service awarded"), award.awarded_entry.listing_version.name),
        (_("Contract value"), money_text(award.value, pence="never")),
        (_("Contract dates"), _dates(award.start_date, award.end_date)),
    ]


def identity(feedback: Feedback) -> list[tuple[str, str]]:
    """The verified identity behind a feedback, as label and value rows."""
    author = feedback.author
    organisation = feedback.buyer_organisation
    return [
        (_("Author"), author.get_full_name()),
        (_("Author's e-mail address"), author.email),
        (_("Buyer organisation"), f"{organisation.name} ({organisation.get_sector_display()})"),
        *_relationship(feedback),
    ]


def ratings(version: FeedbackVersion) -> list[dict[str, Any]]:
    rows = []
    for field, label in DIMENSIONS.items():
        value = getattr(version, field)
        rows.append(
            {
                "label": label,
                "words": Rating(value).label if value else _("Not applicable"),
                "procurement_act": PROCUREMENT_ACT_RATING.get(value, ""),
            }
        )
    return rows


def texts(
    item: Any, *, public: bool = False, fields: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Free text with personal data and offensive words marked, and what was found.
    ``public`` reads what the public sees of a version (after any redaction)."""
    shown = []
    for field, label in (fields or VERSION_TEXTS).items():
        text = getattr(item, f"{field}_public" if public else field)
        shown.append(
            {
                "label": label,
                "html": highlighted(text),
                "findings": sorted({finding.kind for finding in findings(text)}),
                "empty": not text,
            }
        )
    return shown

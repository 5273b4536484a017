"""The rows the supplier's listing pages show: the index table, a version as a
summary list with its "Change" links, and the version history.

Values a supplier wrote are passed as text (escaped by the macros); where a
value needs markup, ``format_html`` escapes the supplier's words inside it.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from govuk_frontend_django.components.tag import GovUKTag

from marketplace.core.money import money_text

from . import presenters
from .models import Listing, ListingVersion
from .vocabulary import PriceUnit, PricingModel

NOT_GIVEN = "None"


def day(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y") if moment else ""


def lot_name(listing: Listing) -> str:
    lot = listing.lot
    return f"{lot.framework.name}: Lot {lot.number}, {lot.name}"


def status_tag(tag: presenters.StatusTag):
    return format_html("{}", GovUKTag(text=tag.text, classes=tag.classes))


def index_rows(listings) -> list[list]:
    rows = []
    for listing in listings:
        latest = presenters.latest_version(listing)
        name = latest.name if latest else f"Listing {listing.pk}"
        link = format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            reverse("supplier_listings:detail", kwargs={"pk": listing.pk}),
            name,
        )
        tag = status_tag(presenters.listing_status(listing, latest))
        rows.append([link, lot_name(listing), tag, day(listing.updated_at)])
    return rows


def _bullets(items: list[str]):
    if not items:
        return NOT_GIVEN
    return format_html(
        '<ul class="govuk-list govuk-list--bullet">{}</ul>',
        format_html_join("", "<li>{}</li>", ((item,) for item in items)),
    )


def _paragraphs(text: str):
    parts = [part.strip() for part in text.split("\n\n") if part.strip()]
    return format_html_join("", '<p class="govuk-body">{}</p>', ((part,) for part in parts))


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _document(version: ListingVersion, field: str):
    """The file's own name, as a link the supplier can open to check what they uploaded."""
    if not getattr(version, field):
        return "Not uploaded"
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        presenters.document_url(version, field),
        presenters.document_name(version, field),
    )


def _regions(version: ListingVersion):
    names = [region.name for region in version.regions.all()]
    if version.serves_whole_uk:
        names = ["The whole UK", *names]
    return _bullets(names)


def _price(version: ListingVersion) -> str:
    unit = dict(PriceUnit.choices).get(version.price_unit, version.price_unit)
    model = dict(PricingModel.choices).get(version.pricing_model, version.pricing_model)
    return f"{money_text(version.price, pence='always')} {unit} ({model})"


def version_rows(version: ListingVersion) -> list[tuple[str, object, str]]:
    """(question, answer, the form field its "Change" link goes to)."""
    return [
        ("Service name", version.name, "name"),
        ("Summary", version.summary, "summary"),
        ("Description", _paragraphs(version.description), "description"),
        ("Features", _bullets(version.features), "features"),
        ("Benefits", _bullets(version.benefits), "benefits"),
        (
            "Categories",
            _bullets([category.name for category in version.categories.all()]),
            "categories",
        ),
        ("Where the service is delivered", _regions(version), "regions"),
        ("Open standards", _bullets(version.open_standard_labels), "open_standards"),
        ("Government platforms", _bullets(version.integration_labels), "integrations"),
        ("Price", _price(version), "price"),
        ("Free trial", _yes_no(version.free_trial), "offers"),
        ("Education pricing", _yes_no(version.education_pricing), "offers"),
        ("Service definition", _document(version, "service_definition"), "service_definition"),
        ("Terms and conditions", _document(version, "terms"), "terms"),
        (
            "Buyers can pay online by card",
            f"Yes, {money_text(version.unit_price, pence='always')} a unit"
            if version.buy_online
            else "No",
            "buy_online",
        ),
    ]


def summary_rows(version: ListingVersion, *, edit_url: str | None) -> list[dict]:
    """Rows for the summary list; "Change" links only while the listing can be changed."""
    return [
        {
            "key": key,
            "value": value,
            "is_html": hasattr(value, "__html__"),
            "href": f"{edit_url}#id_{field}" if edit_url else None,
            "hidden": key.lower(),
        }
        for key, value, field in version_rows(version)
    ]


HISTORY_HEAD = ["Version", "State", "Submitted", "Reviewed", "Reviewer's reason"]


def history_rows(versions) -> list[list]:
    return [
        [
            f"Version {version.number}",
            version.get_state_display(),
            day(version.submitted_at),
            day(version.reviewed_at),
            version.review_reason,
        ]
        for version in versions
    ]


INDEX_HEAD = ["Service", "Framework and lot", "Status", "Last updated"]


def duplicate_warnings(version: ListingVersion) -> list[str]:
    return [
        f"This version is {flag['similarity']:.0%} the same as your listing '{flag['name']}'. "
        "CCS may ask you to combine the two listings."
        for flag in version.duplicate_flags
    ]

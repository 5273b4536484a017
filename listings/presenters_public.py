"""Wording for the public listing page: what a buyer reads about price and reach."""

from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html

from marketplace.core.money import money_text

from .models import Listing, ListingVersion
from .presenters import document_url


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def regions_text(version: ListingVersion) -> str:
    if version.serves_whole_uk:
        return "The whole UK"
    return ", ".join(region.name for region in version.regions.all()) or "Not given"


def about_rows(listing: Listing) -> list[tuple]:
    """Where the listing sits and how current it is."""
    version = listing.live_version
    framework = listing.lot.framework
    return [
        (
            "Framework",
            format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("frameworks:detail", kwargs={"slug": framework.slug}),
                framework.name,
            ),
        ),
        ("Lot", f"Lot {listing.lot.number}: {listing.lot.name}"),
        ("Categories", ", ".join(c.name for c in version.categories.all()) or "Not given"),
        ("Where the service is delivered", regions_text(version)),
        (
            "Last approved",
            formats.date_format(version.reviewed_at, "j F Y") if version.reviewed_at else "",
        ),
        ("Version", str(version.number)),
    ]


def pricing_rows(version: ListingVersion) -> list[tuple]:
    unit = version.get_price_unit_display()
    card = (
        f"Yes \N{EN DASH} {money_text(version.unit_price)} {unit}"
        if version.buy_online and version.unit_price
        else "No"
    )
    return [
        ("Price", f"{money_text(version.price)} {unit}"),
        ("Pricing model", version.get_pricing_model_display()),
        ("Free trial", yes_no(version.free_trial)),
        ("Education pricing", yes_no(version.education_pricing)),
        ("Pay online by card", card),
    ]


def documents(version: ListingVersion) -> list[dict]:
    found = [("Service definition", "service_definition"), ("Terms and conditions", "terms")]
    return [
        {"text": text, "href": document_url(version, field)}
        for text, field in found
        if getattr(version, field)
    ]

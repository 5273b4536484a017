"""How a listing reads to people: its state, in words shared by the supplier pages,
the public pages and the admin so the same situation is always described in the
same words; and the public listing page, what a buyer reads about price and reach.

A listing's own status says where it stands with buyers; its latest version says
whether changes are on their way. Suppliers need both at a glance, so the words
combine them.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.html import format_html

from marketplace.core.money import money_text

from .documents import KINDS
from .models import Listing, ListingVersion
from .vocabulary import ListingStatus, VersionState

# GOV.UK tag colours: green for live, blue for waiting on CCS, red for action
# needed by the supplier, grey for nothing happening.
_COLOURS = {
    ListingStatus.DRAFT: "govuk-tag--grey",
    ListingStatus.SUBMITTED: "govuk-tag--blue",
    ListingStatus.PUBLISHED: "govuk-tag--green",
    ListingStatus.REJECTED: "govuk-tag--red",
    ListingStatus.SUSPENDED: "govuk-tag--orange",
    ListingStatus.WITHDRAWN: "govuk-tag--grey",
}

# The Design System's dash between a status and its qualification.
DASH = "\N{EN DASH}"

_WORDS = {
    ListingStatus.DRAFT: "Draft",
    ListingStatus.SUBMITTED: "Submitted for review",
    ListingStatus.PUBLISHED: "Published",
    ListingStatus.REJECTED: f"Rejected {DASH} see the reason",
    ListingStatus.SUSPENDED: "Suspended",
    ListingStatus.WITHDRAWN: "Withdrawn",
}

# A published listing keeps its live version while newer ones move through review.
_PUBLISHED_WITH_CHANGES = {
    VersionState.DRAFT: (f"Published {DASH} changes not yet submitted", "govuk-tag--turquoise"),
    VersionState.SUBMITTED: (f"Published {DASH} changes waiting for review", "govuk-tag--blue"),
    VersionState.REJECTED: (f"Published {DASH} changes rejected, see the reason", "govuk-tag--red"),
}


@dataclass(frozen=True)
class StatusTag:
    text: str
    classes: str


def latest_version(listing: Listing) -> ListingVersion | None:
    """The newest version, from the prefetch of ``listings_for_supplier`` when there is one."""
    versions = list(listing.versions.all())
    return max(versions, key=lambda version: version.number) if versions else None


def has_pending_changes(listing: Listing, latest: ListingVersion | None) -> bool:
    return bool(
        listing.live_version_id and latest is not None and latest.pk != listing.live_version_id
    )


def listing_status(listing: Listing, latest: ListingVersion | None = None) -> StatusTag:
    latest = latest or latest_version(listing)
    if listing.status == ListingStatus.PUBLISHED and has_pending_changes(listing, latest):
        text, classes = _PUBLISHED_WITH_CHANGES.get(latest.state, (_WORDS[listing.status], ""))
        return StatusTag(text, classes or _COLOURS[listing.status])
    return StatusTag(
        _WORDS.get(listing.status, listing.get_status_display()),
        _COLOURS.get(listing.status, "govuk-tag--grey"),
    )


def rejection_reason(latest: ListingVersion | None) -> str:
    """The reviewer's reason, while the supplier still has to act on it."""
    if latest is not None and latest.state == VersionState.REJECTED:
        return latest.review_reason
    return ""


def public_url(listing: Listing) -> str:
    # The public listing pages (``listings:detail``) come with their own issue; until
    # they are routed, the address is the one marketplace/urls.py reserves for them.
    try:
        return listing.get_absolute_url()
    except NoReverseMatch:
        return f"/services/{listing.pk}/"


def document_name(version: ListingVersion, field: str) -> str:
    """The name of the file the supplier uploaded (documents are stored under random names)."""
    document = getattr(version, field)
    if not document:
        return ""
    return getattr(version, f"{field}_name") or document.name.rsplit("/", 1)[-1]


def document_url(version: ListingVersion, field: str) -> str:
    """Where the document can be opened: the view that checks who is asking."""
    if not getattr(version, field):
        return ""
    kind = next(kind for kind, name in KINDS.items() if name == field)
    return reverse(
        "listings:document",
        kwargs={"pk": version.listing_id, "number": version.number, "kind": kind},
    )


def time_and_day(moment) -> str:
    """'2:05pm on 1 December 2026', as GOV.UK style writes a time."""
    local = timezone.localtime(moment)
    clock = local.strftime("%-I:%M%p").lower().replace(":00", "")
    clock = {"12pm": "midday", "12am": "midnight"}.get(clock, clock)
    return f"{clock} on {local.strftime('%-d %B %Y')}"


def edit_conflict_message(latest: ListingVersion) -> str:
    return (
        f"Someone else in your organisation changed this listing at "
        f"{time_and_day(latest.updated_at)}, after you opened this page. "
        "Your changes have not been saved yet"
    )


# The public listing page.


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
    # A card unit has its own name ("a mailbox"); older listings fall back to the price unit.
    card_unit = f"a {version.unit_name} before VAT" if version.unit_name else unit
    card = (
        f"Yes \N{EN DASH} {money_text(version.unit_price)} {card_unit}"
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

"""Wording for the saved-search pages: what a saved search asked for, its state,
its frozen shortlist and its outcome, in plain English."""

from decimal import Decimal

from django.http import QueryDict
from django.urls import reverse, reverse_lazy
from django.utils import formats
from django.utils.html import format_html
from govuk_frontend_django.components.tag import GovUKTag

from marketplace.core.money import money_text
from search.facet_labels import facet_labels
from search.filters import ListingSearchFilterSet
from search.request import SearchRequest
from suppliers.models_choices import SizeBand

from .models import Outcome, OutcomeKind, Project, SavedSearch, ShortlistEntry

# A saved search reopens as the public search page with its query string.
SEARCH_PATH = reverse_lazy("search:results")

SEPARATOR = " \N{MIDDLE DOT} "
NOT_SAVED = ("page", "csrfmiddlewaretoken")  # where the buyer was, not what they asked for
SIZE_NAMES = {"sme": "SME", **{str(value): str(label) for value, label in SizeBand.choices}}
DESCRIPTION_MAX = 500


def query_to_save(query: QueryDict) -> str:
    """The search's query string as saved: its answers, without the page or empty ones."""
    kept = QueryDict(mutable=True)
    for key, values in query.lists():
        values = [value for value in values if value.strip()]
        if key not in NOT_SAVED and values:
            kept.setlist(key, values)
    return kept.urlencode()


def _labels(facet: str, values: tuple[str, ...], joiner: str) -> str:
    names = facet_labels(facet, list(values))
    return joiner.join(names.get(value, value) for value in values)


def _price(low: Decimal | None, high: Decimal | None) -> str:
    if low is not None and high is not None:
        return f"{money_text(low)} to {money_text(high)}"
    if low is not None:
        return f"{money_text(low)} or more"
    return f"Up to {money_text(high)}" if high is not None else ""


def _parts(request: SearchRequest) -> list[str]:
    # "or" where any chosen value matches (regions, sizes…), "and" where all must.
    return [
        f"\N{LEFT SINGLE QUOTATION MARK}{request.keywords}\N{RIGHT SINGLE QUOTATION MARK}"
        if request.keywords
        else "",
        _labels("framework", (request.framework,), "") if request.framework else "",
        _labels("lot", (request.lot,), "") if request.lot else "",
        _labels("category", request.categories, " or "),
        _labels("region", request.regions, " or "),
        f"Based in {_labels('based_in', request.based_in, ' or ')}" if request.based_in else "",
        " or ".join(SIZE_NAMES.get(size, size) for size in request.sizes),
        "VCSE" if request.vcse else "",
        _labels("accreditation", request.accreditations, " and "),
        "Open standards" if request.open_standards else "",
        "Offers apprenticeships" if request.apprenticeships else "",
        _labels("integration", request.integrations, " and "),
        "Buy online" if request.buy_online else "",
        _price(request.price_min, request.price_max),
    ]


def search_description(query_string: str) -> str:
    """What the search asks for, from its valid answers, like "'backup' · North West · SME"."""
    request = ListingSearchFilterSet(QueryDict(query_string)).search_request()
    parts = [part for part in _parts(request) if part]
    return (SEPARATOR.join(parts) or "All services")[:DESCRIPTION_MAX]


def search_url(saved_search: SavedSearch) -> str:
    return f"{SEARCH_PATH}?{saved_search.query_string}"


def saved_search_state(saved_search: SavedSearch) -> dict:
    """The state as a GOV.UK tag: open, ended, or its outcome."""
    outcome = getattr(saved_search, "outcome", None)
    if outcome is not None:
        return {"text": f"Outcome: {outcome.get_kind_display()}", "classes": "govuk-tag--green"}
    if saved_search.is_ended:
        return {"text": "Ended", "classes": "govuk-tag--grey"}
    return {"text": "Open", "classes": "govuk-tag--blue"}


def results_now(total: int, most: int) -> str:
    if total > most:
        return f"More than {most} services match this search now."
    return f"{total} service{'s match' if total != 1 else ' matches'} this search now."


def end_warning(total: int, most: int) -> str:
    """Why the search cannot be ended as it stands, or "" if it can."""
    if total > most:
        return (
            f"You can only end a search with {most} results or fewer. "
            "Run the search again and add filters or words to narrow it, then save it again."
        )
    if not total:
        return (
            "No services match this search now, so there is nothing to shortlist. "
            "Run the search again and change it."
        )
    return ""


def state_tag(saved_search: SavedSearch):
    return format_html("{}", GovUKTag(**saved_search_state(saved_search)))


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def _link(href: str, text: str):
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text)


def saved_search_url(saved_search: SavedSearch) -> str:
    return reverse("direct_award:saved-search", kwargs={"pk": saved_search.pk})


def saved_search_rows(saved_search: SavedSearch) -> list[tuple]:
    return [
        ("What was searched for", saved_search.description),
        ("Project", saved_search.project.name),
        ("Saved", _date(saved_search.created_at)),
        ("Ended", _date(saved_search.ended_at)),
        ("State", state_tag(saved_search)),
    ]


SEARCHES_HEAD = ["Search", "Saved", "State"]


def searches_rows(project: Project) -> list[list]:
    return [
        [
            _link(saved_search_url(saved), saved.description),
            _date(saved.created_at),
            state_tag(saved),
        ]
        for saved in project.searches.all()
    ]


SHORTLIST_HEAD = ["Supplier", "Service", "Summary", "Price"]


def shortlist_table(entries: list[ShortlistEntry]) -> list[list]:
    rows = []
    for entry in entries:
        version = entry.listing_version
        link = _link(entry.listing.get_absolute_url(), version.name)
        price = f"{money_text(version.price)} {version.get_price_unit_display()}"
        rows.append([entry.listing.supplier.display_name, link, version.summary, price])
    return rows


def entry_name(entry: ShortlistEntry) -> str:
    return f"{entry.listing_version.name}, from {entry.listing.supplier.display_name}"


def outcome_rows(outcome: Outcome) -> list[tuple[str, str]]:
    rows = [("Outcome", outcome.get_kind_display())]
    if outcome.kind == OutcomeKind.AWARDED:
        rows += [
            ("Service awarded", entry_name(outcome.awarded_entry)),
            ("Contract value", money_text(outcome.value)),
            ("Contract starts", _date(outcome.start_date)),
            ("Contract ends", _date(outcome.end_date)),
        ]
    rows.append(("Recorded", _date(outcome.recorded_at)))
    return rows


def feedback_url(outcome: Outcome) -> str:
    supplier = outcome.supplier
    return reverse("feedback:write", kwargs={"slug": supplier.slug}) if supplier else ""

"""How to buy a service, in plain English, from its framework's route to market.

A buyer buys through the framework the service is listed on. On a direct-award
framework (G-Cloud) they search, save the search in a project, end it to freeze
a shortlist, assess it and award; on a further-competition framework the saved
search of the lot is the list of suppliers they invite. Both use the saved-search
journey (reached by its URL names only: listings does not import direct_award).

A project keeps searches, not single services, so "Save to a project" starts a
saved search for this service's lot: the shortlist a buyer assesses must be every
service that meets their needs, not one they picked beforehand.
"""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.urls import reverse

from frameworks.models import FrameworkStatus, RouteToMarket

from .models import Listing

ON_SITE = "On this site"
OFF_SITE = "With the suppliers"


@dataclass(frozen=True)
class HowToBuy:
    route: str  # one plain-English sentence: how this framework is bought through
    available: bool  # False when the framework is not in force
    steps: list[dict] = field(default_factory=list)  # task-list items
    framework_says: str = ""  # the framework's own words, from CCS
    search_url: str = ""
    save_url: str = ""  # start a saved search for this lot, in a project


def _step(title: str, hint: str, where: str, href: str = "") -> dict:
    item = {"title": {"text": title}, "hint": {"text": hint}, "status": {"text": where}}
    if href:
        item["href"] = href
    return item


def _direct_award_steps(lot_words: str, search_url: str) -> list[dict]:
    return [
        _step(
            "Search for services and save your search",
            f"Search {lot_words} with the words and filters that describe your needs, "
            "then save the search in a project.",
            ON_SITE,
            search_url,
        ),
        _step(
            "End your search to freeze your shortlist",
            "The services that match become your shortlist. Download it as a spreadsheet.",
            ON_SITE,
        ),
        _step(
            "Assess the services on your shortlist",
            "Compare them against your needs and budget. You can ask each supplier a question.",
            OFF_SITE,
        ),
        _step(
            "Award the contract and record the outcome",
            "Sign the call-off contract with the supplier, then record the award on your "
            "saved search.",
            ON_SITE,
        ),
    ]


def _competition_steps(lot_words: str, search_url: str) -> list[dict]:
    return [
        _step(
            "Save a search of the suppliers on this lot",
            f"Search {lot_words} and save the search in a project: its results are the "
            "suppliers you can invite.",
            ON_SITE,
            search_url,
        ),
        _step(
            "End your search to freeze the list of suppliers",
            "Download the list. Every supplier on it who can meet your needs must be invited.",
            ON_SITE,
        ),
        _step(
            "Run the further competition",
            "Send your requirements to the suppliers, using the framework's call-off terms, "
            "and evaluate their bids.",
            OFF_SITE,
        ),
        _step(
            "Award the contract and record the outcome",
            "Record the award on your saved search.",
            ON_SITE,
        ),
    ]


def how_to_buy(listing: Listing) -> HowToBuy:
    lot = listing.lot
    framework = lot.framework
    lot_words = f"{framework.name}, Lot {lot.number}: {lot.name}"
    status = framework.current_status
    if status != FrameworkStatus.LIVE:
        return HowToBuy(
            route=(
                f"You cannot buy through {framework.name} now. Its status is: {status.label}. "
                "Look for a similar service on a live framework."
            ),
            available=False,
        )
    query = QueryDict(mutable=True)
    query.update({"framework": framework.slug, "lot": f"{framework.slug}/{lot.slug}"})
    search_url = f"{reverse('search:results')}?{query.urlencode()}"
    save_url = f"{reverse('direct_award:save-search')}?{query.urlencode()}"
    route = framework.route_to_market
    if route == RouteToMarket.FURTHER_COMPETITION:
        sentence = (
            f"Buy this service through a further competition on {lot_words}: you invite "
            "the suppliers on the lot to bid against your requirements."
        )
        steps = _competition_steps(lot_words, search_url)
    elif route == RouteToMarket.BOTH:
        sentence = (
            f"Buy this service by direct award from {lot_words}, as set out below, or run "
            "a further competition among the suppliers on the lot."
        )
        steps = _direct_award_steps(lot_words, search_url)
    elif route == RouteToMarket.DIRECT_AWARD:
        sentence = f"Buy this service by direct award from {lot_words}."
        steps = _direct_award_steps(lot_words, search_url)
    else:
        # The framework has not said; the saved search is still the way to a
        # recorded shortlist, so offer it without claiming a route.
        sentence = (
            f"{framework.name} has not said how to buy through it. Read about the framework "
            "before you buy. You can still keep a record of your search."
        )
        steps = _direct_award_steps(lot_words, search_url)
    return HowToBuy(
        route=sentence,
        available=True,
        steps=steps,
        framework_says=framework.how_to_buy,
        search_url=search_url,
        save_url=save_url,
    )

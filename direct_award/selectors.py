"""Reads for saved searches. A buyer only ever sees their own organisation's."""

from dataclasses import replace
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from marketplace.accounts.models import User
from marketplace.accounts.selectors import join_requests_for_organisation
from search.executor import search_run
from search.filters import ListingSearchFilterSet
from search.request import SearchResult

from . import models
from .models import Outcome, OutcomeKind, Project, SavedSearch


def projects_for(*, user: Any) -> QuerySet[Project]:
    if not (getattr(user, "is_authenticated", False) and user.is_buyer):
        return Project.objects.none()
    return Project.objects.filter(buyer_organisation_id=user.buyer_organisation_id)


def projects_with_searches(*, user: Any) -> QuerySet[Project]:
    """The organisation's projects, each with its searches and their outcomes."""
    searches = SavedSearch.objects.select_related("outcome").order_by("-created_at")
    return projects_for(user=user).prefetch_related(Prefetch("searches", queryset=searches))


def project_get(*, user: Any, pk: int) -> Project | None:
    return projects_with_searches(user=user).filter(pk=pk).first()


def saved_search_get(*, user: Any, pk: int) -> SavedSearch | None:
    return (
        SavedSearch.objects.filter(project__in=projects_for(user=user), pk=pk)
        .select_related("project")
        .first()
    )


def saved_search_results(*, saved_search: SavedSearch) -> SearchResult:
    """The saved search run now, from its first result: one more than the most a
    search may have to be ended, so the hits are all of them whenever it can be."""
    request = ListingSearchFilterSet(QueryDict(saved_search.query_string)).search_request()
    return search_run(replace(request, page=1, page_size=models.MAX_RESULTS_TO_END + 1))


def shortlist_for(*, saved_search: SavedSearch) -> QuerySet:
    return saved_search.shortlist.select_related("listing__supplier", "listing_version").order_by(
        "position"
    )


def shortlist_with_contacts(*, saved_search: SavedSearch) -> QuerySet:
    """The shortlist for the downloads: each supplier with its signed-up team
    (``supplier.team``, longest-standing first), whom a buyer can contact when the
    organisation's profile names no contact of its own."""
    team = User.objects.filter(is_active=True).order_by("date_joined", "pk")
    return shortlist_for(saved_search=saved_search).prefetch_related(
        Prefetch("listing__supplier__users", queryset=team, to_attr="team")
    )


def awards_between(*, buyer_organisation_id: int, supplier_id: int) -> QuerySet[Outcome]:
    """Recorded awards from this buyer organisation to this supplier: the one query for
    them (feedback reads it to know which awards a buyer may write about)."""
    return Outcome.objects.filter(
        kind=OutcomeKind.AWARDED,
        saved_search__project__buyer_organisation_id=buyer_organisation_id,
        awarded_entry__listing__supplier_id=supplier_id,
    )


def buyer_next_steps(*, user) -> dict:
    """What a signed-in buyer is offered on the home page: people waiting to join their
    organisation, its recent projects, and the suppliers it awarded a contract to that
    have no feedback yet."""
    projects = projects_for(user=user)
    awards = (
        Outcome.objects.filter(
            kind=OutcomeKind.AWARDED,
            saved_search__project__buyer_organisation_id=user.buyer_organisation_id,
            feedback__isnull=True,
        )
        .select_related("awarded_entry__listing__supplier")
        .order_by("-recorded_at")
    )
    suppliers = {award.supplier.pk: award.supplier for award in awards}
    return {
        "people_waiting_to_join": join_requests_for_organisation(user=user).count(),
        "projects": list(projects[:3]),
        "feedback_to_give": list(suppliers.values()),
    }


def awards_recorded() -> QuerySet[Outcome]:
    """Every award recorded, oldest first, for open data (the API, OCDS, spend). Readers may
    show the buyer organisation, the supplier, the service version, the value and
    the dates; never the project, the search or the people who recorded it."""
    return (
        Outcome.objects.filter(kind=OutcomeKind.AWARDED)
        .select_related(
            "saved_search__project__buyer_organisation",
            "awarded_entry__listing__supplier__head_office_region",
            "awarded_entry__listing__lot__framework",
            "awarded_entry__listing_version",
        )
        .order_by("recorded_at", "pk")
    )

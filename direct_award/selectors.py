"""Reads for saved searches. A buyer only ever sees their own organisation's."""

from typing import Any

from django.db.models import QuerySet

from .models import Outcome, OutcomeKind, Project, SavedSearch


def projects_for(*, user: Any) -> QuerySet[Project]:
    if not (getattr(user, "is_authenticated", False) and user.is_buyer):
        return Project.objects.none()
    return Project.objects.filter(buyer_organisation_id=user.buyer_organisation_id)


def project_get(*, user: Any, pk: int) -> Project | None:
    return projects_for(user=user).prefetch_related("searches").filter(pk=pk).first()


def saved_search_get(*, user: Any, pk: int) -> SavedSearch | None:
    return (
        SavedSearch.objects.filter(project__in=projects_for(user=user), pk=pk)
        .select_related("project")
        .first()
    )


def awards_between(*, buyer_organisation_id: int, supplier_id: int) -> QuerySet[Outcome]:
    """Recorded awards from this buyer organisation to this supplier (for feedback)."""
    return Outcome.objects.filter(
        kind=OutcomeKind.AWARDED,
        saved_search__project__buyer_organisation_id=buyer_organisation_id,
        awarded_entry__listing__supplier_id=supplier_id,
    )

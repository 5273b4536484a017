"""Reads shared by every app."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import AuditEvent


def audit_events_for(*, subject: models.Model) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    )


def buyer_next_steps(*, user) -> dict:
    """What a signed-in buyer is offered on the home page: people waiting to join their
    organisation, its recent projects, and the suppliers it awarded a contract to that
    have no feedback yet."""
    from direct_award.models import Outcome, OutcomeKind
    from direct_award.selectors import projects_for
    from marketplace.accounts.selectors import join_requests_for_organisation

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

"""Writes for pipeline alerts: a supplier's subscription. The daily digests
are alert_digests.py; this module needs no strategy or pipeline, so the alert
page (a sub-page of the strategies index) can use it."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.core.services import audit_record

from .alert_models import PipelineAlertSubscription


@transaction.atomic
def pipeline_alert_subscription_save(
    *, user: Any, categories: list, cpv_divisions: list[str], regions: list
) -> PipelineAlertSubscription:
    """Create or change the user's alert. News starts from now: what was
    published before they subscribed is on the pipeline search already."""
    subscription = PipelineAlertSubscription.objects.filter(user=user).first()
    created = subscription is None
    if created:
        subscription = PipelineAlertSubscription(user=user, news_since=timezone.now())
    elif not subscription.active:
        subscription.news_since = timezone.now()
    subscription.active = True
    subscription.cpv_divisions = sorted(set(cpv_divisions))
    subscription.save()
    subscription.categories.set(categories)
    subscription.regions.set(regions)
    audit_record(
        actor=user,
        action="pipeline_alert.subscribed" if created else "pipeline_alert.changed",
        subject=subscription,
        data={
            "categories": sorted(c.slug for c in categories),
            "cpv_divisions": subscription.cpv_divisions,
            "regions": sorted(r.code for r in regions),
        },
    )
    return subscription


@transaction.atomic
def pipeline_alert_subscription_stop(*, user: Any) -> None:
    """Stop the alert; its choices are kept, so turning it on again is one click."""
    subscription = PipelineAlertSubscription.objects.filter(user=user, active=True).first()
    if subscription is None:
        return
    subscription.active = False
    subscription.save(update_fields=["active", "updated_at"])
    audit_record(actor=user, action="pipeline_alert.stopped", subject=subscription)

"""Audit events for the strategies tree that do not pass through a page-editor hook:
workflow steps. Approving a submitted strategy publishes it from the workflow
view, so the approval signal is where that publication is recorded. Connected in
StrategiesConfig.ready, so they work outside the admin too."""

from wagtail.signals import workflow_approved, workflow_rejected, workflow_submitted

from marketplace.core.services import audit_record

from .models import OrganisationStrategyIndexPage, ProcurementStrategyPage

AUDITED = (ProcurementStrategyPage, OrganisationStrategyIndexPage)


def audit_page(user, page, verb: str, **data) -> None:
    page = page.specific if hasattr(page, "specific") else page
    if isinstance(page, AUDITED):
        action = f"strategy.{page._meta.model_name}.{verb}"
        if isinstance(page, ProcurementStrategyPage):
            data.setdefault("financial_year", page.financial_year)
        audit_record(actor=user, action=action, subject=page, data=data)


def _workflow_receiver(verb: str):
    def receiver(sender, instance, user=None, **kwargs):
        audit_page(user, instance.content_object, verb, workflow=instance.workflow.name)

    return receiver


audit_submitted = _workflow_receiver("submitted")
audit_approved = _workflow_receiver("approved")
audit_rejected = _workflow_receiver("changes_requested")


def connect() -> None:
    workflow_submitted.connect(audit_submitted, dispatch_uid="strategies.audit_submitted")
    workflow_approved.connect(audit_approved, dispatch_uid="strategies.audit_approved")
    workflow_rejected.connect(audit_rejected, dispatch_uid="strategies.audit_rejected")

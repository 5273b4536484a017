"""Writes shared by every app: recording audit events."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def audit_record(
    *,
    actor: Any | None,
    action: str,
    subject: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit trail. Every service that changes state calls this."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "",
        subject_repr=str(subject)[:255] if subject is not None else "",
        data=data or {},
    )

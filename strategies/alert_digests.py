"""The daily pipeline alert digests: each active subscriber gets one e-mail of
the entries published or changed since their last one that match their alert.

pipeline_alerts_send is idempotent: every entry version it mails is recorded
against the subscription (PipelineAlertSent), so a second run, or a run that
overlaps another, sends nothing twice. An entry whose strategy is published
again with different details is a new version and is sent once more.
"""

from django.db import transaction
from django.utils import timezone

from marketplace.core.notifications import absolute_url, notification_send
from marketplace.core.services import audit_record

from .alert_models import PipelineAlertSent, PipelineAlertSubscription, PipelineEntryVersion
from .alert_selectors import DigestItem, digest_items, entry_fingerprint
from .presenters import entry_date, entry_regions, entry_value, strategy_contact
from .selectors import pipeline_entry_list, strategy_route_url

DIGEST_TEMPLATE = "strategies/emails/pipeline_alert_digest.txt"


def pipeline_entry_versions_record() -> dict[tuple[int, str, str], object]:
    """Note every published entry's current version; a version not seen before
    dates from its strategy's publication. Returns the current entries by
    (strategy, key, fingerprint)."""
    current = {}
    for entry in pipeline_entry_list():
        current[(entry.page_id, entry.key[:255], entry_fingerprint(entry))] = entry
    PipelineEntryVersion.objects.bulk_create(
        [
            PipelineEntryVersion(
                page_id=page_id,
                key=key,
                fingerprint=fingerprint,
                seen_at=entry.page.last_published_at or timezone.now(),
            )
            for (page_id, key, fingerprint), entry in current.items()
        ],
        ignore_conflicts=True,
    )
    return current


def _digest_lines(item: DigestItem) -> dict:
    entry = item.entry
    page = entry.page
    return {
        "title": entry.title,
        "organisation": page.organisation.name,
        "illustrative": page.illustrative,
        "year": page.financial_year_label,
        "status": entry.get_status_display(),
        "value": entry_value(entry),
        "procurement_start": entry_date(entry.procurement_start),
        "regions": entry_regions(entry),
        "contact": strategy_contact(page),
        "link": absolute_url(path=page.url or "") + "#pipeline",
        "changed": item.changed,
    }


def _digest_send(subscription: PipelineAlertSubscription, items: list[DigestItem]) -> int:
    new = [_digest_lines(item) for item in items if not item.changed]
    changed = [_digest_lines(item) for item in items if item.changed]
    parts = []
    if new:
        parts.append(f"{len(new)} new")
    if changed:
        parts.append(f"{len(changed)} changed")
    return notification_send(
        to=[subscription.user.email],
        subject=f"Pipeline alert: {' and '.join(parts)} planned procurement"
        + ("s" if len(items) > 1 else ""),
        template=DIGEST_TEMPLATE,
        context={
            "new": new,
            "changed": changed,
            "manage_link": absolute_url(path=strategy_route_url(name="alerts")),
            "search_link": absolute_url(path=strategy_route_url(name="pipeline")),
        },
    )


def pipeline_alerts_send(*, progress=lambda line: None) -> dict:
    """Send each active subscriber one digest of the entries published or changed
    since their last one that match their alert. Returns counts."""
    started = timezone.now()
    current = pipeline_entry_versions_record()
    report = {"subscriptions": 0, "digests": 0, "entries": 0}
    subscriptions = PipelineAlertSubscription.objects.filter(
        active=True, user__is_active=True
    ).select_related("user")
    for subscription in subscriptions:
        report["subscriptions"] += 1
        with transaction.atomic():
            # Lock the subscription so two runs at once cannot both send it.
            subscription = PipelineAlertSubscription.objects.select_for_update().get(
                pk=subscription.pk
            )
            items = digest_items(subscription=subscription, current=current)
            if items:
                PipelineAlertSent.objects.bulk_create(
                    [
                        PipelineAlertSent(
                            subscription=subscription,
                            page_id=item.entry.page_id,
                            key=item.entry.key[:255],
                            fingerprint=item.fingerprint,
                            sent_at=started,
                        )
                        for item in items
                    ]
                )
                _digest_send(subscription, items)
                report["digests"] += 1
                report["entries"] += len(items)
                progress(f"{subscription.user.email}: {len(items)} entries")
                subscription.last_digest_at = started
            subscription.news_since = started
            subscription.save(update_fields=["news_since", "last_digest_at", "updated_at"])
    audit_record(actor=None, action="pipeline_alerts.sent", data=report)
    return report

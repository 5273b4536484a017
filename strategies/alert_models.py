"""Pipeline alerts: what a supplier asked to hear about, which version of each
pipeline entry the service has seen, and what it has sent to whom.

Pipeline entries are rewritten whenever their strategy is published (Wagtail
saves the page's inline rows afresh), so an entry is known here by its strategy
and its key (reference, else title) and a fingerprint of what it says, never
by its row id.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PipelineAlertSubscription(models.Model):
    """One supplier user's alert: the categories, CPV groups and regions they want."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="pipeline_alert_subscription",
    )
    categories = models.ManyToManyField(
        "frameworks.Category", verbose_name=_("categories"), blank=True, related_name="+"
    )
    cpv_divisions = models.JSONField(
        _("CPV divisions"), default=list, blank=True, help_text=_("Two-digit CPV prefixes.")
    )
    regions = models.ManyToManyField(
        "core.Region", verbose_name=_("regions"), blank=True, related_name="+"
    )
    active = models.BooleanField(_("active"), default=True)
    # Entry versions seen after this moment are news to the subscriber: set when
    # they subscribe (so the back catalogue is not mailed) and after each digest.
    news_since = models.DateTimeField(_("news since"))
    last_digest_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("pipeline alert subscription")

    def __str__(self) -> str:
        return f"Pipeline alert for {self.user}"


class PipelineEntryVersion(models.Model):
    """A version of a pipeline entry, first seen when its strategy was published."""

    page = models.ForeignKey(
        "strategies.ProcurementStrategyPage", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "key", "fingerprint"], name="pipeline_entry_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.fingerprint[:8]})"


class PipelineAlertSent(models.Model):
    """One entry version sent in one subscriber's digest: never sent to them again."""

    subscription = models.ForeignKey(
        PipelineAlertSubscription, on_delete=models.CASCADE, related_name="sent"
    )
    page = models.ForeignKey(
        "strategies.ProcurementStrategyPage", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "page", "key", "fingerprint"],
                name="pipeline_alert_sent_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} sent {self.sent_at:%Y-%m-%d}"

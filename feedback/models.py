"""Open feedback from verified buyers about suppliers, with replies and disputes.

Feedback belongs to a relationship — a recorded award or a contract the buyer
declares — and there is one feedback per buyer organisation per relationship.
Its content lives in versions: a later update (say at contract end) is a new
version, moderated on its own, and every published version stays visible as
history. Nothing is deleted: rejected, withdrawn and disputed items keep their
rows and their reasons.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scale import Rating


class ValueBand(models.TextChoices):
    UNDER_10K = "under-10k", _("Under £10,000")
    TO_100K = "10k-100k", _("£10,000 to £100,000")
    TO_1M = "100k-1m", _("£100,000 to £1 million")
    OVER_1M = "over-1m", _("Over £1 million")


class ModerationState(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn by the author")


class RedactionReason(models.TextChoices):
    """Why a moderator took words out; the public notice says which."""

    PERSONAL_DATA = "personal-data", _("Personal data, such as a person's name or phone number")
    COMMERCIAL = "commercial", _("Commercially confidential details")
    BOTH = "both", _("Both personal data and commercially confidential details")


class DisplayMode(models.TextChoices):
    ORGANISATION = "organisation", _("The name of my organisation")
    PSEUDONYM = "pseudonym", _("A description, like 'a council in the North West'")


class DeclaredContract(models.Model):
    """A contract the buyer tells us about. Shown publicly as 'declared'."""

    buyer_organisation = models.ForeignKey(
        "accounts.BuyerOrganisation", on_delete=models.PROTECT, related_name="declared_contracts"
    )
    supplier = models.ForeignKey(
        "suppliers.SupplierOrganisation",
        on_delete=models.PROTECT,
        related_name="declared_contracts",
    )
    reference = models.CharField(_("contract reference"), max_length=100)
    value_band = models.CharField(_("contract value"), max_length=16, choices=ValueBand.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["buyer_organisation", "supplier", "reference"],
                name="declared_contract_unique_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.supplier})"


class Feedback(models.Model):
    buyer_organisation = models.ForeignKey(
        "accounts.BuyerOrganisation", on_delete=models.PROTECT, related_name="feedback"
    )
    supplier = models.ForeignKey(
        "suppliers.SupplierOrganisation", on_delete=models.PROTECT, related_name="feedback"
    )
    listing = models.ForeignKey(
        "listings.Listing", null=True, blank=True, on_delete=models.PROTECT, related_name="feedback"
    )
    award = models.OneToOneField(
        "direct_award.Outcome",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    declared_contract = models.OneToOneField(
        DeclaredContract,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    display_mode = models.CharField(
        _("show my organisation as"),
        max_length=16,
        choices=DisplayMode.choices,
        default=DisplayMode.ORGANISATION,
    )
    pseudonym_region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_illustrative = models.BooleanField(_("illustrative demo feedback"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(award__isnull=False, declared_contract__isnull=True)
                | models.Q(award__isnull=True, declared_contract__isnull=False),
                name="feedback_has_one_relationship",
            )
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.supplier} ({self.pk})"

    @property
    def is_declared(self) -> bool:
        return self.declared_contract_id is not None


def _rating_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, choices=Rating.choices, null=True, blank=True, help_text=_("Empty: not applicable")
    )


class FeedbackVersion(models.Model):
    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(
        max_length=16, choices=ModerationState.choices, default=ModerationState.PENDING
    )
    overall = models.PositiveSmallIntegerField(_("overall"), choices=Rating.choices)
    quality = _rating_field(_("quality of delivery"))
    timeliness = _rating_field(_("timeliness"))
    value = _rating_field(_("value for money"))
    communication = _rating_field(_("communication"))
    social_value = _rating_field(_("social value"))
    would_use_again = models.BooleanField(_("would use them again"), null=True)
    went_well = models.TextField(_("what went well"), blank=True)
    could_be_better = models.TextField(_("what could be better"), blank=True)
    # What the public reads when a moderator redacted personal data or
    # commercial-in-confidence details; the author's words above are kept.
    went_well_public = models.TextField(blank=True)
    could_be_better_public = models.TextField(blank=True)
    redacted = models.BooleanField(default=False)
    # Empty when nothing was redacted, and for redactions made before the
    # moderator was asked why (their notice then gives no reason).
    redaction_reason = models.CharField(
        _("why words were redacted"), max_length=16, choices=RedactionReason.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["feedback", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "number"], name="feedback_version_unique_number"
            )
        ]
        permissions = [("moderate_feedback", _("Can moderate feedback, replies and disputes"))]

    def __str__(self) -> str:
        return f"{self.feedback} version {self.number}"


class SupplierResponse(models.Model):
    """The supplier's one published reply to a feedback, moderated like feedback."""

    feedback = models.OneToOneField(Feedback, on_delete=models.PROTECT, related_name="response")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("your response"))
    state = models.CharField(
        max_length=16, choices=ModerationState.choices, default=ModerationState.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Response to {self.feedback}"


class DisputeOutcome(models.TextChoices):
    OPEN = "open", _("Being considered")
    UPHELD = "upheld", _("Upheld: the feedback was found to be inaccurate")
    NOT_UPHELD = "not-upheld", _("Not upheld: the feedback stands")


class Dispute(models.Model):
    """A supplier's claim that a feedback version is factually inaccurate."""

    version = models.OneToOneField(
        FeedbackVersion, on_delete=models.PROTECT, related_name="dispute"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("what is inaccurate"))
    outcome = models.CharField(
        max_length=16, choices=DisputeOutcome.choices, default=DisputeOutcome.OPEN
    )
    decision = models.TextField(_("moderator's decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Dispute of {self.version}"

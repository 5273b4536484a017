"""Saved searches for direct award, as the Digital Marketplace ran them.

A buyer saves a search into a named project, can re-run it while it is open,
and "ends" it: the result list is frozen with the exact listing versions the
buyer saw, so the shortlist they assess cannot change under them. Then they
record the outcome. An award is the buyer-supplier relationship that lets the
buyer leave feedback.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_RESULTS_TO_END = 100


class Project(models.Model):
    name = models.CharField(_("project name"), max_length=100)
    buyer_organisation = models.ForeignKey(
        "accounts.BuyerOrganisation", on_delete=models.PROTECT, related_name="projects"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name


class SavedSearch(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="searches")
    query_string = models.CharField(_("search"), max_length=2000)
    description = models.CharField(_("what was searched for"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("search ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return f"{self.project}: {self.description}"

    @property
    def is_ended(self) -> bool:
        return self.ended_at is not None


class ShortlistEntry(models.Model):
    """One result frozen when the search ended: the exact version the buyer saw."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.PROTECT, related_name="shortlist"
    )
    position = models.PositiveSmallIntegerField()
    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="+")
    listing_version = models.ForeignKey(
        "listings.ListingVersion", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["saved_search", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "listing"], name="shortlist_listing_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.listing_version.name}"


class OutcomeKind(models.TextChoices):
    AWARDED = "awarded", _("Contract awarded")
    CANCELLED = "cancelled", _("The work was cancelled")
    NONE_SUITABLE = "none-suitable", _("No suitable services")


class Outcome(models.Model):
    saved_search = models.OneToOneField(
        SavedSearch, on_delete=models.PROTECT, related_name="outcome"
    )
    kind = models.CharField(_("outcome"), max_length=16, choices=OutcomeKind.choices)
    awarded_entry = models.ForeignKey(
        ShortlistEntry,
        verbose_name=_("service awarded"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.DecimalField(
        _("contract value (£)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="awarded") | models.Q(awarded_entry__isnull=False),
                name="outcome_award_names_a_service",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def supplier(self):
        return self.awarded_entry.listing.supplier if self.awarded_entry_id else None

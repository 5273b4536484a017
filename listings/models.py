"""Service listings on a framework lot, and every version of them.

A listing is the stable thing buyers link to; its content lives in versions. The
version buyers see (``live_version``) changes only when CCS approves a newer one,
so a supplier can edit a published listing without the public page changing
under a buyer who has shortlisted it. Drafts are edited in place; once submitted,
a version is never changed again, which is the version history.
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .documents import listing_document_path, listing_document_storage
from .vocabulary import (
    ListingStatus,
    OpenStandard,
    PlatformIntegration,
    PriceUnit,
    PricingModel,
    VersionState,
    labels_for,
)

DOCUMENT_TYPES = FileExtensionValidator(["pdf", "odt"])
PUBLIC_STATUSES = (ListingStatus.PUBLISHED,)


class Listing(models.Model):
    supplier = models.ForeignKey(
        "suppliers.SupplierOrganisation",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    lot = models.ForeignKey(
        "frameworks.Lot", verbose_name=_("lot"), on_delete=models.PROTECT, related_name="listings"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ListingStatus.choices,
        default=ListingStatus.DRAFT,
        db_index=True,
    )
    live_version = models.ForeignKey(
        "ListingVersion",
        verbose_name=_("published version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status_reason = models.TextField(_("reason for suspension or withdrawal"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative demo listing"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("service listing")
        verbose_name_plural = _("service listings")
        permissions = [("review_listing", _("Can approve, reject and suspend service listings"))]

    def __str__(self) -> str:
        version = self.live_version or self.latest_version
        return version.name if version else f"Listing {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("listings:detail", kwargs={"pk": self.pk})

    @property
    def latest_version(self) -> "ListingVersion | None":
        return self.versions.order_by("-number").first()

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and self.live_version_id is not None


class ListingVersion(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(
        _("state"), max_length=16, choices=VersionState.choices, default=VersionState.DRAFT
    )

    name = models.CharField(_("service name"), max_length=100)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"))
    features = models.JSONField(_("features"), default=list, blank=True)
    benefits = models.JSONField(_("benefits"), default=list, blank=True)
    categories = models.ManyToManyField(
        "frameworks.Category", verbose_name=_("categories"), related_name="listing_versions"
    )
    serves_whole_uk = models.BooleanField(_("delivered across the whole UK"), default=False)
    regions = models.ManyToManyField(
        "core.Region", verbose_name=_("regions where delivered"), blank=True, related_name="+"
    )
    open_standards = models.JSONField(_("open standards supported"), default=list, blank=True)
    integrations = models.JSONField(_("government platforms"), default=list, blank=True)

    price = models.DecimalField(_("price (£)"), max_digits=12, decimal_places=2)
    price_unit = models.CharField(_("price unit"), max_length=16, choices=PriceUnit.choices)
    pricing_model = models.CharField(
        _("pricing model"), max_length=16, choices=PricingModel.choices
    )
    free_trial = models.BooleanField(_("free trial available"), default=False)
    education_pricing = models.BooleanField(_("education pricing available"), default=False)
    # Documents are stored under random names in storage that has no public
    # address; ``listings.views.listing_document`` serves them to whoever may see
    # this version, under the name the supplier uploaded (kept in ``*_name``).
    service_definition = models.FileField(
        _("service definition document"),
        upload_to=listing_document_path,
        storage=listing_document_storage,
        blank=True,
        validators=[DOCUMENT_TYPES],
    )
    service_definition_name = models.CharField(
        _("service definition file name"), max_length=255, blank=True
    )
    terms = models.FileField(
        _("terms and conditions"),
        upload_to=listing_document_path,
        storage=listing_document_storage,
        blank=True,
        validators=[DOCUMENT_TYPES],
    )
    terms_name = models.CharField(_("terms and conditions file name"), max_length=255, blank=True)
    buy_online = models.BooleanField(_("buyers can pay online by card"), default=False)
    unit_price = models.DecimalField(
        _("unit price for card payments (£)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # What one unit is ("mailbox", "licence", "GB"), and how many a buyer may buy
    # in one card order.
    unit_name = models.CharField(_("unit bought online"), max_length=40, blank=True)
    min_quantity = models.PositiveIntegerField(_("fewest units in one order"), default=1)
    max_quantity = models.PositiveIntegerField(_("most units in one order"), null=True, blank=True)

    # Counts every saved change to the listing's content, carried on from one
    # version to the next, so an edit form opened before any later save is known
    # to be stale (see ``listing_draft_save``).
    revision = models.PositiveIntegerField(_("revision"), default=1)

    # Near-duplicates of the supplier's other listings, found when submitted.
    duplicate_flags = models.JSONField(_("possible duplicates"), default=list, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        ordering = ["listing", "-number"]
        verbose_name = _("listing version")
        verbose_name_plural = _("listing versions")
        constraints = [
            models.UniqueConstraint(fields=["listing", "number"], name="version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.number})"

    @property
    def is_editable(self) -> bool:
        return self.state == VersionState.DRAFT

    @property
    def open_standard_labels(self) -> list[str]:
        return labels_for(OpenStandard, self.open_standards)

    @property
    def integration_labels(self) -> list[str]:
        return labels_for(PlatformIntegration, self.integrations)

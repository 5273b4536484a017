"""Supplier organisations: who they are, how big, where, and how they behave."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .identifiers import organisation_identifier
from .models_choices import SME_BANDS, PartnerRole, PartnershipStatus, SizeBand, VcseType
from .models_guidelines import SupplyChainGuidelinesDeclaration, SupplyChainGuidelinesPage

__all__ = [
    "SME_BANDS",
    "Accreditation",
    "PartnerRole",
    "PartnershipStatus",
    "SizeBand",
    "SupplierInvitation",
    "SupplierOrganisation",
    "SupplyChainGuidelinesDeclaration",
    "SupplyChainGuidelinesPage",
    "SupplyChainPartnership",
    "VcseType",
]

PDF_ONLY = FileExtensionValidator(["pdf"])


class Accreditation(models.Model):
    """A certification buyers ask for, such as Cyber Essentials. Seeded by a migration."""

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")

    def __str__(self) -> str:
        return self.name


class SupplierOrganisation(models.Model):
    name = models.CharField(_("legal name"), max_length=255, unique=True)
    trading_name = models.CharField(_("trading name"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    companies_house_number = models.CharField(_("Companies House number"), max_length=8, blank=True)
    charity_number = models.CharField(_("charity number"), max_length=10, blank=True)
    description = models.TextField(_("about the organisation"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    # The supplier chooses which of its contact details buyers see on its public
    # pages; what is not published stays for CCS and for shortlists only.
    publish_contact_name = models.BooleanField(_("show the contact name to buyers"), default=False)
    publish_contact_email = models.BooleanField(
        _("show the contact e-mail address to buyers"), default=False
    )
    publish_contact_phone = models.BooleanField(
        _("show the contact phone number to buyers"), default=False
    )

    # Size: the declared inputs are kept with the band derived from them.
    staff_headcount = models.PositiveIntegerField(_("staff headcount"), null=True, blank=True)
    turnover = models.DecimalField(
        _("annual turnover (£)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    balance_sheet_total = models.DecimalField(
        _("balance sheet total (£)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    size_band = models.CharField(_("size"), max_length=8, choices=SizeBand.choices, blank=True)
    size_is_illustrative = models.BooleanField(
        _("size is illustrative demo data"),
        default=False,
        help_text=_("Set for demo suppliers whose exact band was derived, not declared."),
    )

    vcse_type = models.CharField(
        _("VCSE type"), max_length=24, choices=VcseType.choices, blank=True
    )
    head_office_postcode = models.CharField(_("head office postcode"), max_length=8, blank=True)
    head_office_region = models.ForeignKey(
        "core.Region",
        verbose_name=_("head office region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    serves_whole_uk = models.BooleanField(_("serves the whole UK"), default=False)
    regions_served = models.ManyToManyField(
        "core.Region", verbose_name=_("regions served"), blank=True, related_name="suppliers"
    )
    profile_is_illustrative = models.BooleanField(
        _("VCSE type and regions are illustrative demo data"), default=False
    )
    accreditations = models.ManyToManyField(
        Accreditation, verbose_name=_("accreditations"), blank=True, related_name="suppliers"
    )

    # Social value commitments.
    real_living_wage_employer = models.BooleanField(
        _("accredited Real Living Wage employer"), default=False
    )
    offers_apprenticeships = models.BooleanField(_("offers apprenticeships"), default=False)
    carbon_reduction_plan_url = models.URLField(_("carbon reduction plan"), blank=True)

    code_of_conduct_url = models.URLField(_("code of conduct (link)"), blank=True)
    code_of_conduct_file = models.FileField(
        _("code of conduct (PDF)"),
        upload_to="suppliers/code-of-conduct/",
        blank=True,
        validators=[PDF_ONLY],
    )

    verified = models.BooleanField(_("verified by CCS"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier organisation")
        verbose_name_plural = _("supplier organisations")

    def __str__(self) -> str:
        return self.trading_name or self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.trading_name or self.name

    @property
    def is_sme(self) -> bool:
        return self.size_band in SME_BANDS

    @property
    def is_vcse(self) -> bool:
        return bool(self.vcse_type)

    @property
    def identifier(self) -> str:
        """A stable org-id.guide identifier such as GB-COH-01234567."""
        return organisation_identifier(
            company_number=self.companies_house_number, charity_number=self.charity_number
        )

    @property
    def published_contact_email(self) -> str:
        """The e-mail address buyers may see, or "" when it is not published."""
        return self.contact_email if self.publish_contact_email else ""

    @property
    def has_carbon_reduction_plan(self) -> bool:
        return bool(self.carbon_reduction_plan_url)


class SupplyChainPartnership(models.Model):
    """One supplier's statement that it works with another.

    The declaring supplier proposes it; it is published on both profiles only once
    a user of the partner organisation confirms it. The partner may decline, the
    proposer may withdraw it before an answer, and either may end a confirmed one.
    Nothing is deleted: a partnership that stops being current keeps its status,
    who stopped it and when (``ended_at``, ``ended_by``) as history.
    """

    supplier = models.ForeignKey(
        SupplierOrganisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    partner = models.ForeignKey(
        SupplierOrganisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="partnerships_as_partner",
    )
    role = models.CharField(_("their role"), max_length=16, choices=PartnerRole.choices)
    statement = models.TextField(_("how we work together"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.PROPOSED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Null only for partnerships recorded before proposals were tracked.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("confirmed or declined"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or declined by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("supply-chain partnership")
        verbose_name_plural = _("supply-chain partnerships")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(supplier=models.F("partner")),
                name="partnership_not_with_self",
            ),
            # Declined, withdrawn and ended partnerships all record when they
            # stopped, so "current" is simply "not ended".
            models.UniqueConstraint(
                fields=["supplier", "partner", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="partnership_unique_while_current",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["proposed", "confirmed"], ended_at__isnull=True)
                | (
                    ~models.Q(status__in=["proposed", "confirmed"])
                    & models.Q(ended_at__isnull=False)
                ),
                name="partnership_ended_when_not_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} - {self.partner} ({self.get_role_display()})"

    @property
    def is_proposed(self) -> bool:
        return self.status == PartnershipStatus.PROPOSED

    @property
    def is_confirmed(self) -> bool:
        return self.status == PartnershipStatus.CONFIRMED


class SupplierInvitation(models.Model):
    """An invitation for a teammate to join a supplier organisation."""

    supplier = models.ForeignKey(
        SupplierOrganisation, on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("supplier invitation")
        verbose_name_plural = _("supplier invitations")

    def __str__(self) -> str:
        return f"{self.email} to {self.supplier}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None

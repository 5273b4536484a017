"""Buying organisations, their frameworks and lots, and the category taxonomy
that lots map onto; and the desired future of each framework (the desired map)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from treebeard.mp_tree import MP_Node

from marketplace.accounts.models import BuyerSector
from marketplace.core.money import money_text

from .names import organisation_name_key


class BuyingOrganisationType(models.TextChoices):
    CENTRAL = "central", _("Central purchasing body")
    REGIONAL = "regional", _("Regional or devolved purchasing body")
    LOCAL = "local", _("Local authority or consortium")
    HEALTH = "health", _("Health purchasing body")


class BuyingOrganisation(models.Model):
    """An organisation that runs frameworks, such as CCS, ESPO or YPO."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    # The name reduced so that spellings of one organisation agree (frameworks.names);
    # unique, so "Avon and Somerset Police (SWOne)" cannot join "Avon and Somerset Police".
    name_key = models.CharField(_("name for matching"), max_length=255, editable=False)
    abbreviation = models.CharField(_("short name"), max_length=32, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    organisation_type = models.CharField(
        _("type"), max_length=16, choices=BuyingOrganisationType.choices
    )
    sectors_served = models.JSONField(
        _("sectors served"), default=list, blank=True, help_text=_("Buyer sector codes.")
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("buying organisation")
        verbose_name_plural = _("buying organisations")
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="buying_organisation_unique_name_key")
        ]

    def __str__(self) -> str:
        return self.abbreviation or self.name

    def save(self, *args, **kwargs):
        self.name_key = organisation_name_key(self.name)
        if not self.slug:
            self.slug = slugify(self.abbreviation or self.name)[:100]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.name_key = organisation_name_key(self.name)
        same = BuyingOrganisation.objects.filter(name_key=self.name_key).exclude(pk=self.pk).first()
        if same is not None:
            raise ValidationError(
                {
                    "name": _(
                        "“%(name)s” is already a buying organisation: this is the same name "
                        "written differently. Use that one, or give this one a name that "
                        "tells them apart"
                    )
                    % {"name": same.name}
                }
            )


class FrameworkStatus(models.TextChoices):
    COMING = "coming", _("Coming")
    OPEN = "open", _("Open for applications")
    PENDING = "pending", _("Evaluating applications")
    STANDSTILL = "standstill", _("Standstill")
    LIVE = "live", _("Live")
    EXPIRED = "expired", _("Expired")


class RouteToMarket(models.TextChoices):
    DIRECT_AWARD = "direct-award", _("Direct award")
    FURTHER_COMPETITION = "further-competition", _("Further competition")
    BOTH = "both", _("Direct award or further competition")


class Disposition(models.TextChoices):
    """What CCS intends for a framework in the desired map."""

    RETAIN = "retain", _("Retain")
    MERGE = "merge", _("Merge into another framework")
    REPLACE = "replace", _("Replace with a planned framework")
    RETIRE = "retire", _("Retire")


class Framework(ClusterableModel):
    reference = models.CharField(_("reference"), max_length=32, blank=True)
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    owner = models.ForeignKey(
        BuyingOrganisation,
        verbose_name=_("buying organisation"),
        on_delete=models.PROTECT,
        related_name="frameworks",
    )
    sectors = models.JSONField(
        _("sectors that may use it"), default=list, blank=True, help_text=_("Buyer sector codes.")
    )
    description = models.TextField(
        _("what you can buy"), blank=True, help_text=_("Plain English, for non-technical buyers.")
    )
    how_to_buy = models.TextField(_("how to buy"), blank=True)
    route_to_market = models.CharField(
        _("route to market"), max_length=24, choices=RouteToMarket.choices, blank=True
    )
    # Kept for what the dates cannot say (see frameworks.lifecycle): the status of
    # a framework with no dates yet, such as a planned one, and whether one between
    # applications closing and going live is being evaluated or in standstill.
    status = models.CharField(
        _("status when the dates cannot tell"),
        max_length=16,
        choices=FrameworkStatus.choices,
        default=FrameworkStatus.LIVE,
        help_text=_(
            "The service works the status out from the dates below. This is used only "
            "for a framework without dates yet, and to say whether one whose "
            "applications have closed is being evaluated or in standstill."
        ),
    )
    planned = models.BooleanField(
        _("planned"),
        default=False,
        help_text=_("Not procured yet: it appears only in the desired map."),
    )
    applications_open = models.DateField(_("applications open"), null=True, blank=True)
    applications_close = models.DateField(_("applications close"), null=True, blank=True)
    live_from = models.DateField(_("live from"), null=True, blank=True)
    expires = models.DateField(_("expires"), null=True, blank=True)
    previous_iteration = models.ForeignKey(
        "self",
        verbose_name=_("previous iteration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_iterations",
    )
    disposition = models.CharField(
        _("future"), max_length=16, choices=Disposition.choices, default=Disposition.RETAIN
    )
    disposition_target = models.ForeignKey(
        "self",
        verbose_name=_("merge into or replace with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="absorbs",
    )
    disposition_rationale = models.TextField(_("why"), blank=True)
    disposition_date = models.DateField(_("target date"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"], name="framework_unique_name_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        needs_target = self.disposition in {Disposition.MERGE, Disposition.REPLACE}
        if needs_target and self.disposition_target is None:
            raise ValidationError(
                {
                    "disposition_target": _(
                        "Choose the framework this one merges into or is replaced by"
                    )
                }
            )
        if self.disposition_target_id and self.disposition_target_id == self.pk:
            raise ValidationError({"disposition_target": _("A framework cannot merge into itself")})
        if self.live_from and self.expires and self.expires < self.live_from:
            raise ValidationError({"expires": _("The expiry date must be after the live date")})

    @property
    def current_status(self) -> FrameworkStatus:
        """The status today, from the dates (frameworks.lifecycle)."""
        from .lifecycle import framework_status

        return framework_status(framework=self)

    @property
    def current_status_label(self) -> str:
        return str(self.current_status.label)

    @property
    def next_iteration(self):
        return self.next_iterations.order_by("live_from").first()


class Lot(ClusterableModel):
    framework = ParentalKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="lots"
    )
    number = models.CharField(_("lot number"), max_length=8)
    slug = models.SlugField(_("slug"), max_length=100)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    max_categories = models.PositiveSmallIntegerField(
        _("most categories a service may choose"), null=True, blank=True
    )
    categories = ParentalManyToManyField(
        "Category", verbose_name=_("categories"), blank=True, related_name="lots"
    )

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="lot_unique_slug"),
            models.UniqueConstraint(fields=["framework", "number"], name="lot_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.framework.name}: Lot {self.number} {self.name}"


class Category(MP_Node):
    """A node in the category taxonomy. Searching by a parent includes its children,
    which the materialised path makes a prefix match."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    cpv_codes = models.JSONField(_("CPV codes"), default=list, blank=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class FrameworkUsage(models.Model):
    """Spend through a framework by buyer sector over a period, from published data."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="usage"
    )
    sector = models.CharField(_("buyer sector"), max_length=32, choices=BuyerSector.choices)
    period = models.CharField(_("period"), max_length=100)
    spend_pence = models.BigIntegerField(_("spend in pence"))
    transactions = models.PositiveIntegerField(_("invoice lines"))
    source = models.CharField(_("source"), max_length=255)

    class Meta:
        ordering = ["framework", "-spend_pence"]
        verbose_name = _("framework usage")
        verbose_name_plural = _("framework usage")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "sector", "period"], name="usage_unique_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework}: {self.get_sector_display()}, {self.period}"

    @property
    def spend(self) -> str:
        """The spend in pounds as people read it: £172,007,797.58."""
        return money_text(Decimal(self.spend_pence) / 100, pence="always")

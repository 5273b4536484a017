"""Pipeline entries: the planned procurements of a strategy, an inline
(ParentalKey) on the strategy page, so every revision carries its pipeline."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from ..querysets import PipelineEntryQuerySet
from ..values import ValueBand, value_band


class RouteToMarket(models.TextChoices):
    FRAMEWORK = "framework", _("Call-off from a framework")
    OPEN = "open", _("Open procedure")
    UNDECIDED = "undecided", _("Not decided yet")


class Confidence(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class PipelineStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROCUREMENT = "in-procurement", _("In procurement")
    AWARDED = "awarded", _("Awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PipelineEntry(ClusterableModel, Orderable):
    """One planned procurement: the fields of a Procurement Act 2023 pipeline notice."""

    page = ParentalKey(
        "strategies.ProcurementStrategyPage",
        on_delete=models.CASCADE,
        related_name="pipeline_entries",
    )
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("Your own reference. It links this entry to the same one in other years."),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    categories = ParentalManyToManyField(
        "frameworks.Category", verbose_name=_("categories"), blank=True, related_name="+"
    )
    cpv_codes = models.JSONField(
        _("CPV codes"), default=list, blank=True, help_text=_("Eight-digit codes.")
    )
    value_amount = models.DecimalField(
        _("estimated value (£)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    value_band = models.CharField(
        _("estimated value band"),
        max_length=16,
        choices=ValueBand.choices,
        blank=True,
        help_text=_("Set from the amount when there is one."),
    )
    procurement_start = models.DateField(_("estimated procurement start"), null=True, blank=True)
    contract_start = models.DateField(_("estimated contract start"), null=True, blank=True)
    route_to_market = models.CharField(
        _("route to market"),
        max_length=16,
        choices=RouteToMarket.choices,
        default=RouteToMarket.UNDECIDED,
    )
    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    regions = ParentalManyToManyField(
        "core.Region", verbose_name=_("delivery regions"), blank=True, related_name="+"
    )
    suitable_for_sme = models.BooleanField(_("suitable for SMEs"), default=False)
    suitable_for_vcse = models.BooleanField(_("suitable for VCSEs"), default=False)
    confidence = models.CharField(
        _("confidence"), max_length=8, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PipelineStatus.choices, default=PipelineStatus.PLANNED
    )
    source_id = models.CharField(
        _("source identifier"),
        max_length=64,
        blank=True,
        help_text=_("Set by imports (such as a Contracts Finder notice id) so re-imports update."),
    )

    panels = [
        FieldPanel("reference"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("categories"),
        FieldPanel("cpv_codes"),
        FieldRowPanel([FieldPanel("value_amount"), FieldPanel("value_band")]),
        FieldRowPanel([FieldPanel("procurement_start"), FieldPanel("contract_start")]),
        MultiFieldPanel(
            [FieldPanel("route_to_market"), FieldPanel("framework")], heading=_("Route to market")
        ),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("suitable_for_sme"), FieldPanel("suitable_for_vcse")]),
        FieldRowPanel([FieldPanel("confidence"), FieldPanel("status")]),
    ]

    objects = PipelineEntryQuerySet.as_manager()

    # The page's own reference-index entry already follows its pipeline entries;
    # indexing each entry again on every publish made imports three times slower.
    wagtail_reference_index_ignore = True

    class Meta(Orderable.Meta):
        verbose_name = _("pipeline entry")
        verbose_name_plural = _("pipeline entries")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.route_to_market != RouteToMarket.FRAMEWORK and self.framework_id:
            raise ValidationError(
                {"framework": _("Only name a framework when the route to market is a framework")}
            )
        if (
            self.procurement_start
            and self.contract_start
            and self.contract_start < self.procurement_start
        ):
            raise ValidationError(
                {"contract_start": _("The contract cannot start before the procurement")}
            )

    def save(self, *args, **kwargs):
        # The band follows the amount; without an amount the editor's band stands.
        if self.value_amount is not None:
            self.value_band = value_band(self.value_amount)
        super().save(*args, **kwargs)

    @property
    def key(self) -> str:
        """What identifies this entry across years: its reference, else its title."""
        return (self.reference or " ".join(self.title.split())).casefold()

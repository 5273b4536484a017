"""Annual procurement strategies as Wagtail pages.

The tree is: the strategies index (one) → one index per buying organisation →
one strategy page per financial year. Editors' page permissions sit on the
organisation's index, so they can edit only their own organisation's strategies.

Pipeline entries are an inline (ParentalKey) on the strategy page, so every
revision carries its pipeline: publishing keeps the published pipeline with the
revision, and the comparison reads one year's page against another's.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from frameworks.models import BuyingOrganisation

from .blocks import StrategySectionsBlock
from .values import ValueBand, financial_year_label, value_band

# The illustrative strategies of later years are derived from those of this year,
# which come from a real pipeline.
ILLUSTRATIVE_SOURCE_YEAR = 2014


class StrategyIndexPage(Page):
    """/strategies/: every organisation's strategies, and the archive by year."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["strategies.OrganisationStrategyIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("strategies index")

    def get_context(self, request, *args, **kwargs):
        from .selectors import strategy_archive, strategy_organisations

        context = super().get_context(request, *args, **kwargs)
        context["archive"] = strategy_archive()
        context["organisations"] = strategy_organisations()
        return context


class OrganisationStrategyIndexPage(Page):
    """One buying organisation's strategies. Its editors' group has page
    permissions here, and so only on this organisation's strategies."""

    organisation = models.OneToOneField(
        BuyingOrganisation,
        verbose_name=_("buying organisation"),
        on_delete=models.PROTECT,
        related_name="strategy_index",
    )
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("organisation"), FieldPanel("introduction")]
    parent_page_types = ["strategies.StrategyIndexPage"]
    subpage_types = ["strategies.ProcurementStrategyPage"]

    class Meta:
        verbose_name = _("organisation's strategies")

    def clean(self):
        super().clean()
        from .urls import RESERVED_SLUGS

        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by the service; choose another")
                    % {"slug": self.slug}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from .selectors import strategy_list

        context = super().get_context(request, *args, **kwargs)
        context["strategies"] = strategy_list(organisation=self.organisation)
        return context


class ProcurementStrategyPageForm(WagtailAdminPageForm):
    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        # The organisation comes from where the page sits, never from the editor,
        # so an editor cannot file a strategy under another organisation.
        parent = parent_page.specific if parent_page is not None else None
        if isinstance(parent, OrganisationStrategyIndexPage) and not self.instance.organisation_id:
            self.instance.organisation = parent.organisation


class ProcurementStrategyPage(Page):
    organisation = models.ForeignKey(
        BuyingOrganisation,
        verbose_name=_("buying organisation"),
        on_delete=models.PROTECT,
        related_name="strategies",
    )
    financial_year = models.PositiveSmallIntegerField(
        _("financial year"),
        help_text=_("The year the financial year starts: 2026 means April 2026 to March 2027."),
    )
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Demonstration content derived from real data, not a real publication."),
    )
    sections = StreamField(StrategySectionsBlock(), verbose_name=_("sections"), blank=True)

    base_form_class = ProcurementStrategyPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("financial_year"),
        FieldPanel("illustrative"),
        FieldPanel("sections"),
        InlinePanel("pipeline_entries", heading=_("Pipeline"), label=_("Planned procurement")),
    ]
    parent_page_types = ["strategies.OrganisationStrategyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("procurement strategy")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "financial_year"],
                name="strategy_unique_per_organisation_and_year",
            )
        ]

    @property
    def financial_year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def illustrative_notice(self) -> str:
        """What an illustrative strategy says about itself wherever it is shown."""
        if self.financial_year <= ILLUSTRATIVE_SOURCE_YEAR:
            return _(
                "This strategy is illustrative. It was made for this demonstration from a "
                "real 2014 Contracts Finder pipeline. Its contacts and what it says it will "
                "build or buy are invented, and the organisation did not publish it."
            )
        return _(
            "This strategy is illustrative. It was made for this demonstration by changing "
            "the organisation's illustrative 2014 to 2015 strategy (values, dates, entries "
            "and contacts are invented); the organisation did not publish it."
        )

    def clean(self):
        super().clean()
        if self.organisation_id is None and self.path:
            parent = self.get_parent().specific
            if isinstance(parent, OrganisationStrategyIndexPage):
                self.organisation = parent.organisation
        if self.organisation_id is None or self.financial_year is None:
            return
        clash = ProcurementStrategyPage.objects.filter(
            organisation_id=self.organisation_id, financial_year=self.financial_year
        ).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError(
                {
                    "financial_year": _(
                        "%(organisation)s already has a strategy for %(year)s. "
                        "Each organisation publishes one strategy a financial year: "
                        "edit that one instead."
                    )
                    % {"organisation": self.organisation, "year": self.financial_year_label}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from .presenters import strategy_context

        context = super().get_context(request, *args, **kwargs)
        context.update(strategy_context(self))
        return context


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
        ProcurementStrategyPage, on_delete=models.CASCADE, related_name="pipeline_entries"
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


# Pipeline alerts live in their own module; imported here so Django finds them.
from .alert_models import (  # noqa: E402, F401
    PipelineAlertSent,
    PipelineAlertSubscription,
    PipelineEntryVersion,
)

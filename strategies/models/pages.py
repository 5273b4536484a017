"""Annual procurement strategies as Wagtail pages.

The tree is: the strategies index (one) → one index per buying organisation →
one strategy page per financial year. Editors' page permissions sit on the
organisation's index, so they can edit only their own organisation's strategies.

Pipeline entries are an inline (ParentalKey) on the strategy page, so every
revision carries its pipeline: publishing keeps the published pipeline with the
revision, and the comparison reads one year's page against another's.

The indexes serve their sub-pages (the pipeline search, the comparison...)
through RoutablePageMixin routes, so Wagtail answers every /strategies/ address
without dots and the routes themselves say which slugs a child may not take.
The routes hand page_views what to show: it, and everything these pages call,
imports no page, so the app's modules import one way only. The downloads, whose
addresses end in a file extension, are Django views (urls.py, views.py).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager

from frameworks.models import BuyingOrganisation
from marketplace.accounts.access import public, supplier_required

from .. import alert_views, page_views, presenters
from ..blocks import StrategySectionsBlock
from ..comparison import EntryFacts, StrategyFacts
from ..querysets import OrganisationIndexQuerySet, StrategyPageQuerySet
from ..values import financial_year_label
from .pipeline import PipelineEntry

# The illustrative strategies of later years are derived from those of this year,
# which come from a real pipeline.
ILLUSTRATIVE_SOURCE_YEAR = 2014


class SubPagesMixin(RoutablePageMixin):
    """A page's sub-pages (its routes): their addresses, and the slugs they
    keep from its children."""

    def routes_path(self, slug: str) -> bool:
        """Whether a sub-page answers /<slug>/ here: it would hide a child page
        of that slug, as routes come before children."""
        try:
            self.resolve_subpage(f"/{slug}/")
        except Http404:
            return False
        return True

    def route_url(self, name: str) -> str:
        """The address of one of the sub-pages, for links."""
        return (self.url or "/") + self.reverse_subpage(name).lstrip("/")


class StrategyIndexPage(SubPagesMixin, Page):
    """/strategies/: every organisation's strategies, and the archive by year;
    its sub-pages search every published pipeline."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["strategies.OrganisationStrategyIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("strategies index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["archive"] = presenters.strategies_by_year(
            ProcurementStrategyPage.objects.published().order_by(
                "-financial_year", "organisation__name"
            )
        )
        context["organisations"] = OrganisationStrategyIndexPage.objects.published()
        return context

    @path("pipeline/", name="pipeline")
    @method_decorator(public)
    def pipeline_search(self, request):
        return page_views.pipeline_search(
            request,
            template="strategies/pipeline_search.html",
            entries=PipelineEntry.objects.published(),
            years=ProcurementStrategyPage.objects.published(),
        )

    @path("opportunities/", name="opportunities")
    @method_decorator(public)
    def small_supplier_opportunities(self, request):
        return page_views.pipeline_search(
            request,
            template="strategies/opportunities.html",
            entries=PipelineEntry.objects.published().for_small_suppliers(),
            years=ProcurementStrategyPage.objects.published(),
        )

    @path("data/", name="open-data")
    @method_decorator(public)
    def open_data(self, request):
        return page_views.open_data_index(request)

    @path("alerts/", name="alerts")
    @method_decorator(supplier_required)
    def pipeline_alerts(self, request):
        return alert_views.pipeline_alerts(request, pipeline_url=self.route_url("pipeline"))


class OrganisationStrategyIndexPage(SubPagesMixin, Page):
    """One buying organisation's strategies. Its editors' group has page
    permissions here, and so only on this organisation's strategies. Its
    sub-page compares two of its years."""

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

    objects = PageManager.from_queryset(OrganisationIndexQuerySet)()

    class Meta:
        verbose_name = _("organisation's strategies")

    def clean(self):
        super().clean()
        parent = self.get_parent().specific if self.path else None
        if isinstance(parent, StrategyIndexPage) and parent.routes_path(self.slug):
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by the service; choose another")
                    % {"slug": self.slug}
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["strategies"] = ProcurementStrategyPage.objects.of_organisation(self.organisation)
        return context

    @path("compare/", name="compare")
    @method_decorator(public)
    def comparison(self, request):
        return page_views.strategy_comparison(
            request,
            index=self,
            strategies=ProcurementStrategyPage.objects.of_organisation(self.organisation),
        )


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

    objects = PageManager.from_queryset(StrategyPageQuerySet)()

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
        context = super().get_context(request, *args, **kwargs)
        previous = (
            ProcurementStrategyPage.objects.published()
            .filter(organisation_id=self.organisation_id, financial_year__lt=self.financial_year)
            .order_by("-financial_year")
            .first()
        )
        entries = list(PipelineEntry.objects.of_strategy(self))
        context.update(presenters.strategy_context(self, entries=entries, previous=previous))
        return context

    def comparison_facts(self) -> StrategyFacts:
        """What the year-on-year comparison compares: the categories it will
        build and buy, and its pipeline entries."""
        entries = self.pipeline_entries.only("reference", "title", "value_amount")
        return StrategyFacts(
            year=self.financial_year,
            build=self._intention_categories("build"),
            buy=self._intention_categories("buy"),
            entries=tuple(
                EntryFacts(key=entry.key, title=entry.title, value=entry.value_amount)
                for entry in entries
            ),
        )

    def _intention_categories(self, kind: str) -> frozenset[str]:
        names = set()
        for block in self.sections:
            if block.block_type == kind:
                for item in block.value:
                    names.update(category.name for category in item["categories"] if category)
        return frozenset(names)

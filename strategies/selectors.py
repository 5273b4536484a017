"""Reads for the strategy pages and the public pipeline views. Only live, public
pages are read here: drafts and pages in moderation never reach the public."""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from frameworks.models import BuyingOrganisation

from .comparison import EntryFacts, StrategyFacts
from .models import OrganisationStrategyIndexPage, PipelineEntry, ProcurementStrategyPage


def strategy_published() -> QuerySet[ProcurementStrategyPage]:
    return ProcurementStrategyPage.objects.live().public().select_related("organisation")


def strategy_list(*, organisation: BuyingOrganisation) -> QuerySet[ProcurementStrategyPage]:
    return (
        strategy_published()
        .filter(organisation=organisation)
        .annotate(entry_count=Count("pipeline_entries"))
        .order_by("-financial_year")
    )


def strategy_archive() -> list[tuple[int, list[ProcurementStrategyPage]]]:
    """Published strategies grouped by financial year, newest year first."""
    by_year: dict[int, list[ProcurementStrategyPage]] = defaultdict(list)
    for strategy in strategy_published().order_by("-financial_year", "organisation__name"):
        by_year[strategy.financial_year].append(strategy)
    return list(by_year.items())


def strategy_organisations() -> QuerySet[OrganisationStrategyIndexPage]:
    return (
        OrganisationStrategyIndexPage.objects.live()
        .public()
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisation_index_get(*, slug: str) -> OrganisationStrategyIndexPage:
    return strategy_organisations().get(slug=slug)


def strategy_get(*, organisation_slug: str, year_slug: str) -> ProcurementStrategyPage:
    index = organisation_index_get(slug=organisation_slug)
    return strategy_published().child_of(index).get(slug=year_slug)


def pipeline_entry_list() -> QuerySet[PipelineEntry]:
    """Entries of published strategies, with what the tables and files show."""
    return (
        PipelineEntry.objects.filter(page__in=strategy_published())
        .select_related("page", "page__organisation", "framework")
        .prefetch_related("categories", "regions")
        .order_by("procurement_start", "page__organisation__name", "title", "pk")
    )


def pipeline_entries_for(*, strategy: ProcurementStrategyPage) -> QuerySet[PipelineEntry]:
    return (
        PipelineEntry.objects.filter(page=strategy)
        .select_related("framework")
        .prefetch_related("categories", "regions")
        .order_by("sort_order", "pk")
    )


def small_supplier_opportunities() -> QuerySet[PipelineEntry]:
    """Planned work the buyer says suits SMEs or VCSEs and is not yet awarded."""
    return pipeline_entry_list().filter(
        Q(suitable_for_sme=True) | Q(suitable_for_vcse=True),
        status__in=["planned", "in-procurement"],
    )


def _intention_categories(strategy: ProcurementStrategyPage, kind: str) -> frozenset[str]:
    names = set()
    for block in strategy.sections:
        if block.block_type == kind:
            for item in block.value:
                names.update(category.name for category in item["categories"] if category)
    return frozenset(names)


def strategy_facts(*, strategy: ProcurementStrategyPage) -> StrategyFacts:
    entries = PipelineEntry.objects.filter(page=strategy).only("reference", "title", "value_amount")
    return StrategyFacts(
        year=strategy.financial_year,
        build=_intention_categories(strategy, "build"),
        buy=_intention_categories(strategy, "buy"),
        entries=tuple(
            EntryFacts(key=entry.key, title=entry.title, value=entry.value_amount)
            for entry in entries
        ),
    )

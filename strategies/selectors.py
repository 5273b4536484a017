"""Reads for the strategy pages and the public pipeline views. Only live, public
pages are read here (drafts and pages in moderation never reach the public),
except strategy_index_get, the tree's root, which the services build under."""

from collections.abc import Callable

from django.db.models import QuerySet

from frameworks.models import BuyingOrganisation, Category

from .comparison import StrategyFacts
from .models import (
    OrganisationStrategyIndexPage,
    PipelineEntry,
    ProcurementStrategyPage,
    StrategyIndexPage,
)
from .presenters import strategies_by_year


def strategy_index_get() -> StrategyIndexPage | None:
    return StrategyIndexPage.objects.first()


def strategy_published() -> QuerySet[ProcurementStrategyPage]:
    return ProcurementStrategyPage.objects.published()


def strategy_list(*, organisation: BuyingOrganisation) -> QuerySet[ProcurementStrategyPage]:
    return ProcurementStrategyPage.objects.of_organisation(organisation)


def strategy_archive() -> list[tuple[int, list[ProcurementStrategyPage]]]:
    """Published strategies grouped by financial year, newest year first."""
    return strategies_by_year(
        strategy_published().order_by("-financial_year", "organisation__name")
    )


def strategy_organisations() -> QuerySet[OrganisationStrategyIndexPage]:
    return OrganisationStrategyIndexPage.objects.published()


def organisation_index_get(*, slug: str) -> OrganisationStrategyIndexPage:
    return strategy_organisations().get(slug=slug)


def strategy_get(*, organisation_slug: str, year_slug: str) -> ProcurementStrategyPage:
    index = organisation_index_get(slug=organisation_slug)
    return strategy_published().child_of(index).get(slug=year_slug)


def strategy_route_url(*, name: str) -> str:
    """The address of a sub-page of the strategies index (such as "pipeline" or
    "alerts"), for links from pages and e-mails that are not under it."""
    index = strategy_index_get()
    if index is None:
        raise RuntimeError("The strategies index page is missing; run migrate.")
    return index.route_url(name)


def pipeline_entry_list() -> QuerySet[PipelineEntry]:
    """Entries of published strategies, with what the tables and files show."""
    return PipelineEntry.objects.published()


def pipeline_entries_for(*, strategy: ProcurementStrategyPage) -> QuerySet[PipelineEntry]:
    return PipelineEntry.objects.of_strategy(strategy)


def small_supplier_opportunities() -> QuerySet[PipelineEntry]:
    """Planned work the buyer says suits SMEs or VCSEs and is not yet awarded."""
    return PipelineEntry.objects.published().for_small_suppliers()


def strategy_facts(*, strategy: ProcurementStrategyPage) -> StrategyFacts:
    return strategy.comparison_facts()


def cpv_category_matcher() -> Callable[[list[str]], list[Category]]:
    """A function from CPV codes to the framework map's categories whose own CPV
    codes are their closest ancestors. The categories are read once, here, so
    an import can match thousands of rows without a query each."""
    prefixes: list[tuple[str, Category]] = []
    for category in Category.objects.exclude(cpv_codes=[]):
        for code in category.cpv_codes:
            digits = code.split("-")[0].rstrip("0")
            if len(digits) >= 2:
                prefixes.append((digits, category))

    def match(codes: list[str]) -> list[Category]:
        best: dict[int, Category] = {}
        for code in codes:
            hits = [(len(p), c) for p, c in prefixes if code.startswith(p)]
            if hits:
                longest = max(length for length, _category in hits)
                best.update({c.pk: c for length, c in hits if length == longest})
        return list(best.values())

    return match

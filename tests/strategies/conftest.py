"""Hand-built strategies: two organisations, each with an editors' group, and
strategies with pipelines, created through the services the importer uses."""

from datetime import date
from decimal import Decimal

import pytest

from frameworks.models import Category
from marketplace.core.models import Region
from strategies.models import PipelineEntry, ProcurementStrategyPage
from strategies.services import PlannedEntry, organisation_strategy_index_ensure, strategy_save
from strategies.values import value_band
from tests.factories import BuyingOrganisationFactory


def entry(title, value=None, *, reference="", categories=(), regions=(), **fields):
    item = PipelineEntry(
        title=title,
        reference=reference,
        value_amount=None if value is None else Decimal(value),
        **fields,
    )
    item.value_band = value_band(item.value_amount)
    return PlannedEntry(item, list(categories), list(Region.objects.filter(code__in=regions)))


def sections(*, build=(), buy=()):
    """A StreamField value with summary, build and buy sections on the given categories."""
    stream = [("summary", "<p>We will spend less on bespoke software.</p>")]
    if build:
        stream.append(("build", [{"title": "Build", "description": "", "categories": list(build)}]))
    if buy:
        stream.append(("buy", [{"title": "Buy", "description": "", "categories": list(buy)}]))
    return stream


def make_strategy(organisation, year, entries, *, build=(), buy=()) -> ProcurementStrategyPage:
    page, _ = strategy_save(organisation=organisation, financial_year=year, entries=entries)
    if build or buy:
        page = page.get_latest_revision_as_object()
        page.sections = sections(build=build, buy=buy)
        page.save_revision().publish()
    return ProcurementStrategyPage.objects.get(pk=page.pk)


@pytest.fixture
def categories(db):
    hosting = Category.add_root(name="Cloud hosting", slug="cloud-hosting", cpv_codes=["72317000"])
    software = Category.add_root(name="Cloud software", slug="cloud-software")
    support = Category.add_root(name="Cloud support", slug="cloud-support")
    return {"hosting": hosting, "software": software, "support": support}


@pytest.fixture
def organisations(db):
    alpha = BuyingOrganisationFactory(name="Alpha Purchasing", slug="alpha")
    beta = BuyingOrganisationFactory(name="Beta Purchasing", slug="beta")
    organisation_strategy_index_ensure(organisation=alpha)
    organisation_strategy_index_ensure(organisation=beta)
    return alpha, beta


@pytest.fixture
def strategies(organisations, categories):
    """Alpha in two years (hosting moves from build to buy), Beta in one."""
    alpha, beta = organisations
    earlier = make_strategy(
        alpha,
        2025,
        [
            entry("Hosting move", "1500000", reference="A-1", regions=["TLI"]),
            entry("Helpdesk", "90000", reference="A-2", suitable_for_sme=True),
        ],
        build=[categories["hosting"]],
        buy=[categories["software"]],
    )
    later = make_strategy(
        alpha,
        2026,
        [
            entry(
                "Hosting move",
                "2500000",
                reference="A-1",
                regions=["TLI", "TLJ"],
                categories=[categories["hosting"]],
                procurement_start=date(2026, 6, 1),
                contract_start=date(2027, 1, 1),
            ),
            entry(
                "Data platform",
                "400000",
                reference="A-3",
                suitable_for_sme=True,
                suitable_for_vcse=True,
                regions=["TLM"],
                categories=[categories["software"]],
                procurement_start=date(2026, 9, 1),
            ),
        ],
        build=[categories["support"]],
        buy=[categories["hosting"], categories["software"]],
    )
    other = make_strategy(
        beta,
        2026,
        [
            entry(
                "Community transport booking",
                "60000",
                suitable_for_vcse=True,
                regions=["TLD"],
                procurement_start=date(2026, 5, 1),
            )
        ],
    )
    return {"earlier": earlier, "later": later, "other": other}

"""One strategy per organisation and financial year, in the page's clean() and
in the database; and the pipeline entry's own rules."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategies.models import PipelineEntry, ProcurementStrategyPage, RouteToMarket
from strategies.services import strategy_save
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db


def second_page(strategy, **changes):
    fields = {
        "title": "Another strategy",
        "slug": "another",
        "organisation": strategy.organisation,
        "financial_year": strategy.financial_year,
        **changes,
    }
    return ProcurementStrategyPage(**fields)


def test_a_second_strategy_for_the_same_organisation_and_year_is_refused_clearly(strategies):
    page = second_page(strategies["later"])

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert error.value.message_dict["financial_year"] == [
        "Alpha Purchasing already has a strategy for 2026 to 2027. Each organisation "
        "publishes one strategy a financial year: edit that one instead."
    ]


def test_the_database_refuses_a_duplicate_even_without_clean(strategies):
    page = second_page(strategies["later"])
    index = strategies["later"].get_parent()

    with pytest.raises(IntegrityError), transaction.atomic():
        page.path = index.path + "ZZZZ"
        page.depth = index.depth + 1
        page.save(clean=False)


def test_another_year_or_another_organisation_is_fine(client, strategies, organisations):
    alpha, beta = organisations

    strategy_save(organisation=alpha, financial_year=2027, entries=[])
    strategy_save(organisation=beta, financial_year=2025, entries=[])

    # Both are published beside the strategies already there.
    assert sorted(
        ProcurementStrategyPage.objects.live().values_list("organisation__slug", "financial_year")
    ) == [("alpha", 2025), ("alpha", 2026), ("alpha", 2027), ("beta", 2025), ("beta", 2026)]
    page = client.get("/strategies/beta/").content.decode()
    assert "2025 to 2026" in page and "2026 to 2027" in page


def test_the_admin_form_takes_the_organisation_from_the_parent_not_the_editor(strategies):
    from strategies.models import ProcurementStrategyPageForm

    index = strategies["later"].get_parent()
    form_class = ProcurementStrategyPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, ProcurementStrategyPageForm)
    form = form_class(instance=ProcurementStrategyPage(), parent_page=index, for_user=None)

    assert form.instance.organisation == strategies["later"].organisation
    assert "organisation" not in form.fields


def test_a_framework_is_named_only_for_a_framework_route():
    entry = PipelineEntry(title="x", route_to_market=RouteToMarket.OPEN)
    entry.framework = FrameworkFactory()

    with pytest.raises(ValidationError, match="Only name a framework"):
        entry.clean()


def test_a_contract_cannot_start_before_its_procurement():
    from datetime import date

    entry = PipelineEntry(
        title="x", procurement_start=date(2026, 5, 1), contract_start=date(2026, 4, 1)
    )

    with pytest.raises(ValidationError, match="cannot start before"):
        entry.clean()


def test_an_organisation_index_may_not_take_a_reserved_slug(organisations):
    index = organisations[0].strategy_index
    index.slug = "pipeline"

    with pytest.raises(ValidationError, match="used by the service"):
        index.full_clean()

"""The demo's illustrative strategies: 2014 to 2015 from the real pipeline with
invented contacts, and 2026 to 2027 derived from them, so the comparison, the
pipeline search and the opportunities have current content."""

from datetime import date

import pytest
from django.db import transaction

from marketplace.demo import loaders
from marketplace.demo.strategies_loader import current_strategies_load, source_strategies_load
from strategies.comparison import compare
from strategies.models import PipelineEntry, ProcurementStrategyPage
from strategies.presenters import strategy_contact
from strategies.selectors import strategy_facts

pytestmark = pytest.mark.django_db

SOURCE = loaders.DATA / "contracts_finder_pipeline_2014.csv"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module inside a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        loaders.categories_load(lambda line: None)
        source = source_strategies_load(SOURCE)
        current = current_strategies_load()
        yield source, current
        transaction.set_rollback(True)


def years(year):
    return ProcurementStrategyPage.objects.live().filter(financial_year=year)


def test_organisations_with_three_or_more_entries_get_an_illustrative_2026_strategy(loaded):
    _source, current = loaded
    busy = [s for s in years(2014) if s.pipeline_entries.count() >= 3]

    assert len(busy) >= 30
    assert current["created"] == len(busy) == years(2026).count()
    assert {s.organisation_id for s in years(2026)} == {s.organisation_id for s in busy}
    assert all(s.illustrative for s in years(2026))
    assert "changing the organisation's illustrative 2014 to 2015 strategy" in (
        years(2026).first().illustrative_notice
    )


def test_the_comparison_has_real_content_for_every_organisation(loaded):
    comparisons = []
    for later in years(2026):
        earlier = years(2014).get(organisation=later.organisation)
        comparisons.append(
            compare(strategy_facts(strategy=earlier), strategy_facts(strategy=later))
        )

    assert all(c.has_changes for c in comparisons)
    assert all(c.moved_to_buy and c.new_build and c.dropped for c in comparisons)
    assert any(c.moved_to_build for c in comparisons)
    assert sum(len(c.removed) for c in comparisons) > 0
    assert all(c.added for c in comparisons)
    assert sum(len(c.value_changed) for c in comparisons) > 0
    assert sum(c.unchanged_count for c in comparisons) > 0


def test_2026_entries_fall_in_the_financial_year_and_every_strategy_has_a_contact(loaded):
    entries = PipelineEntry.objects.filter(page__financial_year=2026)

    assert entries.exists()
    assert not entries.filter(procurement_start__lt=date(2026, 4, 1)).exists()
    assert not entries.filter(procurement_start__gt=date(2027, 3, 31)).exists()
    for strategy in ProcurementStrategyPage.objects.live():
        contact = strategy_contact(strategy)
        assert contact["email"].endswith(".example.gov.uk"), strategy
        assert contact["phone"].startswith("020 7946 0"), strategy  # Ofcom's drama range


def test_loading_again_changes_nothing(loaded):
    revisions = sum(s.revisions.count() for s in ProcurementStrategyPage.objects.all())

    source = source_strategies_load(SOURCE)
    current = current_strategies_load()

    assert source["created"] == source["updated"] == 0
    assert current == {"created": 0, "unchanged": years(2026).count(), "entries": 0}
    assert sum(s.revisions.count() for s in ProcurementStrategyPage.objects.all()) == revisions


def test_the_pipeline_search_shows_the_current_year_labelled_illustrative(client, loaded):
    response = client.get("/strategies/pipeline/", {"year": "2026"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "(illustrative)" in page
    assert "Contact: Commercial pipeline team, Procurement enquiries (illustrative contact)" in page

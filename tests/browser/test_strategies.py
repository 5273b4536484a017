"""Procurement strategies in a real browser: every page type, with and without
JavaScript, has no accessibility violations; the pipeline search works without
JavaScript."""

from datetime import date
from decimal import Decimal

import pytest

from frameworks.models import Category
from marketplace.core.models import Region
from strategies.models import PipelineEntry
from strategies.services import PlannedEntry, strategy_save
from tests.browser.conftest import axe_violations
from tests.browser.keyboard import sign_in
from tests.factories import BuyingOrganisationFactory, SupplierUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "strategies index": "/strategies/",
    "organisation's strategies": "/strategies/alpha/",
    "procurement strategy": "/strategies/alpha/2026-27/",
    "illustrative strategy": "/strategies/alpha/2025-26/",
    "pipeline search": "/strategies/pipeline/?suitable=sme&region=TLI",
    "pipeline search with an error": (
        "/strategies/pipeline/?starts_after=1/9/2026&starts_before=1/1/2026"
    ),
    "opportunities": "/strategies/opportunities/",
    "comparison": "/strategies/alpha/compare/",
    "open data": "/strategies/data/",
}


def planned(title, value, **fields):
    regions = list(Region.objects.filter(code__in=fields.pop("regions", ["TLI"])))
    categories = fields.pop("categories", [])
    entry = PipelineEntry(title=title, value_amount=Decimal(value), value_band="", **fields)
    return PlannedEntry(entry, categories, regions)


@pytest.fixture
def alpha_strategies():
    hosting = Category.add_root(name="Cloud hosting", slug="cloud-hosting")
    alpha = BuyingOrganisationFactory(name="Alpha Purchasing", slug="alpha")
    strategy_save(
        organisation=alpha,
        financial_year=2025,
        illustrative=True,
        entries=[planned("Helpdesk", "90000", suitable_for_sme=True, reference="A-2")],
    )
    page, _ = strategy_save(
        organisation=alpha,
        financial_year=2026,
        entries=[
            planned(
                "Hosting move",
                "2500000",
                categories=[hosting],
                procurement_start=date(2026, 6, 1),
                suitable_for_sme=True,
            ),
            planned(
                "Data platform",
                "400000",
                suitable_for_vcse=True,
                regions=["TLM"],
                cpv_codes=["72000000", "48000000"],
            ),
        ],
    )
    page = page.get_latest_revision_as_object()
    page.sections = [
        ("summary", "<p>We will spend less on bespoke software.</p>"),
        ("buy", [{"title": "Hosting", "description": "Commodity cloud.", "categories": [hosting]}]),
        ("policies", {"red_lines": ["No contracts over 3 years"], "sme_target_percent": "33"}),
        (
            "contacts",
            [
                {
                    "name": "Commercial team",
                    "role": "",
                    "email": "buy@alpha.example.gov.uk",
                    "phone": "020 7946 0123",
                }
            ],
        ),
    ]
    page.save_revision().publish()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_strategy_pages_have_no_accessibility_violations(
    page, page_as_without_js, live_server, alpha_strategies, javascript
):
    browser_page = page if javascript else page_as_without_js
    for name, path in PAGES.items():
        response = browser_page.goto(live_server.url + path)
        assert response.status in {200, 400}, name
        assert browser_page.locator("h1").count() == 1, name
        assert axe_violations(browser_page) == [], name


def test_a_small_supplier_filters_the_pipeline_without_javascript(
    page_without_js, live_server, alpha_strategies
):
    page = page_without_js
    page.goto(live_server.url + "/strategies/pipeline/")
    page.check("input[name=suitable][value=sme]")
    page.check("input[name=region][value=TLI]")
    page.click("button:has-text('Apply filters')")

    assert page.locator("#results-count").inner_text() == "2 planned procurements"
    page.click("a:has-text('Alpha Purchasing') >> nth=0")
    assert page.locator("h1").inner_text().startswith("Alpha Purchasing procurement strategy")


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_the_pipeline_alert_page_has_no_accessibility_violations(
    page, page_as_without_js, live_server, alpha_strategies, javascript
):
    browser_page = page if javascript else page_as_without_js
    supplier = SupplierUserFactory()
    sign_in(browser_page, live_server.url, supplier.email)

    browser_page.goto(live_server.url + "/strategies/alerts/")
    assert browser_page.locator("h1").inner_text() == "Pipeline alerts"
    assert axe_violations(browser_page) == [], "empty"

    browser_page.click("button:has-text('Save alert')")  # nothing chosen: an error
    assert "There is a problem" in browser_page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(browser_page) == [], "with an error"

    browser_page.check("input[name=cpv_divisions][value='72']")
    browser_page.check("input[name=regions][value=TLI]")
    browser_page.click("button:has-text('Save alert')")
    assert "Your pipeline alert is saved" in browser_page.content()
    assert axe_violations(browser_page) == [], "saved"


def test_each_pipeline_entry_shows_the_buyers_contact_and_named_cpv_codes(
    page_without_js, live_server, alpha_strategies
):
    page = page_without_js
    page.goto(live_server.url + "/strategies/opportunities/")

    row = page.locator("tr", has_text="Data platform")
    assert "Contact: Commercial team" in row.inner_text()
    assert "Telephone: 020 7946 0123" in row.inner_text()
    assert row.locator("a[href='mailto:buy@alpha.example.gov.uk']").count() == 1
    assert (
        "72000000 IT services: consulting, software development, Internet and support"
        in row.inner_text()
    )

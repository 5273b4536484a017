"""Time generating the PDF of a procurement strategy with a 200-entry pipeline.

    .venv/bin/python benchmarks/strategy_pdf.py [runs] [entries]

Creates (once, idempotently) an illustrative "Benchmark Purchasing" strategy for
2030 to 2031 with the given number of pipeline entries (default 200), then renders
its PDF the given number of times through the full Django stack and reports
percentiles. The issue's bar: under 10 seconds for 200 entries.
"""

import os
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django

django.setup()

from django.core.management import call_command
from pdf_timing import pdf_time

from frameworks.models import BuyingOrganisation
from marketplace.core.models import Region
from strategies.models import PipelineEntry, ProcurementStrategyPage
from strategies.services import PlannedEntry, strategy_save
from strategies.values import value_band


def strategy(entries: int) -> ProcurementStrategyPage:
    organisation, _ = BuyingOrganisation.objects.get_or_create(
        name="Benchmark Purchasing",
        defaults={"slug": "benchmark-purchasing", "organisation_type": "central"},
    )
    existing = ProcurementStrategyPage.objects.filter(organisation=organisation).first()
    if existing is not None and existing.pipeline_entries.count() == entries:
        return existing
    regions = list(Region.objects.all())
    planned = []
    for number in range(entries):
        amount = Decimal(25_000 * (number % 40 + 1))
        planned.append(
            PlannedEntry(
                PipelineEntry(
                    reference=f"BP-{number:04d}",
                    title=f"Planned procurement number {number + 1} for digital services",
                    description="Illustrative entry for the PDF benchmark.",
                    cpv_codes=["72000000"],
                    value_amount=amount,
                    value_band=value_band(amount),
                    procurement_start=date(2030, 4, 1) + timedelta(days=number),
                    contract_start=date(2030, 10, 1) + timedelta(days=number),
                    route_to_market="open",
                    suitable_for_sme=number % 2 == 0,
                    suitable_for_vcse=number % 5 == 0,
                ),
                [],
                regions[number % len(regions) : number % len(regions) + 2],
            )
        )
    page, _ = strategy_save(
        organisation=organisation, financial_year=2030, entries=planned, illustrative=True
    )
    return page


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    entries = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    call_command("migrate", verbosity=0)
    page = strategy(entries)
    url = f"/strategies/{page.get_parent().slug}/{page.slug}/strategy.pdf"
    pdf_time(label=f"strategy PDF, {entries} pipeline entries", url=url, runs=runs)


if __name__ == "__main__":
    main()

"""The pipeline importer: its rules on single rows, then the real 2014 file."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from marketplace.core.models import AuditEvent
from strategies.importer import RowRejected, pipeline_csv_parse, row_parse, rows_read
from strategies.models import PipelineEntry, ProcurementStrategyPage

REAL_FILE = (
    Path(__file__).resolve().parents[2]
    / "marketplace"
    / "demo"
    / "data"
    / "contracts_finder_pipeline_2014.csv"
)

ROW = {
    "organisation": "Home Office",
    "title": "Forensic  analysis",
    "reference": "TBC",
    "confidence": "High",
    "spend_2014_15": "0.00000",
    "spend_2015_16": "1000000.00000",
    "spend_2016_17": "500000.00000",
    "total_capital_cost": "9000000.00000",
    "delivery_location": "London",
    "delivery_nuts_code": "UKI",
    "delivery_location_comments": "NONE",
    "start_date": "NONE",
    "approach_to_market": "Framework",
    "approach_date": "01 Jul 14 00:00",
    "cpv_codes": "71900000|7190000",
    "notice_id": "1234",
    "pipeline_type": "Police services and equipment",
}


def parse(**changes):
    return row_parse({**ROW, **changes}, row_number=7)


def test_a_contracts_finder_row_becomes_a_pipeline_entry():
    row = parse()

    assert row.title == "Forensic analysis"
    assert row.reference == ""  # TBC is not a reference
    assert row.value == Decimal(1_500_000)  # the yearly spend, not the capital cost too
    assert row.procurement_start == date(2014, 7, 1)
    assert row.contract_start is None  # NONE
    assert row.route_to_market == "framework"
    assert row.regions == ["TLI"]
    assert row.confidence == "high"
    assert row.cpv_codes == ["71900000"]  # the cut-off last code, restored and deduplicated
    assert row.description == "Police services and equipment"


def test_capital_cost_is_the_value_only_when_no_yearly_spend_is_planned():
    zero = {f"spend_{y}": "0.00000" for y in ["2015_16", "2016_17"]}
    assert parse(**zero).value == Decimal(9_000_000)
    assert parse(**zero, total_capital_cost="0.00000").value is None


def test_a_value_column_may_hold_pounds_or_a_range():
    assert parse(value="£1,234").value == Decimal(1234)
    assert parse(value="£1m to £2m").value == Decimal(2_000_000)


@pytest.mark.parametrize(
    ("code", "location", "regions"),
    [
        ("UK", "United Kingdom", 12),
        ("", "England", 9),
        ("UKM38", "East Kilbride", ["TLM"]),
        ("UKN", "Northern Ireland", ["TLN"]),
        ("TLC", "North East", ["TLC"]),
    ],
)
def test_nuts1_codes_become_itl1_regions(code, location, regions):
    found = parse(delivery_nuts_code=code, delivery_location=location).regions
    assert (len(found) if isinstance(regions, int) else found) == regions


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": " "}, "title: no title"),
        ({"organisation": ""}, "organisation: no buying organisation"),
        ({"approach_date": "31 Feb 14 00:00"}, "approach_date: “31 Feb 14 00:00” is not a date"),
        ({"spend_2016_17": "lots"}, "spend_2016_17: “lots” is not an amount in pounds"),
        ({"delivery_nuts_code": "FR1"}, "delivery_nuts_code: “FR1” is not a UK NUTS1"),
        ({"cpv_codes": "72-abc"}, "cpv_codes: “72-abc” is not an eight-digit CPV code"),
        ({"confidence": "Certain"}, "confidence: “Certain” is not high, medium or low"),
    ],
)
def test_bad_rows_are_rejected_with_the_reason(changes, reason):
    with pytest.raises(RowRejected) as error:
        parse(**changes)
    assert str(error.value).startswith(reason)


def test_the_real_2014_file_parses_row_for_row():
    result = pipeline_csv_parse(rows_read(REAL_FILE))

    assert result.total == 671
    assert len(result.rows) + len(result.rejected) == 671
    assert result.rejected == []
    mri = next(r for r in result.rows if r.source_id == "949301")
    assert mri.title == "MRI Scanners"
    assert mri.value == Decimal(90_000_000)  # five years at £18m
    assert mri.contract_start is None  # blank in the file
    assert len(mri.regions) == 12  # "United Kingdom"
    assert mri.cpv_codes == ["33113100", "33113000", "33111610"]
    assert sum(r.value is None for r in result.rows) == 46  # no spend and no capital cost


@pytest.mark.django_db
def test_importing_the_real_file_accounts_for_every_row_and_is_idempotent(tmp_path):
    out = io.StringIO()
    call_command("import_pipeline_csv", str(REAL_FILE), "--illustrative", stdout=out)

    output = out.getvalue()
    assert "671 rows: 671 imported, 0 rejected" in output
    # 110 spellings, 103 organisations: "Avon and Somerset Police (SWOne)" and the
    # like are one organisation (frameworks.names), with one strategy.
    assert "[103/103]" in output  # progress, one line per organisation
    assert PipelineEntry.objects.count() == 671
    strategies = ProcurementStrategyPage.objects.filter(financial_year=2014)
    assert strategies.count() == 103
    avon = strategies.get(organisation__name="Avon and Somerset Police")
    assert avon.pipeline_entries.count() == 3  # one row under each of its three spellings
    assert all(s.live and s.illustrative for s in strategies)
    nhs = strategies.get(organisation__name="NHS Supply Chain")
    assert nhs.pipeline_entries.count() == 89
    assert len(nhs.live_revision.as_object().pipeline_entries.all()) == 89
    mri = PipelineEntry.objects.get(source_id="949301")
    assert mri.value_amount == Decimal(90_000_000) and mri.value_band == "over-50m"
    assert AuditEvent.objects.filter(action="pipeline.imported").count() == 1

    again = io.StringIO()
    call_command("import_pipeline_csv", str(REAL_FILE), "--illustrative", stdout=again)

    assert "0 created, 0 updated, 103 unchanged" in again.getvalue()
    assert PipelineEntry.objects.count() == 671


@pytest.mark.django_db
def test_rejected_rows_are_reported_and_the_rest_imported(tmp_path):
    rows = list(csv.DictReader(line for line in REAL_FILE.open() if not line.startswith("#")))[:5]
    rows[1]["approach_date"] = "someday"
    rows[3]["notice_id"] = rows[2]["notice_id"]
    path = tmp_path / "pipeline.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = io.StringIO()

    call_command("import_pipeline_csv", str(path), "--financial-year", "2015", stdout=out)

    output = out.getvalue()
    assert "5 rows: 3 imported, 2 rejected" in output
    assert "rejected row 2: approach_date: “someday” is not a date" in output
    assert f"rejected row 4: notice_id: {rows[2]['notice_id']} repeats row 3" in output
    assert PipelineEntry.objects.filter(page__financial_year=2015).count() == 3


def test_a_missing_file_is_a_clear_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No file at"):
        call_command("import_pipeline_csv", "/nonexistent.csv")

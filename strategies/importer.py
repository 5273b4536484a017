"""Reading pipeline CSV files, such as Contracts Finder's 2014 "list of current
pipelines", into PipelineEntry objects.

Parsing is pure (a row in, a ParsedRow or a RowRejected with the reason out), so
every rule is tested without a database; services.pipeline_csv_import writes.

Rules, from the real file:
- money is read by values.money_parse ("0.00000", "£1,234", "£2.5m"); a `value`
  column may hold a range ("£1m to £2m"), whose upper end is the estimate;
  otherwise the estimate is the sum of the planned spend per financial year
  (spend_2014_15 … spend_later), or the total capital cost when that sum is 0,
  or unknown when both are 0;
- dates are "01 Jun 14 00:00" (or ISO, or 01/06/2014); NONE, TBC and blank mean
  not known;
- NUTS1 codes (UKC … UKN, and longer codes inside them) become ITL1 codes
  (TLC … TLN); "UK" is every region, and a blank code for "England" its nine;
- CPV codes are kept. The file cuts the final digit off the last code of each
  list ("7200000" for 72000000); a seven-digit code gets its 0 back.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from .models import Confidence, RouteToMarket
from .values import MoneyError, money_parse, money_range_parse

ENGLAND = ["TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK"]
ALL_REGIONS = [*ENGLAND, "TLL", "TLM", "TLN"]
SPEND_COLUMNS = [
    "spend_2014_15",
    "spend_2015_16",
    "spend_2016_17",
    "spend_2017_18",
    "spend_2018_19",
    "spend_2019_20",
    "spend_later",
]
NOT_KNOWN = {"", "none", "tbc", "n/a", "na", "unknown"}
DATE_FORMATS = ["%d %b %y %H:%M", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y"]
TRUE = {"true", "yes", "y", "1"}
ROUTES = {"framework": RouteToMarket.FRAMEWORK, "open": RouteToMarket.OPEN}


class RowRejected(ValueError):
    """The row cannot be imported; the message says why, in plain English."""


@dataclass
class ParsedRow:
    row_number: int
    organisation: str
    source_id: str
    reference: str
    title: str
    description: str
    cpv_codes: list[str]
    value: Decimal | None
    procurement_start: date | None
    contract_start: date | None
    route_to_market: str
    regions: list[str]
    confidence: str
    suitable_for_sme: bool
    suitable_for_vcse: bool
    notes: list[str] = field(default_factory=list)


def date_parse(text: str, *, column: str) -> date | None:
    cleaned = text.strip()
    if cleaned.lower() in NOT_KNOWN:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise RowRejected(f"{column}: “{text}” is not a date")


def estimated_value(row: dict[str, str]) -> Decimal | None:
    if (row.get("value") or "").strip():
        try:
            return money_range_parse(row["value"])[1]
        except MoneyError as error:
            raise RowRejected(f"value: {error}") from error
    total = Decimal(0)
    for column in [*SPEND_COLUMNS, "total_capital_cost"]:
        text = (row.get(column) or "").strip()
        if not text:
            continue
        try:
            amount = money_parse(text)
        except MoneyError as error:
            raise RowRejected(f"{column}: {error}") from error
        if column == "total_capital_cost":
            # Only when no yearly spend is planned: the two would double count.
            if total == 0:
                total = amount
        else:
            total += amount
    return total if total > 0 else None


def regions_parse(code: str, location: str) -> list[str]:
    code = code.strip().upper()
    if code == "UK" or (not code and location.strip().lower() == "united kingdom"):
        return list(ALL_REGIONS)
    if not code:
        return list(ENGLAND) if location.strip().lower() == "england" else []
    if re.fullmatch(r"(UK|TL)[C-N][0-9A-Z]*", code):
        return ["TL" + code[2]]
    raise RowRejected(f"delivery_nuts_code: “{code}” is not a UK NUTS1 or ITL1 code")


def cpv_parse(text: str) -> tuple[list[str], int]:
    """The codes, and how many had their lost final digit restored."""
    codes, restored = [], 0
    for raw in filter(None, (part.strip() for part in text.split("|"))):
        digits = raw.split("-")[0]  # "72000000-5": the check digit is not needed
        if not digits.isdigit() or len(digits) not in (7, 8):
            raise RowRejected(f"cpv_codes: “{raw}” is not an eight-digit CPV code")
        if len(digits) == 7:
            digits, restored = digits + "0", restored + 1
        if digits not in codes:
            codes.append(digits)
    return codes, restored


def row_parse(row: dict[str, str], *, row_number: int) -> ParsedRow:
    organisation = (row.get("organisation") or "").strip()
    title = " ".join((row.get("title") or "").split())
    if not organisation:
        raise RowRejected("organisation: no buying organisation")
    if not title:
        raise RowRejected("title: no title")
    confidence = (row.get("confidence") or "medium").strip().lower()
    if confidence not in Confidence.values:
        raise RowRejected(f"confidence: “{row.get('confidence')}” is not high, medium or low")
    procurement_start = date_parse(row.get("approach_date") or "", column="approach_date")
    contract_start = date_parse(row.get("start_date") or "", column="start_date")
    cpv_codes, restored = cpv_parse(row.get("cpv_codes") or "")
    comments = (row.get("delivery_location_comments") or "").strip()
    description = ". ".join(
        part
        for part in ((row.get("pipeline_type") or "").strip(), comments)
        if part and part.upper() != "NONE"
    )
    reference = (row.get("reference") or "").strip()
    return ParsedRow(
        row_number=row_number,
        organisation=organisation,
        source_id=(row.get("notice_id") or "").strip() or f"row-{row_number}",
        reference="" if reference.lower() in NOT_KNOWN else reference[:100],
        title=title[:255],
        description=description,
        cpv_codes=cpv_codes,
        value=estimated_value(row),
        procurement_start=procurement_start,
        contract_start=contract_start,
        route_to_market=ROUTES.get(
            (row.get("approach_to_market") or "").strip().lower(), RouteToMarket.UNDECIDED
        ),
        regions=regions_parse(
            row.get("delivery_nuts_code") or "", row.get("delivery_location") or ""
        ),
        confidence=confidence,
        suitable_for_sme=(row.get("suitable_for_sme") or "").strip().lower() in TRUE,
        suitable_for_vcse=(row.get("suitable_for_vcse") or "").strip().lower() in TRUE,
        notes=[f"{restored} CPV code(s) given their lost final 0"] if restored else [],
    )


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)
    total: int = 0


def rows_read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        lines = (line for line in handle if not line.startswith("#"))  # our licence line
        yield from csv.DictReader(lines)


def pipeline_csv_parse(rows: Iterator[dict[str, str]]) -> ParseResult:
    """Row numbers count data rows from 1, as the file's own "row" column does."""
    result = ParseResult()
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        result.total += 1
        try:
            parsed = row_parse(row, row_number=number)
        except RowRejected as error:
            result.rejected.append((number, str(error)))
            continue
        if parsed.source_id in seen:
            result.rejected.append(
                (number, f"notice_id: {parsed.source_id} repeats row {seen[parsed.source_id]}")
            )
            continue
        seen[parsed.source_id] = number
        result.rows.append(parsed)
    return result

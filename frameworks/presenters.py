"""Turn the framework map into the rows the page tables, the PDF and the charts show."""

from django.urls import reverse
from django.utils.html import format_html

from marketplace.accounts.models import BuyerSector
from marketplace.core.charts import expiry_timeline, horizontal_bars
from marketplace.core.money import money_text

from . import lifecycle
from .coverage import MapSummary
from .models import Framework, FrameworkStatus

SECTOR_LABELS = dict(BuyerSector.choices)


def framework_link(framework: Framework):
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("frameworks:detail", kwargs={"slug": framework.slug}),
        framework.name,
    )


def framework_names(slugs, by_slug: dict[str, Framework]) -> str:
    return ", ".join(by_slug[slug].name for slug in slugs) if slugs else "None"


def overlap_rows(summary: MapSummary, by_slug: dict[str, Framework]) -> list[list]:
    return [
        [
            row.category.name,
            row.category.group,
            number(len(row.frameworks)),
            framework_names(row.frameworks, by_slug),
        ]
        for row in summary.overlaps
    ]


def gap_rows(summary: MapSummary) -> list[list]:
    return [[row.category.name, row.category.group] for row in summary.gaps]


def number(value: int) -> dict:
    return {"text": str(value), "format": "numeric"}


def headline_rows(current: MapSummary, desired: MapSummary) -> list[list]:
    figures = [
        ("Frameworks", len(current.frameworks), len(desired.frameworks)),
        (
            "Categories covered by more than one framework",
            len(current.overlaps),
            len(desired.overlaps),
        ),
        ("Categories no framework covers", len(current.gaps), len(desired.gaps)),
    ]
    return [[label, number(now), number(then)] for label, now, then in figures]


def change_rows(by_slug: dict[str, Framework]) -> list[list]:
    rows = []
    for framework in sorted(by_slug.values(), key=lambda f: (f.planned, f.name)):
        if framework.current_status == FrameworkStatus.EXPIRED:
            continue
        future = framework.get_disposition_display()
        if framework.planned:
            future = "New framework (planned)"
        elif framework.disposition_target:
            future = f"{future}: {framework.disposition_target.name}"
        rows.append(
            [
                framework_link(framework),
                future,
                framework.disposition_rationale,
                _day(framework.disposition_date),
            ]
        )
    return rows


def matrix(summary: MapSummary, by_slug: dict[str, Framework]) -> tuple[list, list[list]]:
    """Categories down, frameworks across; each cell says Yes or is blank."""
    columns = [by_slug[slug] for slug in summary.frameworks]
    head = ["Category", *[{"text": f.name, "classes": "app-matrix__framework"} for f in columns]]
    rows = [
        [row.category.name, *["Yes" if f.slug in row.frameworks else "" for f in columns]]
        for row in summary.coverage
    ]
    return head, rows


def timeline(by_slug: dict[str, Framework]):
    rows = sorted(
        (
            (f.name, f.live_from, f.expires, f.current_status)
            for f in by_slug.values()
            if f.live_from and f.expires and not f.planned
        ),
        key=lambda row: row[2],
    )
    return expiry_timeline(rows, today=lifecycle.current_date())


def timeline_rows(chart) -> list[list]:
    return [
        [
            bar.label,
            bar.start.strftime("%-d %B %Y"),
            bar.end.strftime("%-d %B %Y"),
            FrameworkStatus(bar.status).label,
        ]
        for bar in chart.bars
    ]


def usage_chart(usage) -> tuple[list, int, list[list]]:
    rows = [
        (
            SECTOR_LABELS.get(u.sector, u.sector),
            u.spend_pence,
            money_text(u.spend_pence / 100, pence="never"),
        )
        for u in usage
    ]
    bars, height = horizontal_bars(rows)
    table = [
        [label, display, f"{u.transactions:,}"]
        for (label, _, display), u in zip(rows, usage, strict=True)
    ]
    return bars, height, table


def _day(value) -> str:
    return value.strftime("%-d %B %Y") if value else ""


def key_dates(framework: Framework) -> list[tuple]:
    rows = [
        ("Status", framework.current_status.label),
        ("Applications open", _day(framework.applications_open)),
        ("Applications close", _day(framework.applications_close)),
        ("Live from", _day(framework.live_from)),
        ("Expires", _day(framework.expires)),
    ]
    if framework.previous_iteration:
        rows.append(("Previous iteration", framework_link(framework.previous_iteration)))
    # A query each time it is read: ask once.
    if next_iteration := framework.next_iteration:
        rows.append(("Next iteration", framework_link(next_iteration)))
    return rows


def future(framework: Framework) -> list[tuple]:
    return [
        ("Plan", framework.get_disposition_display()),
        (
            "Merges into or is replaced by",
            framework_link(framework.disposition_target) if framework.disposition_target else "",
        ),
        ("Why", framework.disposition_rationale),
        ("When", _day(framework.disposition_date)),
    ]

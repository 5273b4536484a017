"""What the spend page and files show: charts, tables and rows from YearFigures."""

from decimal import Decimal

from django.urls import reverse
from django.utils.html import format_html

# The project's SVG chart helper (moving to marketplace/core/charts.py in issue 12).
from marketplace.core.charts import horizontal_bars

from .figures import SME_TARGET_PERCENT, YearFigures, financial_year_label

NUMERIC = {"format": "numeric"}


def pounds(amount: Decimal) -> str:
    return f"£{amount:,.0f}"


def target_sentence(figures: YearFigures) -> str:
    verdict = "met" if figures.target_met else "not met"
    return (
        f"The target of {SME_TARGET_PERCENT}% of spend with small and medium-sized "
        f"enterprises (SMEs) is {verdict} in {financial_year_label(figures.year)}: "
        f"{figures.sme_percent:.1f}% ({pounds(figures.sme_amount)} of "
        f"{pounds(figures.total)}) went to SMEs."
    )


def _cell(value: str) -> dict:
    return {"text": value, **NUMERIC}


def breakdown_views(figures: YearFigures) -> list[dict]:
    views = []
    for breakdown in figures.breakdowns:
        # The chart's bar lengths are in pence, so small amounts still show.
        bars, height = horizontal_bars(
            [(g.label, int(g.amount * 100), pounds(g.amount)) for g in breakdown.groups]
        )
        views.append(
            {
                "slug": breakdown.slug,
                "title": breakdown.title,
                "bars": bars,
                "height": height,
                "rows": [
                    [
                        g.label,
                        _cell(pounds(g.amount)),
                        _cell(str(g.contracts)),
                        _cell(f"{g.percent:g}%"),
                    ]
                    for g in breakdown.groups
                ],
            }
        )
    return views


TABLE_HEAD = [
    "Group",
    {"text": "Spend", **NUMERIC},
    {"text": "Contracts", **NUMERIC},
    {"text": "Share of spend", **NUMERIC},
]
SUPPLIER_HEAD = [
    "Supplier",
    {"text": "Spend", **NUMERIC},
    {"text": "Contracts", **NUMERIC},
    {"text": "Reviews published", **NUMERIC},
    {"text": "Overall rating (out of 5)", **NUMERIC},
    {"text": "Would use again", **NUMERIC},
]


def supplier_rows(figures: YearFigures, feedback: dict, names: dict[str, str]) -> list[list]:
    rows = []
    for group in figures.suppliers:
        summary = feedback.get(group.label, {})
        overall = next((d for d in summary.get("dimensions", []) if d.dimension == "overall"), None)
        answered = summary.get("would_use_again_answered", 0)
        link = format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            reverse("feedback:supplier", args=[group.label]),
            names[group.label],
        )
        rows.append(
            [
                link,
                _cell(pounds(group.amount)),
                _cell(str(group.contracts)),
                _cell(str(summary.get("reviews", 0))),
                _cell(
                    "No ratings yet"
                    if overall is None or overall.mean is None
                    else f"{overall.mean:g}"
                ),
                _cell(f"{summary['would_use_again']} of {answered}" if answered else "Not asked"),
            ]
        )
    return rows


def csv_rows(figures: YearFigures) -> list[dict]:
    year = financial_year_label(figures.year)
    rows = [
        {
            "financial_year": year,
            "dimension": "all",
            "group": "All spend",
            "amount": figures.total,
            "contracts": figures.contracts,
            "share_percent": 100 if figures.contracts else 0,
        },
        {
            "financial_year": year,
            "dimension": "sme-target",
            "group": f"SMEs, against the {SME_TARGET_PERCENT}% target "
            f"({'met' if figures.target_met else 'not met'})",
            "amount": figures.sme_amount,
            "contracts": "",
            "share_percent": figures.sme_percent,
        },
    ]
    for breakdown in figures.breakdowns:
        rows.extend(
            {
                "financial_year": year,
                "dimension": breakdown.slug,
                "group": group.label,
                "amount": group.amount,
                "contracts": group.contracts,
                "share_percent": group.percent,
            }
            for group in breakdown.groups
        )
    return rows


FIELDS = {
    "financial_year": "The financial year, April to March",
    "dimension": "How the spend is grouped: all, sme-target, size, vcse, sector, region "
    "or framework",
    "group": "The group within the dimension",
    "amount": "Spend in pounds",
    "contracts": "Contracts awarded (blank where not counted)",
    "share_percent": "The group's share of the year's spend, in per cent",
}

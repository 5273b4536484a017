"""Turning strategies and pipeline entries into the rows that templates, the PDF
and the downloads show."""

from django.utils.html import format_html

from .values import money_display

WHOLE_UK = 12
ENGLAND = 9


def regions_display(codes_and_names: list[tuple[str, str]]) -> str:
    codes = {code for code, _ in codes_and_names}
    if len(codes) == WHOLE_UK:
        return "Whole UK"
    if len(codes) == ENGLAND and all(code <= "TLK" for code in codes):
        return "England"
    return ", ".join(name for _, name in sorted(codes_and_names)) or "Not given"


def entry_regions(entry) -> str:
    return regions_display([(r.code, r.name) for r in entry.regions.all()])


def entry_route(entry) -> str:
    if entry.framework_id:
        return f"{entry.get_route_to_market_display()}: {entry.framework.name}"
    return entry.get_route_to_market_display()


def entry_suitable(entry) -> str:
    flags = (("SMEs", entry.suitable_for_sme), ("VCSEs", entry.suitable_for_vcse))
    kinds = [name for name, suitable in flags if suitable]
    return " and ".join(kinds) or "Not marked"


def entry_value(entry) -> str:
    if entry.value_amount is not None:
        return money_display(entry.value_amount)
    return entry.get_value_band_display() or "Not known"


def entry_categories(entry) -> str:
    """Categories from the framework map, else the first CPV codes."""
    names = ", ".join(category.name for category in entry.categories.all())
    if names:
        return names
    return f"CPV {', '.join(entry.cpv_codes[:3])}" if entry.cpv_codes else "Not given"


def entry_date(value) -> str:
    return value.strftime("%B %Y") if value else "Not known"


PIPELINE_HEAD = [
    "Procurement",
    "Category",
    {"text": "Estimated value", "format": "numeric"},
    "Procurement starts",
    "Contract starts",
    "Route to market",
    "Regions",
    "Suitable for",
    "Confidence",
]


def pipeline_rows(entries, *, with_organisation: bool = False) -> list[list]:
    rows = []
    for entry in entries:
        if with_organisation:
            title = format_html(
                '{}<br><span class="govuk-body-s"><a class="govuk-link" href="{}">{}</a></span>',
                entry.title,
                entry.page.url or "",
                entry.page.organisation.name,
            )
        else:
            title = entry.title
        rows.append(
            [
                title,
                entry_categories(entry),
                {"text": entry_value(entry), "format": "numeric"},
                entry_date(entry.procurement_start),
                entry_date(entry.contract_start),
                entry_route(entry),
                entry_regions(entry),
                entry_suitable(entry),
                entry.get_confidence_display(),
            ]
        )
    return rows


def _percent(value) -> str | None:
    return None if value in (None, "") else f"{value:g}%"


def policies_rows(policies) -> list[tuple[str, str | None]]:
    """The policies block's figures as summary-list rows; blank figures are left out."""
    if policies is None:
        return []
    value = policies.value
    return [
        ("Target share of spend with SMEs", _percent(value.get("sme_target_percent"))),
        ("Actual share of spend with SMEs last year", _percent(value.get("sme_actual_percent"))),
        ("Target share of spend with VCSEs", _percent(value.get("vcse_target_percent"))),
        ("Actual share of spend with VCSEs last year", _percent(value.get("vcse_actual_percent"))),
    ]


def strategy_context(page) -> dict:
    """What the strategy page and its PDF show beyond the page's own fields."""
    from .selectors import pipeline_entries_for, strategy_published

    entries = list(pipeline_entries_for(strategy=page))
    previous = (
        strategy_published()
        .filter(organisation_id=page.organisation_id, financial_year__lt=page.financial_year)
        .order_by("-financial_year")
        .first()
    )
    sections = {block.block_type: block for block in page.sections}
    return {
        "sections": sections,
        "policies_rows": policies_rows(sections.get("policies")),
        "entries": entries,
        "pipeline_head": PIPELINE_HEAD,
        "pipeline_rows": pipeline_rows(entries),
        "previous": previous,
    }


def _signed(amount) -> str:
    if amount is None:
        return "Not known"
    return ("+" if amount > 0 else "\u2212" if amount < 0 else "") + money_display(abs(amount))


def comparison_context(comparison) -> dict:
    """The comparison as headings, lists and table rows for the template."""
    from .values import financial_year_label

    numeric = {"format": "numeric"}
    return {
        "earlier_label": financial_year_label(comparison.earlier),
        "later_label": financial_year_label(comparison.later),
        "intention_lists": [
            ("Moved from build to buy", comparison.moved_to_buy),
            ("Moved from buy to build", comparison.moved_to_build),
            ("New things to build", comparison.new_build),
            ("New things to buy as a commodity", comparison.new_buy),
            ("No longer in the strategy", comparison.dropped),
        ],
        "entry_head": ["Procurement", {"text": "Estimated value", **numeric}],
        "added_rows": [
            [e.title, {"text": money_display(e.value), **numeric}] for e in comparison.added
        ],
        "removed_rows": [
            [e.title, {"text": money_display(e.value), **numeric}] for e in comparison.removed
        ],
        "change_head": [
            "Procurement",
            {"text": "Before", **numeric},
            {"text": "After", **numeric},
            {"text": "Change", **numeric},
        ],
        "change_rows": [
            [
                c.title,
                {"text": money_display(c.before), **numeric},
                {"text": money_display(c.after), **numeric},
                {"text": _signed(c.difference), **numeric},
            ]
            for c in comparison.value_changed
        ],
    }

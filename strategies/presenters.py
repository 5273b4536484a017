"""Turning strategies and pipeline entries into the rows that templates, the PDF
and the downloads show."""

from collections import defaultdict

from django.utils.html import format_html, format_html_join

from .cpv import cpv_label
from .values import financial_year_label, money_display

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


CPV_SHOWN = 3


def entry_cpv_labels(entry) -> list[str]:
    """Each CPV code with its CPV 2008 name, such as "72000000 IT services: …"."""
    return [cpv_label(code) for code in entry.cpv_codes]


def entry_categories(entry):
    """Categories from the framework map, then the CPV codes with their names."""
    names = ", ".join(category.name for category in entry.categories.all())
    labels = entry_cpv_labels(entry)
    if not labels:
        return names or "Not given"
    shown, more = labels[:CPV_SHOWN], len(labels) - CPV_SHOWN
    items = format_html_join("", "<li>{}</li>", ((label,) for label in shown))
    if more > 0:
        items += format_html("<li>and {} more CPV code{}</li>", more, "s" if more > 1 else "")
    cpv = format_html('<ul class="govuk-list govuk-body-s">{}</ul>', items) if shown else ""
    if names:
        return format_html('<p class="govuk-body-s govuk-!-margin-bottom-1">{}</p>{}', names, cpv)
    return cpv


def strategy_contact(page) -> dict | None:
    """The strategy's first contact (name, role, e-mail, telephone), or None."""
    for block in page.sections:
        if block.block_type == "contacts" and block.value:
            contact = block.value[0]
            return {key: contact.get(key) or "" for key in ("name", "role", "email", "phone")}
    return None


def contact_html(contact: dict | None):
    """How to contact the buyer, as a short block under the procurement's title."""
    if contact is None:
        return format_html(
            '<span class="govuk-body-s">{}</span>',
            "The buyer has not published a contact: use their strategy page.",
        )
    who = contact["name"] + (f", {contact['role']}" if contact["role"] else "")
    phone = format_html("<br>Telephone: {}", contact["phone"]) if contact["phone"] else ""
    return format_html(
        '<span class="govuk-body-s">Contact: {}<br>'
        '<a class="govuk-link" href="mailto:{}">{}</a>{}</span>',
        who,
        contact["email"],
        contact["email"],
        phone,
    )


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
    contacts: dict[int, dict | None] = {}  # one reading of each strategy's contacts
    for entry in entries:
        if with_organisation:
            if entry.page_id not in contacts:
                contacts[entry.page_id] = strategy_contact(entry.page)
            illustrative = " (illustrative)" if entry.page.illustrative else ""
            title = format_html(
                '{}<br><span class="govuk-body-s"><a class="govuk-link" href="{}">{}</a>{}</span>'
                "<br>{}",
                entry.title,
                entry.page.url or "",
                entry.page.organisation.name,
                illustrative,
                contact_html(contacts[entry.page_id]),
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


def strategy_context(page, *, entries: list, previous) -> dict:
    """What the strategy page and its PDF show beyond the page's own fields:
    its pipeline entries, and the organisation's previous published strategy
    (or None) to compare with."""
    sections = {block.block_type: block for block in page.sections}
    return {
        "sections": sections,
        "policies_rows": policies_rows(sections.get("policies")),
        "entries": entries,
        "pipeline_head": PIPELINE_HEAD,
        "pipeline_rows": pipeline_rows(entries),
        "previous": previous,
    }


def strategies_by_year(strategies) -> list[tuple[int, list]]:
    """Strategies grouped by financial year, in the order given (the archive)."""
    by_year: dict[int, list] = defaultdict(list)
    for strategy in strategies:
        by_year[strategy.financial_year].append(strategy)
    return list(by_year.items())


def _signed(amount) -> str:
    if amount is None:
        return "Not known"
    return ("+" if amount > 0 else "\u2212" if amount < 0 else "") + money_display(abs(amount))


def comparison_context(comparison) -> dict:
    """The comparison as headings, lists and table rows for the template."""
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

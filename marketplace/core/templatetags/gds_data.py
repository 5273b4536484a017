"""Tables and summary lists built from Python data, rendered by GOV.UK Frontend's
own table and summary-list macros (the library has tags for these only in a
nested, row-by-row form that does not suit data computed in a view).

A cell may be a plain value (shown as text, escaped) or a dict of the macro's
options; a value marked safe (for example from format_html) is passed as HTML.
"""

from django import template
from django.utils.safestring import SafeString
from govuk_frontend_django.components.summary_list import GovUKSummaryList
from govuk_frontend_django.components.table import GovUKTable

register = template.Library()


def cell(value) -> dict:
    if isinstance(value, dict):
        return value
    if isinstance(value, SafeString):
        return {"html": str(value)}
    return {"text": "" if value is None else str(value)}


@register.simple_tag
def gds_data_table(
    head, rows, caption: str = "", caption_classes: str = "govuk-table__caption--m", **options
):
    return GovUKTable(
        head=[cell(h) for h in head],
        rows=[[cell(c) for c in row] for row in rows],
        caption=caption or None,
        captionClasses=caption_classes if caption else None,
        firstCellIsHeader=options.pop("first_cell_is_header", True),
        **options,
    )


@register.simple_tag
def gds_data_summary(rows, **options):
    """rows: (key, value) pairs; a pair whose value is None or "" is left out."""
    return GovUKSummaryList(
        rows=[
            {"key": {"text": str(key)}, "value": cell(value)}
            for key, value in rows
            if value not in (None, "")
        ],
        **options,
    )

"""The public spend and performance page and its open data."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from marketplace.accounts.access import public
from marketplace.core.open_data import dataset_response

from . import presenters, selectors
from .figures import (
    SME_TARGET_PERCENT,
    financial_year_label,
    financial_year_of,
    financial_year_slug,
    year_figures,
)
from .forms import YearForm


def _years(items) -> list[int]:
    """From the first year with spend to this financial year, newest first, so a
    year without spend between them can be chosen and says so."""
    current = financial_year_of(timezone.localdate())
    first = min((financial_year_of(item.day) for item in items), default=current)
    return list(range(max(first, current), min(first, current) - 1, -1))


def _newest_with_spend(items, years: list[int]) -> int:
    with_spend = {financial_year_of(item.day) for item in items}
    return next((year for year in years if year in with_spend), years[0])


@public
def spend_index(request):
    items = selectors.spend_items()
    years = _years(items)
    form = YearForm(request.GET or None, years=years)
    status = 200
    if form.is_bound and form.is_valid():
        year = years[[financial_year_slug(y) for y in years].index(form.cleaned_data["year"])]
    else:
        if form.is_bound:
            status = 400
        year = _newest_with_spend(items, years)
        form = (
            form
            if form.is_bound
            else YearForm(initial={"year": financial_year_slug(year)}, years=years)
        )
    figures = year_figures(items, year=year)
    names = {item.supplier_slug: item.supplier_name for item in items}
    feedback = selectors.feedback_figures(supplier_slugs=[g.label for g in figures.suppliers])
    slug = financial_year_slug(year)
    context = {
        "form": form,
        "figures": figures,
        "year_label": financial_year_label(year),
        "year_slug": slug,
        "target_sentence": presenters.target_sentence(figures),
        "breakdowns": presenters.breakdown_views(figures),
        "table_head": presenters.TABLE_HEAD,
        "supplier_head": presenters.SUPPLIER_HEAD,
        "supplier_rows": presenters.supplier_rows(figures, feedback, names),
        "total": presenters.pounds(figures.total),
        "target_percent": SME_TARGET_PERCENT,
    }
    return render(request, "spend/index.html", context, status=status)


@public
def spend_download(request, year: str, file_format: str):
    items = selectors.spend_items()
    chosen = next((y for y in _years(items) if financial_year_slug(y) == year), None)
    if chosen is None:
        raise Http404("No such financial year")
    return dataset_response(
        dataset=f"spend-{year}",
        fields=presenters.FIELDS,
        rows=presenters.csv_rows(year_figures(items, year=chosen)),
        file_format=file_format,
    )

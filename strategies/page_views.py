"""The views of the strategy pages' sub-pages: the pipeline search, the
opportunities for small suppliers, the open data page and the comparison.

Each page's RoutablePageMixin route (in models/pages.py) says who may use it
and hands these views what to show, so this module imports no model: the pages
import it, never the other way round. The downloads (views.py) share the
pipeline filters from here."""

from django.core.paginator import Paginator
from django.shortcuts import render

from . import open_data, presenters
from .comparison import compare
from .filters import PipelineEntryFilterSet
from .forms import ComparisonForm
from .values import financial_year_label

PER_PAGE = 50

# The newest strategies first: this year's plans matter more than old years'.
NEWEST_FIRST = ("-page__financial_year", "procurement_start", "page__organisation__name", "pk")


def financial_years(strategies) -> list[tuple[int, str]]:
    """The financial years of these strategies, newest first, as form choices."""
    years = strategies.values_list("financial_year", flat=True).distinct()
    return [(year, financial_year_label(year)) for year in sorted(set(years), reverse=True)]


def pipeline_filtered(request, *, entries, years):
    """The filter form over the entries, the entries it lets through, and the
    status to answer with: 400 when the form says what is wrong (everything is
    shown meanwhile)."""
    filterset = PipelineEntryFilterSet(
        request.GET or None, queryset=entries, years=financial_years(years)
    )
    if not filterset.is_bound:
        return filterset, entries, 200
    if filterset.is_valid():
        return filterset, filterset.qs, 200
    return filterset, entries, 400


def pipeline_search(request, *, template: str, entries, years):
    filterset, entries, status = pipeline_filtered(request, entries=entries, years=years)
    entries = entries.order_by(*NEWEST_FIRST)
    page_obj = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page_obj": page_obj,
        "count": page_obj.paginator.count,
        "pipeline_head": ["Procurement", *presenters.PIPELINE_HEAD[1:]],
        "pipeline_rows": presenters.pipeline_rows(page_obj.object_list, with_organisation=True),
        "query": request.GET.urlencode(),
    }
    return render(request, template, context, status=status)


def open_data_index(request):
    return render(
        request,
        "strategies/open_data.html",
        {"fields": open_data.PIPELINE_FIELDS, "licence": open_data.LICENCE},
    )


def strategy_comparison(request, *, index, strategies):
    """Two of the organisation's published years side by side: the latest two
    unless the visitor chose others."""
    strategies = {s.financial_year: s for s in strategies}
    years = [(year, financial_year_label(year)) for year in strategies]
    comparison, status, illustrative = None, 200, False
    data = request.GET if "earlier" in request.GET else None
    if data is None and len(years) >= 2:
        data = {"earlier": years[1][0], "later": years[0][0]}  # the latest two
    form = ComparisonForm(data, years=years)
    if data is not None:
        if form.is_valid():
            earlier, later = sorted((form.cleaned_data["earlier"], form.cleaned_data["later"]))
            illustrative = strategies[earlier].illustrative or strategies[later].illustrative
            comparison = compare(
                strategies[earlier].comparison_facts(), strategies[later].comparison_facts()
            )
        else:
            status = 400
    return render(
        request,
        "strategies/comparison.html",
        {
            "index": index,
            "organisation": index.organisation,
            "form": form,
            "years": years,
            "comparison": comparison,
            "illustrative": illustrative,
            **(presenters.comparison_context(comparison) if comparison else {}),
        },
        status=status,
    )

"""Public views over published strategies that are not pages themselves: the
pipeline search, opportunities for small suppliers, the comparison, and the
downloads. The strategy pages are served by Wagtail from the page tree."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from marketplace.accounts.access import public
from marketplace.core.pdf import html_to_pdf

from . import open_data, presenters
from .comparison import compare
from .filters import PipelineEntryFilterSet
from .forms import ComparisonForm
from .models import OrganisationStrategyIndexPage, ProcurementStrategyPage
from .selectors import (
    organisation_index_get,
    pipeline_entries_for,
    pipeline_entry_list,
    small_supplier_opportunities,
    strategy_facts,
    strategy_get,
    strategy_list,
    strategy_published,
)
from .values import financial_year_label

PER_PAGE = 50


def _years() -> list[tuple[int, str]]:
    years = strategy_published().values_list("financial_year", flat=True).distinct()
    return [(year, financial_year_label(year)) for year in sorted(set(years), reverse=True)]


def _filtered(request, queryset):
    filterset = PipelineEntryFilterSet(request.GET or None, queryset=queryset, years=_years())
    if not filterset.is_bound:
        return filterset, queryset, 200
    if filterset.is_valid():
        return filterset, filterset.qs, 200
    return filterset, queryset, 400  # the form says what is wrong; show everything meanwhile


# The newest strategies first: this year's plans matter more than old years'.
NEWEST_FIRST = ("-page__financial_year", "procurement_start", "page__organisation__name", "pk")


def _search_page(request, *, template: str, queryset, extra: dict | None = None):
    filterset, entries, status = _filtered(request, queryset)
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
        **(extra or {}),
    }
    return render(request, template, context, status=status)


@public
def pipeline_search(request):
    return _search_page(
        request, template="strategies/pipeline_search.html", queryset=pipeline_entry_list()
    )


@public
def small_supplier_opportunity_list(request):
    return _search_page(
        request,
        template="strategies/opportunities.html",
        queryset=small_supplier_opportunities(),
    )


@public
def pipeline_download(request, file_format: str):
    filterset, entries, status = _filtered(request, pipeline_entry_list())
    if status != 200:
        return HttpResponse("Check the filters: " + filterset.form.errors.as_text(), status=400)
    return open_data.pipeline_response(
        dataset="procurement-pipelines", entries=entries, file_format=file_format
    )


@public
def open_data_index(request):
    return render(
        request,
        "strategies/open_data.html",
        {"fields": open_data.PIPELINE_FIELDS, "licence": open_data.LICENCE},
    )


def _strategy_or_404(organisation: str, year: str) -> ProcurementStrategyPage:
    try:
        return strategy_get(organisation_slug=organisation, year_slug=year)
    except (ProcurementStrategyPage.DoesNotExist, OrganisationStrategyIndexPage.DoesNotExist):
        raise Http404 from None


@public
def strategy_pipeline_download(request, organisation: str, year: str, file_format: str):
    strategy = _strategy_or_404(organisation, year)
    entries = pipeline_entries_for(strategy=strategy).select_related("page__organisation")
    return open_data.pipeline_response(
        dataset=f"pipeline-{strategy.organisation.slug}-{strategy.slug}",
        entries=entries,
        file_format=file_format,
    )


@public
def strategy_pdf(request, organisation: str, year: str):
    """The strategy and its pipeline table as a tagged PDF, from the same body
    template as the web page."""
    strategy = _strategy_or_404(organisation, year)
    context = strategy.get_context(request)
    context["generated"] = timezone.localtime()
    html = render(request, "strategies/procurement_strategy_page_pdf.html", context)
    pdf = html_to_pdf(html.content.decode(), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{strategy.organisation.slug}-procurement-strategy-{strategy.slug}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@public
def strategy_comparison(request, organisation: str):
    try:
        index = organisation_index_get(slug=organisation)
    except OrganisationStrategyIndexPage.DoesNotExist:
        raise Http404 from None
    strategies = {s.financial_year: s for s in strategy_list(organisation=index.organisation)}
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
                strategy_facts(strategy=strategies[earlier]),
                strategy_facts(strategy=strategies[later]),
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

"""The downloads under /strategies/: every pipeline as a file, one strategy's
pipeline, and a strategy as a PDF. Their addresses end in a file extension,
which Wagtail's page serving does not take, so they are Django views in front
of it; the pages and their sub-pages are served by Wagtail (models/pages.py)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from marketplace.accounts.access import public
from marketplace.core.pdf import html_to_pdf

from . import open_data
from .models import OrganisationStrategyIndexPage, ProcurementStrategyPage
from .page_views import pipeline_filtered
from .selectors import pipeline_entries_for, pipeline_entry_list, strategy_get, strategy_published


@public
def pipeline_download(request, file_format: str):
    filterset, entries, status = pipeline_filtered(
        request, entries=pipeline_entry_list(), years=strategy_published()
    )
    if status != 200:
        return HttpResponse("Check the filters: " + filterset.form.errors.as_text(), status=400)
    return open_data.pipeline_response(
        dataset="procurement-pipelines", entries=entries, file_format=file_format
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

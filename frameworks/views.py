"""Public pages of the framework map. Anyone may read them; only CCS staff edit,
and they do so in the Wagtail admin."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from marketplace.accounts.access import public
from marketplace.core.pdf import html_to_pdf

from . import open_data, presenters
from .filters import FrameworkFilterSet
from .models import Category, Framework, FrameworkStatus, Lot
from .selectors import (
    framework_get,
    framework_list,
    framework_map,
    framework_usage,
    frameworks_covering_same_categories,
    lot_listing_counts,
)


@public
def framework_index(request):
    filterset = FrameworkFilterSet(request.GET or None, queryset=framework_list())
    status = 400 if filterset.is_bound and not filterset.is_valid() else 200
    frameworks = filterset.qs if filterset.is_valid() else framework_list()
    return render(
        request,
        "frameworks/framework_index.html",
        {"filter": filterset, "form": filterset.form, "frameworks": frameworks},
        status=status,
    )


@public
def framework_detail(request, slug: str):
    try:
        framework = framework_get(slug=slug)
    except Framework.DoesNotExist as error:
        raise Http404 from error
    usage = list(framework_usage(framework=framework))
    lot_counts = lot_listing_counts(framework_id=framework.pk)
    lots = [(lot, lot_counts.get(lot.pk, 0)) for lot in framework.lots.all()]
    usage_bars, usage_height, usage_table = presenters.usage_chart(usage) if usage else ([], 0, [])
    return render(
        request,
        "frameworks/framework_detail.html",
        {
            "framework": framework,
            "lots": lots,
            "listing_count": sum(lot_counts.values()),
            "sector_names": [presenters.SECTOR_LABELS.get(s, s) for s in framework.sectors],
            "related": frameworks_covering_same_categories(framework=framework),
            "usage": usage,
            "usage_bars": usage_bars,
            "usage_height": usage_height,
            "usage_table": usage_table,
            "usage_head": ["Buyer sector", {"text": "Spend", "format": "numeric"}, "Invoice lines"],
            "dates": presenters.key_dates(framework),
            "future": presenters.future(framework),
        },
    )


def _map_context() -> dict:
    current, desired, by_slug = framework_map()
    chart = presenters.timeline(by_slug)
    matrix_head, matrix_rows = presenters.matrix(current, by_slug)
    return {
        "current": current,
        "desired": desired,
        "headline_rows": presenters.headline_rows(current, desired),
        "overlap_rows": presenters.overlap_rows(current, by_slug),
        "desired_overlap_rows": presenters.overlap_rows(desired, by_slug),
        "gap_rows": presenters.gap_rows(current),
        "desired_gap_rows": presenters.gap_rows(desired),
        "change_rows": presenters.change_rows(by_slug),
        "matrix_head": matrix_head,
        "matrix_rows": matrix_rows,
        "timeline": chart,
        "timeline_rows": presenters.timeline_rows(chart),
        "generated": timezone.localtime(),
        "headline_head": [
            "",
            {"text": "Now", "format": "numeric"},
            {"text": "Desired", "format": "numeric"},
        ],
        "overlap_head": ["Category", "Group", {"text": "Frameworks", "format": "numeric"}, "Which"],
        "gap_head": ["Category", "Group"],
        "change_head": ["Framework", "Plan", "Why", "When"],
        "timeline_head": ["Framework", "Live from", "Expires", "Status"],
        "live_status": FrameworkStatus.LIVE,
    }


@public
def framework_map_page(request):
    return render(request, "frameworks/framework_map.html", _map_context())


@public
def framework_map_pdf(request):
    html = render(request, "frameworks/framework_map_pdf.html", _map_context()).content.decode()
    response = HttpResponse(
        html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'inline; filename="framework-map.pdf"'
    return response


@public
def open_data_index(request):
    return render(
        request,
        "frameworks/open_data.html",
        {"dictionary": open_data.DICTIONARY, "licence": open_data.LICENCE},
    )


@public
def open_data_download(request, name: str, file_format: str):
    if name == "frameworks":
        rows = open_data.frameworks_rows(
            Framework.objects.select_related("owner", "previous_iteration", "disposition_target")
        )
    elif name == "lots":
        rows = open_data.lots_rows(
            Lot.objects.select_related("framework").prefetch_related("categories")
        )
    elif name == "categories":
        rows = open_data.categories_rows(Category.objects.order_by("path"))
    elif name == "coverage":
        current, desired, _ = framework_map()
        rows = open_data.coverage_rows(current, desired)
    else:
        raise Http404
    return open_data.dataset_response(name=name, rows=rows, file_format=file_format)

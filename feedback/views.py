"""Public feedback pages and the open data downloads. Anyone may read them.

Everything here is built from ``selectors.public_feedback``, whose records carry
no author and, for a pseudonymous feedback, no buyer organisation: a page or a
file cannot show an identity it was never given.
"""

from django.http import Http404
from django.shortcuts import render

from listings.models import Listing
from marketplace.accounts.access import public
from marketplace.core.open_data import LICENCE, dataset_response
from suppliers.models import SupplierOrganisation

from . import open_data, presenters
from .forms import FilterForm
from .selectors import feedback_summary, public_feedback

DATASETS = {
    "feedback": ("supplier-feedback", open_data.FEEDBACK_FIELDS, open_data.feedback_rows),
    "aggregates": (
        "supplier-feedback-aggregates",
        open_data.AGGREGATE_FIELDS,
        open_data.aggregate_rows,
    ),
}


def supplier_or_404(slug: str) -> SupplierOrganisation:
    supplier = SupplierOrganisation.objects.filter(slug=slug).first()
    if supplier is None:
        raise Http404
    return supplier


def _feedback_page(request, *, supplier: SupplierOrganisation, listing: Listing | None = None):
    form = FilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    filters = form.cleaned_data if form.is_bound and valid else {}
    dimension = filters.get("dimension") or "overall"
    items = public_feedback(
        supplier_id=supplier.pk,
        listing_id=listing.pk if listing else None,
        sector=filters.get("sector") or "",
    )
    summary = feedback_summary(items)
    chosen = next(d for d in summary["dimensions"] if d.dimension == dimension)
    if dimension != "overall":
        items = [item for item in items if item.current.ratings[dimension] is not None]
    return render(
        request,
        "feedback/supplier_feedback.html",
        {
            "supplier": supplier,
            "listing": listing,
            "form": form,
            "summary": presenters.summary_view(summary),
            "summary_head": presenters.SUMMARY_HEAD,
            "distribution": presenters.distribution(chosen),
            "distribution_head": presenters.DISTRIBUTION_HEAD,
            "entries": [presenters.entry_view(item) for item in items],
            "filtered": bool(filters.get("dimension") or filters.get("sector")),
        },
        status=200 if valid else 400,
    )


@public
def supplier_feedback(request, slug: str):
    return _feedback_page(request, supplier=supplier_or_404(slug))


@public
def listing_feedback(request, listing_id: int):
    listing = (
        Listing.objects.select_related("supplier", "live_version")
        .filter(pk=listing_id, live_version__isnull=False)
        .first()
    )
    if listing is None:
        raise Http404
    return _feedback_page(request, supplier=listing.supplier, listing=listing)


@public
def open_data_index(request):
    return render(
        request,
        "feedback/open_data.html",
        {
            "licence": LICENCE,
            "datasets": [
                (name, title, fields.items()) for name, (title, fields, _) in DATASETS.items()
            ],
        },
    )


@public
def open_data_download(request, name: str, file_format: str):
    if name not in DATASETS:
        raise Http404
    dataset, fields, rows = DATASETS[name]
    return dataset_response(
        dataset=dataset, fields=fields, rows=rows(public_feedback()), file_format=file_format
    )

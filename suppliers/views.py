"""Public supplier pages: the A to Z list and each supplier's profile."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from marketplace.accounts.access import public

from . import presenters
from .forms_public import SupplierIndexForm
from .selectors import (
    supplier_get,
    supplier_initials,
    supplier_published_listing_counts,
    supplier_published_listings,
    suppliers_find,
)

PER_PAGE = 50


@public
def supplier_index(request):
    """Every supplier, A to Z, 50 a page; a letter or a name search narrows the list.

    With no letter chosen the whole list shows, so a buyer who arrives from the
    navigation sees every supplier rather than only those starting with A.
    """
    form = SupplierIndexForm(request.GET)
    valid = form.is_valid()
    letter = form.cleaned_data["letter"] if valid else ""
    query = form.cleaned_data["q"].strip() if valid else ""
    page = Paginator(suppliers_find(letter=letter, query=query), PER_PAGE).get_page(
        request.GET.get("page")
    )
    live_listings = supplier_published_listing_counts(supplier_ids=[s.pk for s in page])
    return render(
        request,
        "suppliers/supplier_index.html",
        {
            "form": form,
            "letter": letter,
            "query": query,
            "letters": presenters.letter_links(initials=supplier_initials(), current=letter),
            "page_obj": page,
            "suppliers": [
                {
                    "supplier": s,
                    "size": presenters.size_text(s),
                    "badges": presenters.badges(s),
                    "live_listings": live_listings[s.pk],
                }
                for s in page
            ],
        },
        status=200 if valid else 400,
    )


@public
def supplier_detail(request, slug: str):
    supplier = supplier_get(slug=slug)
    if supplier is None:
        raise Http404
    return render(
        request,
        "suppliers/supplier_detail.html",
        {
            "supplier": supplier,
            "badges": presenters.badges(supplier),
            "profile_rows": presenters.profile_rows(supplier),
            "contact_rows": presenters.contact_rows(supplier),
            "social_value_rows": presenters.social_value_rows(supplier),
            "code_of_conduct_url": presenters.code_of_conduct_url(supplier),
            "partners": presenters.partner_items(supplier),
            "guidelines": presenters.guidelines_status(supplier=supplier),
            "listings": supplier_published_listings(supplier_id=supplier.pk),
        },
    )

"""The buyer's search pages: results with filters, and the guided journeys.

Both are GETs, so every search is a link a buyer can bookmark or share, and both
work without JavaScript. Invalid answers re-render the page with an error
summary and status 400; the search engine being down shows a notice, never a 500.
"""

from dataclasses import replace

from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from marketplace.accounts.access import public

from . import presenters
from .executor import search_run
from .filters import PAGE_MAX, ListingSearchFilterSet
from .forms import JourneyForm
from .journeys import JOURNEYS, journey_get, journey_next_steps, journey_query, journey_total
from .request import PAGE_SIZE
from .selectors import recommended_listings_for
from .services import search_log_record
from .spelling import spelling_link


def _page(total: int, number: int):
    return Paginator(range(min(total, PAGE_MAX * PAGE_SIZE)), PAGE_SIZE).get_page(number)


@public
def search_results(request):
    filterset = ListingSearchFilterSet(request.GET)
    valid = filterset.is_valid()
    search = filterset.search_request()  # the valid answers only, so a mistake loses nothing else
    result = search_run(search)
    page = _page(result.total, search.page)
    if result.total and page.number != search.page:  # past the last page: show the last one
        search = replace(search, page=page.number)
        result = search_run(search)
    form = filterset.form
    labels = presenters.filter_labels(form)
    chosen = presenters.chosen_filters(request.GET, search, form, labels)
    presenters.form_with_counts(form, result, labels)
    query_string = presenters.search_query_string(request.GET)
    search_log_record(filterset=filterset, result=result, user=request.user)  # no personal data
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "search": search,
            "result": result,
            "hits": presenters.hit_items(result.hits),
            "select_fields": presenters.select_fields(form),
            "page_obj": page,
            "chosen": chosen,
            "checkbox_lists": presenters.checkbox_lists(form),
            "category_groups": presenters.category_groups(form, result),
            "flag_groups": presenters.flag_groups(form, result),
            "save_href": reverse("direct_award:save-search") + f"?{query_string}",
            "sign_in_href": reverse("accounts:sign-in") + "?" + _next(request),
            "recommended": recommended_listings_for(keywords=search.keywords),
            "did_you_mean": spelling_link(query=request.GET, search=search, result=result),
        },
        status=200 if valid else 400,
    )


def _next(request) -> str:
    query = QueryDict(mutable=True)
    query["next"] = request.get_full_path()
    return query.urlencode()


@public
def guide_index(request):
    return render(request, "search/guide_index.html", {"journeys": JOURNEYS})


@public
def guide_detail(request, slug: str):
    journey = journey_get(slug)
    if journey is None:
        raise Http404
    # The button sends a name too, so a form sent with nothing chosen still says what is missing.
    form = JourneyForm(request.GET or None, journey=journey)
    if form.is_bound and form.is_valid():
        answers = form.answers()
        query = journey_query(answers)
        if journey_total(query):
            return redirect(reverse("search:results") + "?" + query.urlencode())
        # Nothing matches every answer: offer the searches that do find services.
        return render(
            request,
            "search/guide_no_results.html",
            {
                "journey": journey,
                "steps": journey_next_steps(form.questions(), answers),
                "answers": [
                    (question.text, answer.text)
                    for question, answer in zip(form.questions(), answers, strict=True)
                ],
            },
        )
    return render(
        request,
        "search/guide_detail.html",
        {"journey": journey, "form": form},
        status=400 if form.is_bound else 200,
    )

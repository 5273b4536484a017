"""The buyer's saved searches: save one into a project, re-run it, end it to freeze
the shortlist, download the shortlist, and record the outcome.

Every view is for buyers, and each finds projects and searches through the
selectors, which only ever return the buyer's own organisation's: another
organisation's search is not found (404), so the page does not even confirm
that it exists. The writes go through ``direct_award.services``, which audit them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from marketplace.accounts.access import buyer_required

from . import exports, models, presenters, selectors, services
from .forms import OutcomeForm, SaveSearchForm
from .models import SavedSearch

DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", exports.shortlist_csv),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", exports.shortlist_ods),
}


def _own_search(request, pk: int) -> SavedSearch:
    saved = selectors.saved_search_get(user=request.user, pk=pk)
    if saved is None:
        raise Http404
    return saved


def _not_allowed(request, saved: SavedSearch, message: str) -> HttpResponse:
    """A step the search's state does not allow: say why, with a way back."""
    return render(
        request, "direct_award/not_allowed.html", {"saved": saved, "message": message}, status=400
    )


def _results(saved: SavedSearch) -> dict:
    """The open search run now, and what the buyer is told about its results."""
    results = selectors.saved_search_results(saved_search=saved)
    most = models.MAX_RESULTS_TO_END
    return {
        "results": results,
        "results_now": presenters.results_now(results.total, most),
        "end_warning": presenters.end_warning(results.total, most),
        "max_results": most,
        "search_url": presenters.search_url(saved),
    }


def _posted(request):
    """The answers sent, or None on a GET: an empty POST is still a bound form."""
    return request.POST if request.method == "POST" else None


def _form_status(request) -> int:
    return 400 if request.method == "POST" else 200


@buyer_required
@require_http_methods(["GET", "POST"])
def save_search(request):
    # The search comes in the query string, on the GET and on the POST alike.
    query_string = presenters.query_to_save(request.GET)
    description = presenters.search_description(query_string)
    form = SaveSearchForm(
        _posted(request),
        projects=selectors.projects_for(user=request.user),
        query_string=query_string,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # a new project and its first search, or neither
            project = form.chosen_project() or services.project_create(
                actor=request.user, name=form.cleaned_data["name"]
            )
            saved = services.saved_search_create(
                actor=request.user,
                project=project,
                query_string=query_string,
                description=description,
            )
        messages.success(request, f"Your search is saved in {project.name}")
        return redirect("direct_award:saved-search", pk=saved.pk)
    return render(
        request,
        "direct_award/save_search.html",
        {
            "form": form,
            "description": description,
            "search_url": f"{presenters.SEARCH_PATH}?{query_string}",
        },
        status=_form_status(request),
    )


@buyer_required
def projects(request):
    found = selectors.projects_with_searches(user=request.user)
    return render(
        request,
        "direct_award/projects.html",
        {
            "projects": [(project, presenters.searches_rows(project)) for project in found],
            "head": presenters.SEARCHES_HEAD,
            "search_path": presenters.SEARCH_PATH,
        },
    )


@buyer_required
def project(request, pk: int):
    found = selectors.project_get(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return render(
        request,
        "direct_award/project.html",
        {
            "project": found,
            "head": presenters.SEARCHES_HEAD,
            "rows": presenters.searches_rows(found),
            "search_path": presenters.SEARCH_PATH,
        },
    )


@buyer_required
def saved_search(request, pk: int):
    saved = _own_search(request, pk)
    context = {"saved": saved, "summary_rows": presenters.saved_search_rows(saved)}
    if not saved.is_ended:
        context.update(_results(saved))
    else:
        outcome = getattr(saved, "outcome", None)
        entries = list(selectors.shortlist_for(saved_search=saved))
        context.update(
            shortlist_head=presenters.SHORTLIST_HEAD,
            shortlist_rows=presenters.shortlist_table(entries),
            outcome=outcome,
            outcome_rows=presenters.outcome_rows(outcome) if outcome else [],
            feedback_url=presenters.feedback_url(outcome) if outcome else "",
        )
    return render(request, "direct_award/saved_search.html", context)


@buyer_required
@require_http_methods(["GET", "POST"])
def end_search(request, pk: int):
    saved = _own_search(request, pk)
    if saved.is_ended:
        return _not_allowed(request, saved, "This search has already ended")
    context = _results(saved)
    results = context["results"]
    error = ""
    if request.method == "POST":
        try:
            entries = services.saved_search_end(
                actor=request.user,
                saved_search=saved,
                listing_ids=[hit.listing_id for hit in results.hits],
                result_count=results.total,
            )
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(
                request, f"Your search has ended. Your shortlist has {len(entries)} services"
            )
            return redirect("direct_award:saved-search", pk=saved.pk)
    return render(
        request,
        "direct_award/end_search.html",
        {**context, "saved": saved, "error": error},
        status=400 if error else 200,
    )


@buyer_required
def shortlist_download(request, pk: int, file_format: str):
    saved = _own_search(request, pk)
    if not saved.is_ended:
        raise Http404  # there is no shortlist until the search ends
    content_type, export = DOWNLOADS[file_format]
    services.shortlist_download_record(
        actor=request.user, saved_search=saved, file_format=file_format
    )
    response = HttpResponse(export(saved_search=saved), content_type=content_type)
    filename = f"{slugify(saved.project.name) or 'project'}-shortlist-{saved.pk}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@buyer_required
@require_http_methods(["GET", "POST"])
def outcome(request, pk: int):
    saved = _own_search(request, pk)
    if not saved.is_ended:
        return _not_allowed(request, saved, "End the search before you record its outcome")
    if hasattr(saved, "outcome"):
        return _not_allowed(request, saved, "The outcome of this search has already been recorded")
    form = OutcomeForm(_posted(request), shortlist=selectors.shortlist_for(saved_search=saved))
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(actor=request.user, saved_search=saved, **form.cleaned_data)
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, "The outcome is recorded")
            return redirect("direct_award:saved-search", pk=saved.pk)
    return render(
        request,
        "direct_award/outcome.html",
        {"saved": saved, "form": form},
        status=_form_status(request),
    )

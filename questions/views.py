"""Questions to suppliers: a buyer asks about a service and reads the answers; the
supplier reads its questions and answers them.

Buyers see their own organisation's questions and suppliers their own; any other
thread is not found (404), so a page does not even confirm that it exists.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from listings.selectors import listing_get_public
from marketplace.accounts.access import buyer_required, supplier_required

from . import presenters, selectors, services
from .forms import AnswerForm, QuestionForm

GET_POST = require_http_methods(["GET", "POST"])


def _posted(request):
    return request.POST if request.method == "POST" else None


@buyer_required
@GET_POST
def ask(request, listing_pk: int):
    listing = listing_get_public(pk=listing_pk)
    if listing is None:
        raise Http404
    form = QuestionForm(_posted(request))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_ask(
                actor=request.user, listing=listing, text=form.cleaned_data["text"]
            )
        except services.QuestionLimitReached as limit:
            form.add_error(None, str(limit))
            status = 429
        else:
            messages.success(
                request,
                f"Your question has been sent to {listing.supplier.display_name}. "
                "We have e-mailed you a copy and will e-mail you when they answer.",
            )
            return redirect("questions:detail", pk=question.pk)
    return render(
        request,
        "questions/ask.html",
        {"form": form, "listing": listing, "supplier": listing.supplier},
        status=status,
    )


@buyer_required
def buyer_questions(request):
    questions = selectors.questions_for_buyer(user=request.user)
    return render(
        request,
        "questions/buyer_list.html",
        {"head": presenters.BUYER_HEAD, "rows": presenters.buyer_rows(questions)},
    )


@buyer_required
def buyer_question(request, pk: int):
    question = selectors.question_get_for_buyer(user=request.user, pk=pk)
    if question is None:
        raise Http404
    return render(request, "questions/buyer_thread.html", {"question": question})


@supplier_required
def supplier_questions(request):
    supplier = request.user.supplier_organisation
    questions = selectors.questions_for_supplier(supplier=supplier)
    return render(
        request,
        "questions/supplier_list.html",
        {
            "supplier": supplier,
            "head": presenters.SUPPLIER_HEAD,
            "rows": presenters.supplier_rows(questions),
        },
    )


@supplier_required
@GET_POST
def supplier_question(request, pk: int):
    """The thread, and the form that answers it (an answer may follow another)."""
    supplier = request.user.supplier_organisation
    question = selectors.question_get_for_supplier(supplier=supplier, pk=pk)
    if question is None:
        raise Http404
    form = AnswerForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.question_answer(
            actor=request.user, question=question, text=form.cleaned_data["text"]
        )
        messages.success(request, "Your answer has been sent. We have e-mailed it to the buyer.")
        return redirect("supplier_questions:detail", pk=question.pk)
    return render(
        request,
        "questions/supplier_thread.html",
        {"question": question, "form": form},
        status=400 if request.method == "POST" else 200,
    )

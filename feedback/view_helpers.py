"""What the buyer's and the supplier's feedback views share."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render


def not_allowed(request, message: str, back_url: str, back_text: str) -> HttpResponse:
    """A step the feedback's state does not allow: say why, with a way back."""
    return render(
        request,
        "feedback/not_allowed.html",
        {"message": message, "back_url": back_url, "back_text": back_text},
        status=400,
    )


def form_submit(request, form, write: Callable[[], HttpResponse]) -> HttpResponse | None:
    """On a valid POST, run the service write and return its response; a rule the
    service enforces comes back as a message on the form, and None means: show the
    form again (with status ``form_status``)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return write()
    except ValidationError as error:
        form.add_service_errors(error)
        return None


def form_status(request) -> int:
    return 400 if request.method == "POST" else 200

"""Every error under /api/ is JSON with a plain-English message, never an HTML page.

``json_exception_handler`` answers what a view raises (DRF's exceptions, 404s and
anything unexpected, which becomes a logged 500); ``api.views_base.NoEndpoint`` answers
paths under /api/ that match no endpoint.
"""

import logging

from django.conf import settings
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

MESSAGES = {
    status.HTTP_404_NOT_FOUND: "Nothing was found at this address.",
    status.HTTP_405_METHOD_NOT_ALLOWED: ("This API is read-only: use GET, HEAD or OPTIONS."),
    status.HTTP_406_NOT_ACCEPTABLE: "This API answers in JSON only.",
    status.HTTP_500_INTERNAL_SERVER_ERROR: ("Something went wrong on our side. Try again later."),
}


def error_body(*, status_code: int, message: str, **extra) -> dict:
    return {"status": status_code, "message": message, "licence": settings.API_LICENCE_URL, **extra}


def _message(exc: exceptions.APIException, status_code: int) -> str:
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        return (
            f"Too many requests from your address (the limit is {settings.API_THROTTLE_RATE}). "
            f"Try again in {wait} second{'s' if wait != 1 else ''}."
        )
    if (
        isinstance(exc, exceptions.NotFound)
        and str(exc.detail) != exceptions.NotFound.default_detail
    ):
        # A view that says what is missing ("There is no page 99", a bad cursor) is
        # more use to the caller than the general message.
        return str(exc.detail)
    if status_code in MESSAGES:
        return MESSAGES[status_code]
    detail = exc.detail
    return str(detail) if isinstance(detail, str) else "The request could not be answered."


def json_exception_handler(exc, context):
    response = exception_handler(exc, context)  # Http404 and PermissionDenied become APIExceptions
    if response is None:
        logger.exception("Unexpected error in the public API", exc_info=exc)
        return Response(
            error_body(status_code=500, message=MESSAGES[500]),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    extra = {}
    if isinstance(exc, exceptions.ValidationError):
        extra["errors"] = exc.detail
        message = "Some of the parameters are not valid: see errors."
    elif isinstance(exc, exceptions.Throttled):
        extra["retry_after"] = int(exc.wait or 1)
        message = _message(exc, response.status_code)
    else:
        message = _message(exc, response.status_code)
    response.data = error_body(status_code=response.status_code, message=message, **extra)
    return response

"""What every API view shares: read-only, public, the licence on every response,
and conditional GET.

Each 200 answer carries a strong ``ETag`` (a hash of the JSON sent), so a client
that sends it back in ``If-None-Match`` gets ``304 Not Modified`` and no body.
A view that knows when its data last changed sets ``self.last_modified``, sent as
``Last-Modified`` and honoured in ``If-Modified-Since``.
"""

import hashlib
from datetime import datetime

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

READ_METHODS = ("GET", "HEAD")


def licence_link() -> str:
    return f'<{settings.API_LICENCE_URL}>; rel="license"'


class PublicAPIView(GenericAPIView):
    http_method_names = ["get", "head", "options"]
    last_modified: datetime | None = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = licence_link()
        if request.method not in READ_METHODS or response.status_code != 200:
            return response
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = "public, max-age=60"
        timestamp = None
        if self.last_modified is not None:
            timestamp = int(self.last_modified.timestamp())
            response["Last-Modified"] = http_date(timestamp)
        conditional = get_conditional_response(
            request._request, etag=etag, last_modified=timestamp, response=response
        )
        if conditional is not response:
            conditional["Link"] = licence_link()
        return conditional

    def note_modified(self, *moments: datetime | None) -> None:
        known = [moment for moment in moments if moment is not None]
        if known:
            self.last_modified = max(known)


class NoEndpoint(APIView):
    """Any path under /api/ that is not an endpoint: a JSON 404 for every method.

    A known path without its final slash is sent to the one with it, as the rest
    of the site does."""

    http_method_names = ["get", "head", "options", "post", "put", "patch", "delete"]
    throttle_classes: list = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        path = request.path
        if request.method in READ_METHODS and not path.endswith("/"):
            try:
                match = resolve(path + "/")
            except Resolver404:
                match = None
            if match is not None and getattr(match.func, "view_class", None) is not NoEndpoint:
                query = request.META.get("QUERY_STRING", "")
                raise _Moved(path + "/" + (f"?{query}" if query else ""))
        raise exceptions.NotFound()

    def handle_exception(self, exc):
        if isinstance(exc, _Moved):
            response = Response(status=301, headers={"Location": exc.location})
            response["Link"] = licence_link()
            return response
        response = super().handle_exception(exc)
        response["Link"] = licence_link()
        return response


class _Moved(Exception):
    def __init__(self, location: str):
        self.location = location

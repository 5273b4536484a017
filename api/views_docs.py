"""The OpenAPI document and the human documentation page of the API."""

from django.conf import settings
from django.shortcuts import render
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView

from marketplace.accounts.access import public

from .docs_samples import samples_text
from .throttling import ClientRateThrottle
from .views_base import licence_link


class OpenApiDocument(SpectacularAPIView):
    renderer_classes = [OpenApiJsonRenderer]
    throttle_classes = [ClientRateThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = licence_link()
        return response


@public
def documentation(request):
    number, _, period = settings.API_THROTTLE_RATE.partition("/")
    context = {
        "base": request.build_absolute_uri("/").rstrip("/"),
        "licence": settings.API_LICENCE_URL,
        "rate": f"up to {number} requests a {period}",
        "samples": samples_text(),
    }
    return render(request, "api/documentation.html", context)

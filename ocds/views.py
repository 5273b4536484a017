"""OCDS 1.1 release packages, bulk files and records, as JSON.

Thin views: the releases come from ``releases.py``, the packages from the pure
builders. Every view is public: the data is published under the Open Government
Licence, and nothing private (drafts, contacts, projects) is in the facts.
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.openapi import AutoSchema as SpectacularSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, renderer_classes
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.accounts.access import public

from . import builders, releases

PAGE_SIZE = 100
TAGS = ["OCDS"]


def _spectacular(view):
    """drf-spectacular's schema on the view, so @extend_schema describes it in the
    OpenAPI document whatever the project's DEFAULT_SCHEMA_CLASS says."""
    view.schema = SpectacularSchema()
    return view


def _package_options(request: Request) -> dict:
    return {
        "published": timezone.now(),
        "publisher": settings.WAGTAIL_SITE_NAME,
        "publisher_uri": request.build_absolute_uri("/"),
        "publication_policy": request.build_absolute_uri(reverse("ocds:publication-policy")),
    }


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise ParseError("The page must be a whole number from 1, like ?page=2")
    return int(raw)


@extend_schema(
    tags=TAGS,
    summary="Where the OCDS data is",
    description="Links to the paged release package, to the bulk file of each financial "
    "year and to the publication policy.",
    responses={200: OpenApiTypes.OBJECT},
)
@_spectacular
@api_view(["GET"])
@renderer_classes([JSONRenderer])
def ocds_index(request: Request) -> Response:
    return Response(
        {
            "releases": request.build_absolute_uri(reverse("ocds:releases")),
            "bulk_files": [
                {
                    "financial_year": releases.financial_year_slug(year),
                    "url": request.build_absolute_uri(
                        reverse("ocds:releases-year", args=[releases.financial_year_slug(year)])
                    ),
                }
                for year in releases.financial_years()
            ],
            "records": request.build_absolute_uri(reverse("ocds:records", args=["OCID"])),
            "license": builders.LICENSE_URL,
            "publicationPolicy": request.build_absolute_uri(reverse("ocds:publication-policy")),
        }
    )


@extend_schema(
    tags=TAGS,
    summary="OCDS release package, page by page",
    description="Every planning, award and contract release, oldest first, "
    f"{PAGE_SIZE} a page. `links.next` and `links.prev` give the neighbouring pages.",
    parameters=[OpenApiParameter("page", int, description="Page number, from 1")],
    responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
)
@_spectacular
@api_view(["GET"])
@renderer_classes([JSONRenderer])
def release_package_paged(request: Request) -> Response:
    number = _page_number(request)
    every = releases.releases_all()
    start = (number - 1) * PAGE_SIZE
    if not every:
        raise NotFound("There are no releases yet")
    if start and start >= len(every):
        pages = -(-len(every) // PAGE_SIZE)
        raise NotFound(
            f"There is no page {number}. The releases fill {pages} page{'s' if pages > 1 else ''}."
        )
    base = request.build_absolute_uri(reverse("ocds:releases"))
    links = {}
    if start + PAGE_SIZE < len(every):
        links["next"] = f"{base}?page={number + 1}"
    if number > 1:
        links["prev"] = f"{base}?page={number - 1}"
    package = builders.release_package(
        every[start : start + PAGE_SIZE],
        uri=f"{base}?page={number}",
        links=links or None,
        **_package_options(request),
    )
    return Response(package)


@extend_schema(
    tags=TAGS,
    summary="OCDS release package for one financial year (bulk file)",
    description="Planning releases of the year's strategies, and award and contract "
    "releases of contracts awarded in the year (April to March). The year is written "
    "like 2026-27.",
    responses={200: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
)
@_spectacular
@api_view(["GET"])
@renderer_classes([JSONRenderer])
def release_package_year(request: Request, year: str) -> Response:
    start_year = releases.financial_year_parse(year)
    if start_year is None:
        raise NotFound("Write the financial year like 2026-27")
    found = releases.releases_all(financial_year=start_year)
    if not found:
        # A release package must hold at least one release.
        raise NotFound(f"There are no releases for the financial year {year}")
    package = builders.release_package(
        found,
        uri=request.build_absolute_uri(),
        **_package_options(request),
    )
    response = Response(package)
    response["Content-Disposition"] = f'inline; filename="ocds-releases-{year}.json"'
    return response


@extend_schema(
    tags=TAGS,
    summary="OCDS record for one contracting process",
    description="The record package of one ocid: its releases and the compiled release.",
    responses={200: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
)
@_spectacular
@api_view(["GET"])
@renderer_classes([JSONRenderer])
def record(request: Request, ocid: str) -> Response:
    found = releases.releases_for(ocid=ocid)
    if not found:
        raise NotFound(f"There is no contracting process with the ocid {ocid}")
    return Response(
        builders.record_package(
            found, uri=request.build_absolute_uri(), **_package_options(request)
        )
    )


@public
def publication_policy(request):
    """The short public page the packages' ``publicationPolicy`` points to."""
    return render(
        request,
        "ocds/publication_policy.html",
        {
            "prefix": settings.OCDS_OCID_PREFIX,
            "bulk_links": [
                {
                    "label": f"{year} to {year + 1}",
                    "url": reverse("ocds:releases-year", args=[releases.financial_year_slug(year)]),
                }
                for year in releases.financial_years()
            ],
        },
    )


# Declared public here, on the functions the URLconf calls (see accounts.access).
ocds_index = public(ocds_index)
release_package_paged = public(release_package_paged)
release_package_year = public(release_package_year)
record = public(record)

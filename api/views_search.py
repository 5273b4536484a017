"""Search over the API: the /search/ page's parameters, FilterSet and executors.

The query string is read by the same ``ListingSearchFilterSet`` as /search/, so
the same request means the same ``SearchRequest``, answered by the same
``search_run`` (the engine, or the database when the engine cannot answer).
Where the page shows a form error, the API answers 400 with the same messages.
"""

from dataclasses import replace

from django.conf import settings
from django.core.paginator import Paginator
from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from search.executor import search_run
from search.filters import KEYWORDS_MAX, PAGE_MAX, ListingSearchFilterSet
from search.request import PAGE_SIZE
from search.spelling import spelling_suggest

from .serializers_search import SearchHitSerializer, SearchResultSerializer
from .views_base import PublicAPIView


def _many(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name, {"type": "array", "items": {"type": "string"}}, description=description, explode=True
    )


def _flag(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.BOOL, description=description)


PARAMETERS = [
    OpenApiParameter(
        "q", {"type": "string", "maxLength": KEYWORDS_MAX}, description="Words to search for."
    ),
    OpenApiParameter("framework", str, description="A framework slug."),
    OpenApiParameter("lot", str, description='A lot, as "<framework slug>/<lot slug>".'),
    _many("category", "Category slugs; a parent category includes its children."),
    _many("region", "ITL1 region codes where the service is delivered, such as TLC."),
    _many("based_in", "ITL1 region codes of the supplier's head office."),
    OpenApiParameter(
        "size",
        {
            "type": "array",
            "items": {"type": "string", "enum": ["sme", "micro", "small", "medium", "large"]},
        },
        description='Supplier sizes; "sme" means micro, small or medium.',
        explode=True,
    ),
    _flag("vcse", "Only voluntary, community and social enterprises."),
    _many("accreditation", "Accreditation slugs the supplier must all hold."),
    _flag("open_standards", "Only services that support open standards."),
    _flag("apprenticeships", "Only suppliers that offer apprenticeships."),
    _many("integration", "Government platform codes the service must all support."),
    _flag("buy_online", "Only services that can be bought online by card."),
    OpenApiParameter(
        "price_min", {"type": "number", "minimum": 0}, description="Lowest price (£)."
    ),
    OpenApiParameter(
        "price_max", {"type": "number", "minimum": 0}, description="Highest price (£)."
    ),
    OpenApiParameter(
        "sort", {"type": "string", "enum": ["relevance", "price", "name"]}, description="Order."
    ),
    OpenApiParameter(
        "page",
        {"type": "integer", "minimum": 1, "maximum": PAGE_MAX},
        description=f"Page of {PAGE_SIZE} results.",
    ),
]


def _errors(form) -> dict[str, list[str]]:
    return {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }


def _did_you_mean(search, result) -> str | None:
    spelling = spelling_suggest(search=search, result=result)
    return spelling.keywords if spelling else None


@extend_schema(
    summary="Search listings, as /search/ does",
    tags=["Search"],
    parameters=PARAMETERS,
    responses=SearchResultSerializer,
)
class Search(PublicAPIView):
    pagination_class = None
    serializer_class = SearchResultSerializer

    def get(self, request, *args, **kwargs):
        filterset = ListingSearchFilterSet(request.query_params)
        if not filterset.is_valid():
            raise exceptions.ValidationError(_errors(filterset.form))
        search = filterset.search_request()
        result = search_run(search)
        # As on /search/: past the last page, the last page.
        last = Paginator(range(min(result.total, PAGE_MAX * PAGE_SIZE)), PAGE_SIZE).num_pages
        if result.total and search.page > last:
            search = replace(search, page=last)
            result = search_run(search)
        pages = Paginator(range(min(result.total, PAGE_MAX * PAGE_SIZE)), PAGE_SIZE).num_pages
        body = {
            "licence": settings.API_LICENCE_URL,
            "total": result.total,
            "page": search.page,
            "page_size": search.page_size,
            "next": self._link(search.page + 1) if search.page < pages else None,
            "previous": self._link(search.page - 1) if search.page > 1 else None,
            "executor": result.executor,
            "fell_back": result.fell_back,
            "did_you_mean": _did_you_mean(search, result),
            "results": SearchHitSerializer([hit.document for hit in result.hits], many=True).data,
            "facets": {
                facet: [
                    {"value": value.value, "label": value.label, "count": value.count}
                    for value in values
                ]
                for facet, values in result.facets.items()
            },
        }
        return Response(body)

    def _link(self, page: int) -> str:
        query = QueryDict(mutable=True)
        query.update(self.request.query_params)
        query.setlist("page", [str(page)])
        return self.request.build_absolute_uri(self.request.path + "?" + query.urlencode())

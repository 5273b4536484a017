"""The read-only endpoints of /api/v1/. Thin: each reads through an app's selectors
and hands the rows to a serializer; ``PublicAPIView`` adds the licence, the ETag and
conditional GET; the exception handler (api/errors.py) turns every error into JSON."""

from django.db.models import Count
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response

from direct_award.selectors import awards_recorded
from feedback.selectors import public_feedback, public_feedback_ids, supplier_figures
from frameworks.selectors import categories_in_tree_order, framework_list
from listings.selectors import listings_public
from orders.selectors import orders_paid_public
from strategies.selectors import pipeline_entry_list, strategy_published
from suppliers.selectors import suppliers_a_to_z

from . import serializers_catalogue as catalogue
from . import serializers_data as data
from .views_base import PublicAPIView

SUPPLIER_FILTER = OpenApiParameter(
    "supplier", str, description="Only this supplier's (its slug, as in /api/v1/suppliers/)."
)


class PagedListView(ListModelMixin, PublicAPIView):
    """A list in primary-key order, a page at a time (see api/pagination.py)."""

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.serialize(page))

    def serialize(self, page) -> list:
        return self.get_serializer(page, many=True).data


class DetailView(PublicAPIView):
    pagination_class = None

    def get(self, request, *args, **kwargs):
        instance = self.get_object()
        self.note_modified(*self.modified(instance))
        return Response(self.get_serializer(instance).data)

    def modified(self, instance) -> tuple:
        return ()


def _frameworks():
    return framework_list(include_planned=True).prefetch_related("lots__categories")


@extend_schema(summary="Frameworks, each with its lots", tags=["Catalogue"])
class FrameworkList(PagedListView):
    serializer_class = catalogue.FrameworkSerializer

    def get_queryset(self):
        return _frameworks()


@extend_schema(summary="One framework, with its lots", tags=["Catalogue"])
class FrameworkDetail(DetailView):
    serializer_class = catalogue.FrameworkSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return _frameworks()


@extend_schema(summary="The category tree", tags=["Catalogue"])
class CategoryTree(PublicAPIView):
    """Every category, nested under its parent. Not paged: the whole tree at once."""

    pagination_class = None
    serializer_class = catalogue.CategorySerializer

    @extend_schema(responses=catalogue.CategorySerializer(many=True))
    def get(self, request, *args, **kwargs):
        roots, by_path = [], {}
        for category in categories_in_tree_order():
            category.tree_children = []
            by_path[category.path] = category
            parent = by_path.get(category.path[: -category.steplen])
            (parent.tree_children if parent else roots).append(category)
        return Response(self.get_serializer(roots, many=True).data)


def _suppliers():
    return suppliers_a_to_z().prefetch_related("regions_served", "accreditations")


class SupplierFeedbackMixin:
    def get_serializer_context(self):
        return {**super().get_serializer_context(), "feedback": self.figures}


@extend_schema(summary="Suppliers: public profiles and feedback figures", tags=["Suppliers"])
class SupplierList(SupplierFeedbackMixin, PagedListView):
    serializer_class = catalogue.SupplierSerializer

    def get_queryset(self):
        return _suppliers()

    def serialize(self, page) -> list:
        self.figures = supplier_figures(supplier_slugs=[supplier.slug for supplier in page])
        return super().serialize(page)


@extend_schema(summary="One supplier", tags=["Suppliers"])
class SupplierDetail(SupplierFeedbackMixin, DetailView):
    serializer_class = catalogue.SupplierSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return _suppliers()

    def get_object(self):
        supplier = super().get_object()
        self.figures = supplier_figures(supplier_slugs=[supplier.slug])
        return supplier

    def modified(self, supplier) -> tuple:
        return (supplier.updated_at,)


def _listings():
    return listings_public().prefetch_related("live_version__categories", "live_version__regions")


@extend_schema(summary="Published listings (their live version)", tags=["Listings"])
class ListingList(PagedListView):
    serializer_class = catalogue.ListingSerializer

    @extend_schema(parameters=[SUPPLIER_FILTER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        listings = _listings()
        supplier = self.request.query_params.get("supplier")
        return listings.filter(supplier__slug=supplier) if supplier else listings


@extend_schema(summary="One published listing (its live version)", tags=["Listings"])
class ListingDetail(DetailView):
    serializer_class = catalogue.ListingSerializer

    def get_queryset(self):
        return _listings()

    def modified(self, listing) -> tuple:
        return (listing.live_version.reviewed_at, listing.published_at)


@extend_schema(summary="Published feedback on suppliers", tags=["Feedback"])
class FeedbackList(PagedListView):
    serializer_class = data.FeedbackSerializer

    @extend_schema(parameters=[SUPPLIER_FILTER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return public_feedback_ids(supplier_slug=self.request.query_params.get("supplier", ""))

    def serialize(self, page) -> list:
        ids = [feedback.pk for feedback in page]
        by_id = {item.id: item for item in public_feedback(ids=ids)}
        return self.get_serializer([by_id[pk] for pk in ids], many=True).data


@extend_schema(summary="Published procurement strategies", tags=["Pipelines"])
class StrategyList(PagedListView):
    serializer_class = data.StrategySerializer

    def get_queryset(self):
        return strategy_published().annotate(entry_count=Count("pipeline_entries"))


@extend_schema(summary="Planned procurements from published strategies", tags=["Pipelines"])
class PipelineList(PagedListView):
    serializer_class = data.PipelineEntrySerializer

    def get_queryset(self):
        return pipeline_entry_list()


@extend_schema(summary="Contracts awarded through the service", tags=["Awards"])
class AwardList(PagedListView):
    serializer_class = data.AwardSerializer

    def get_queryset(self):
        return awards_recorded()


@extend_schema(summary="Card orders paid through the service", tags=["Awards"])
class OrderList(PagedListView):
    serializer_class = data.OrderSerializer

    def get_queryset(self):
        return orders_paid_public()

"""/api/: the documentation page, and version 1 of the read-only JSON API."""

from django.urls import include, path, re_path

from marketplace.accounts.access import public

from . import views, views_docs, views_search
from .views_base import NoEndpoint

app_name = "api"


def _public(view_class, **initkwargs):
    return public(view_class.as_view(**initkwargs))


v1 = [
    path("openapi.json", _public(views_docs.OpenApiDocument), name="openapi"),
    path("frameworks/", _public(views.FrameworkList), name="frameworks"),
    path("frameworks/<slug:slug>/", _public(views.FrameworkDetail), name="framework"),
    path("categories/", _public(views.CategoryTree), name="categories"),
    path("suppliers/", _public(views.SupplierList), name="suppliers"),
    path("suppliers/<slug:slug>/", _public(views.SupplierDetail), name="supplier"),
    path("listings/", _public(views.ListingList), name="listings"),
    path("listings/<int:pk>/", _public(views.ListingDetail), name="listing"),
    path("search/", _public(views_search.Search), name="search"),
    path("feedback/", _public(views.FeedbackList), name="feedback"),
    path("strategies/", _public(views.StrategyList), name="strategies"),
    path("pipeline/", _public(views.PipelineList), name="pipeline"),
    path("awards/", _public(views.AwardList), name="awards"),
    path("orders/", _public(views.OrderList), name="orders"),
]

urlpatterns = [
    path("", views_docs.documentation, name="documentation"),
    path("v1/", include(v1)),
]

# Included by the site after every other /api/ route (the OCDS endpoints too):
# any other path under /api/ is a JSON 404.
# [\s\S], not ".": a path with an encoded line break is still under /api/.
no_endpoint = [re_path(r"^[\s\S]*$", _public(NoEndpoint), name="no-endpoint")]

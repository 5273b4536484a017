"""Views under /strategies/ that are not pages. They sit in front of Wagtail's
page serving, so their first path segments (pipeline, opportunities, data, alerts) are
reserved: no organisation's strategies index may use them as its slug."""

from django.urls import path

from . import alert_views, views

app_name = "strategies"

RESERVED_SLUGS = {"pipeline", "opportunities", "data", "alerts"}

urlpatterns = [
    path("pipeline/", views.pipeline_search, name="pipeline"),
    path(
        "pipeline.<data_format:file_format>",
        views.pipeline_download,
        name="pipeline-download",
    ),
    path("opportunities/", views.small_supplier_opportunity_list, name="opportunities"),
    path("data/", views.open_data_index, name="open-data"),
    path("alerts/", alert_views.pipeline_alerts, name="alerts"),
    path("<slug:organisation>/compare/", views.strategy_comparison, name="compare"),
    path("<slug:organisation>/<slug:year>/strategy.pdf", views.strategy_pdf, name="pdf"),
    path(
        "<slug:organisation>/<slug:year>/pipeline.<data_format:file_format>",
        views.strategy_pipeline_download,
        name="strategy-pipeline-download",
    ),
]

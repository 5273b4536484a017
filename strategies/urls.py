"""The downloads under /strategies/, in front of Wagtail's page serving. Their
last path segment has a dot (pipeline.csv, strategy.pdf), which no page slug
has, so they never hide a page. Every other address under /strategies/ is a
page or one of its sub-pages (RoutablePageMixin routes in models/pages.py)."""

from django.urls import path

from . import views

app_name = "strategies"

urlpatterns = [
    path(
        "pipeline.<data_format:file_format>",
        views.pipeline_download,
        name="pipeline-download",
    ),
    path("<slug:organisation>/<slug:year>/strategy.pdf", views.strategy_pdf, name="pdf"),
    path(
        "<slug:organisation>/<slug:year>/pipeline.<data_format:file_format>",
        views.strategy_pipeline_download,
        name="strategy-pipeline-download",
    ),
]

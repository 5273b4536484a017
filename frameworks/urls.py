from django.urls import path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("", views.framework_index, name="index"),
    path("map/", views.framework_map_page, name="map"),
    path("map.pdf", views.framework_map_pdf, name="map-pdf"),
    path("data/", views.open_data_index, name="open-data"),
    path(
        "data/<slug:name>.<data_format:file_format>",
        views.open_data_download,
        name="open-data-download",
    ),
    path("<slug:slug>/", views.framework_detail, name="detail"),
]

from django.urls import path, register_converter

from frameworks.urls import DataFormat

from . import views

register_converter(DataFormat, "spend_data_format")

app_name = "spend"

urlpatterns = [
    path("", views.spend_index, name="index"),
    path("<str:year>.<spend_data_format:file_format>", views.spend_download, name="download"),
]

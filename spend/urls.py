from django.urls import path

from . import views

app_name = "spend"

urlpatterns = [
    # data_format (csv or json) is registered once by the core app.
    path("<str:year>.<data_format:file_format>", views.spend_download, name="download"),
    path("", views.spend_index, name="index"),
]

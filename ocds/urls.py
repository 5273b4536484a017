from django.urls import path

from . import views

app_name = "ocds"

urlpatterns = [
    path("", views.ocds_index, name="index"),
    path("releases/", views.release_package_paged, name="releases"),
    path("releases/<str:year>.json", views.release_package_year, name="releases-year"),
    path("records/<str:ocid>/", views.record, name="records"),
    path("publication-policy/", views.publication_policy, name="publication-policy"),
]

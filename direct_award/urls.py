from django.urls import path

from . import views

app_name = "direct_award"

urlpatterns = [
    path("searches/save/", views.save_search, name="save-search"),
    path("projects/", views.projects, name="projects"),
    path("projects/<int:pk>/", views.project, name="project"),
    path("searches/<int:pk>/", views.saved_search, name="saved-search"),
    path("searches/<int:pk>/end/", views.end_search, name="end-search"),
    path(
        "searches/<int:pk>/shortlist.csv",
        views.shortlist_download,
        {"file_format": "csv"},
        name="shortlist-csv",
    ),
    path(
        "searches/<int:pk>/shortlist.ods",
        views.shortlist_download,
        {"file_format": "ods"},
        name="shortlist-ods",
    ),
    path("searches/<int:pk>/outcome/", views.outcome, name="outcome"),
]

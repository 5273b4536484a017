from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search_results, name="results"),
    path("guides/", views.guide_index, name="guides"),
    path("guides/<slug:slug>/", views.guide_detail, name="guide"),
]

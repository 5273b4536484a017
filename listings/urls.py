from django.urls import path

from . import views

app_name = "listings"

urlpatterns = [
    path("<int:pk>/", views.listing_detail, name="detail"),
    path(
        "<int:pk>/versions/<int:number>/documents/<slug:kind>/",
        views.listing_document,
        name="document",
    ),
]

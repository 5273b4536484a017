from django.urls import path

from . import views

app_name = "suppliers"

urlpatterns = [
    path("", views.supplier_index, name="index"),
    path("<slug:slug>/", views.supplier_detail, name="detail"),
]

"""The supplier's side, under /supplier/questions/."""

from django.urls import path

from . import views

app_name = "supplier_questions"

urlpatterns = [
    path("", views.supplier_questions, name="list"),
    path("<int:pk>/", views.supplier_question, name="detail"),
]

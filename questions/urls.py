"""The buyer's side, under /buyer/questions/."""

from django.urls import path

from . import views

app_name = "questions"

urlpatterns = [
    path("", views.buyer_questions, name="list"),
    path("<int:pk>/", views.buyer_question, name="detail"),
    path("ask/<int:listing_pk>/", views.ask, name="ask"),
]

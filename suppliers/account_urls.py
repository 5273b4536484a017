"""The supplier's own area, under /supplier/ (their listings live under /supplier/listings/)."""

from django.urls import path

from . import account_views as views
from . import supply_chain_views

app_name = "supplier_account"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("register/", views.register, name="register"),
    path("profile/", views.profile, name="profile"),
    path("team/", views.team, name="team"),
    path("team/invitations/<int:pk>/cancel/", views.cancel_invitation, name="cancel-invitation"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("partners/", supply_chain_views.partners, name="partners"),
    path(
        "partners/<int:pk>/answer/",
        supply_chain_views.answer_partnership,
        name="answer-partnership",
    ),
    path("partners/<int:pk>/end/", supply_chain_views.end_partnership, name="end-partnership"),
    path("supply-chain-guidelines/", supply_chain_views.guidelines, name="guidelines"),
]

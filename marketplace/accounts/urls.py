from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("register/", views.register_buyer, name="register-buyer"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm-email"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.password_reset_complete,
        name="password-reset-complete",
    ),
    path("join-requests/", views.join_requests, name="join-requests"),
    path("join-requests/<int:pk>/", views.join_request_decide, name="join-request-decide"),
    path("", views.your_account, name="your-account"),
]

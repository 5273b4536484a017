from django.urls import path

from . import views, webhooks

app_name = "orders"

urlpatterns = [
    path("", views.buyer_history, name="history"),
    path("supplier/", views.supplier_history, name="supplier_history"),
    path("buy/<int:listing_pk>/", views.buy, name="buy"),
    path("buy/<int:listing_pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/paid/", views.order_detail, {"arrived": "paid"}, name="paid"),
    path("<int:pk>/cancelled/", views.order_detail, {"arrived": "cancelled"}, name="cancelled"),
    path("<int:pk>/pay/", views.pay, name="pay"),
    path("<int:pk>/receipt.pdf", views.order_receipt, name="receipt"),
    path("<int:pk>/refund/", views.refund, name="refund"),
    path("connect/", views.connect, name="connect"),
    path("connect/return/", views.connect_return, name="connect_return"),
    path("webhooks/stripe/", webhooks.stripe_webhook, name="stripe_webhook"),
]

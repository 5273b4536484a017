from django.urls import path

from . import buyer_views, supplier_views, views

app_name = "feedback"

urlpatterns = [
    # Anyone: the feedback on a supplier or one of its services, and the open data.
    path("suppliers/<slug:slug>/", views.supplier_feedback, name="supplier"),
    path("services/<int:listing_id>/", views.listing_feedback, name="listing"),
    path("data/", views.open_data_index, name="open-data"),
    path("data/<slug:name>.csv", views.open_data_download, {"file_format": "csv"}, name="csv"),
    path("data/<slug:name>.json", views.open_data_download, {"file_format": "json"}, name="json"),
    # Buyers.
    path("suppliers/<slug:slug>/write/", buyer_views.write, name="write"),
    path("suppliers/<slug:slug>/declare/", buyer_views.declare, name="declare"),
    path("yours/", buyer_views.yours, name="yours"),
    path("<int:pk>/sent/", buyer_views.sent, name="sent"),
    path("<int:pk>/update/", buyer_views.update, name="update"),
    path("<int:pk>/versions/<int:number>/withdraw/", buyer_views.withdraw, name="withdraw"),
    # Suppliers.
    path("about-you/", supplier_views.about_you, name="about-you"),
    path("<int:pk>/respond/", supplier_views.respond, name="respond"),
    path("<int:pk>/dispute/", supplier_views.dispute, name="dispute"),
]
